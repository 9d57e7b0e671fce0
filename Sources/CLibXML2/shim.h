// The parts of libxml2 that HeededXML uses. ICU is switched off so the module does not clash with
// Foundation's own ICU types ('UErrorCode' has different definitions), see shared notes.
#ifndef HEEDED_CLIBXML2_SHIM_H
#define HEEDED_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlIO.h>

// xmlFree is a macro on Debian (thread-local allocators), so Swift cannot call it directly.
static inline void clibxml2_free(void *p) { xmlFree(p); }
#endif
