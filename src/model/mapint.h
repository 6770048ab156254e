/* Internal entry points of the two map implementations (map_classic.c and
 * map_swiss.c); the public API in gogrow/map.h dispatches on the type. */
#ifndef GOGROW_MODEL_MAPINT_H
#define GOGROW_MODEL_MAPINT_H

#include "gogrow/map.h"

gg_status gg_classic_make(const gg_maptype *m, int64_t hint, int small, gg_mapmake *out, gg_error *err);
gg_status gg_classic_grow(const gg_maptype *m, int64_t hint, int64_t n, gg_mapstep_fn fn, void *ctx,
			  gg_mapgrowth *out, gg_error *err);
gg_status gg_swiss_make(const gg_maptype *m, int64_t hint, int small, gg_mapmake *out, gg_error *err);
gg_status gg_swiss_grow(const gg_maptype *m, int64_t hint, int64_t n, gg_mapstep_fn fn, void *ctx,
			gg_mapgrowth *out, gg_error *err);

/* Adds one allocation to a make result. */
void gg_mapmake_add(gg_mapmake *mk, const gg_maptype *m, const char *what, uint64_t size, int noscan,
		    uint64_t count);
/* Adds one allocation to a growth step. */
void gg_mapstep_add(gg_mapstep *s, const gg_maptype *m, const char *what, uint64_t size, int noscan,
		    uint64_t count);

#endif
