#ifndef GOGROW_MODEL_TYPEPARSE_H
#define GOGROW_MODEL_TYPEPARSE_H

#include <stddef.h>
#include "gogrow/types.h"

void *ggi_arena_alloc(gg_typeexpr *a, size_t n);

#endif
