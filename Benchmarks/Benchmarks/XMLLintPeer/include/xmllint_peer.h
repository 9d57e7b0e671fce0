// The peer of the form-loading benchmark: what `xmllint --noout --schema` does to each file, in libxml2's own C.
#ifndef XMLLINT_PEER_H
#define XMLLINT_PEER_H

/// Compiles a schema; NULL if it does not compile.
void *xmllint_peer_schema(const char *path);

/// Parses each file (network off, as Heeded does) and validates it against the schema, freeing each document
/// before the next, as xmllint does. Returns how many files were not valid.
int xmllint_peer_validate(void *schema, const char *const *paths, int count);

void xmllint_peer_free(void *schema);

#endif
