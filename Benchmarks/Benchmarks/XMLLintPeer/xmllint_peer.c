// The peer of the form-loading benchmark: libxml2's parse and XSD validation of each file, and nothing else.
#include "xmllint_peer.h"
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

void *xmllint_peer_schema(const char *path) {
    xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(path);
    if (parser == NULL) return NULL;
    xmlSchemaPtr schema = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
    return schema;
}

int xmllint_peer_validate(void *schema, const char *const *paths, int count) {
    int invalid = 0;
    for (int i = 0; i < count; i++) {
        xmlParserCtxtPtr context = xmlNewParserCtxt();
        xmlDocPtr document = xmlCtxtReadFile(context, paths[i], NULL, XML_PARSE_NONET);
        if (document == NULL) {
            invalid++;
        } else {
            xmlSchemaValidCtxtPtr validator = xmlSchemaNewValidCtxt((xmlSchemaPtr)schema);
            if (xmlSchemaValidateDoc(validator, document) != 0) invalid++;
            xmlSchemaFreeValidCtxt(validator);
            xmlFreeDoc(document);
        }
        xmlFreeParserCtxt(context);
    }
    return invalid;
}

void xmllint_peer_free(void *schema) {
    xmlSchemaFree((xmlSchemaPtr)schema);
}
