#ifndef SIGNPOST_CYAML_SHIM_H
#define SIGNPOST_CYAML_SHIM_H
#include <yaml.h>
#endif
