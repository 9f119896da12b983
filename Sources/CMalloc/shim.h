#ifndef SIGNPOST_CMALLOC_SHIM_H
#define SIGNPOST_CMALLOC_SHIM_H
// glibc's malloc.h (malloc_trim), which Swift's Glibc module does not import.
#include <malloc.h>
#endif
