// libxml2 for the benchmark's peer (XMLLintPeer) only; Heeded itself reaches libxml2 through HeededXML.
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
