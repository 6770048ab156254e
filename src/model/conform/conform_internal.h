/* Internals of the conformance rows (gogrow/conform.h): the kinds, and the
 * answer of each kind for a row. The formats are those of the golden
 * vectors (tests/data/golden/README.md), plus layoutsa (size and align
 * only), stackappend (caps seen through the compiler's stack backing
 * stores), conv, and the map kinds of the probe. See docs/conform.md. */
#ifndef GOGROW_CONFORM_INTERNAL_H
#define GOGROW_CONFORM_INTERNAL_H

#include "gogrow/conform.h"
#include "gogrow/map.h"
#include "gogrow/slice.h"
#include "gogrow/types.h"

#define CONFORM_CELL GG_CONFORM_CELL

typedef enum {
	KIND_LAYOUT,
	KIND_LAYOUTSA,
	KIND_GROWTH,
	KIND_APPEND,
	KIND_STACKAPPEND,
	KIND_MAKEMAP,
	KIND_MAPGROW,
	KIND_MAPALLOC,
	KIND_MAPFILL,
	KIND_MAPSTACK,
	KIND_CONV
} kind_id;

/* conv rows name a conversion, not a type, in their third column. */
int ggi_conform_conv(const gg_target *tg, char *const *f, char out[][CONFORM_CELL], gg_error *err);

int ggi_conform_layout(const gg_type *t, const gg_target *tg, char out[][CONFORM_CELL], gg_error *err);
int ggi_conform_layoutsa(const gg_type *t, const gg_target *tg, char out[][CONFORM_CELL], gg_error *err);
int ggi_conform_growth(const gg_type *t, const gg_target *tg, char out[][CONFORM_CELL], gg_error *err);
int ggi_conform_append(const gg_type *t, const gg_target *tg, char *const *f, char out[][CONFORM_CELL],
		       gg_error *err);
int ggi_conform_stackappend(const gg_type *t, const gg_target *tg, char *const *f, char out[][CONFORM_CELL],
			    gg_error *err);

/* Map kinds (conform_maps.c). noswissmap: the go column named
 * X:noswissmap. mapgrow's n comes from the comment line above the rows. */
int ggi_conform_makemap(const gg_type *t, const gg_target *tg, gg_mapexp noswissmap, char *const *f,
			char out[][CONFORM_CELL], gg_error *err);
int ggi_conform_mapgrow(const gg_type *t, const gg_target *tg, gg_mapexp noswissmap, int64_t n,
			char out[][CONFORM_CELL], gg_error *err);
int ggi_conform_mapalloc(const gg_type *t, const gg_target *tg, gg_mapexp noswissmap, char *const *f,
			 char out[][CONFORM_CELL], gg_error *err);
int ggi_conform_mapfill(const gg_type *t, const gg_target *tg, gg_mapexp noswissmap, char *const *f,
			char out[][CONFORM_CELL], gg_error *err);
int ggi_conform_mapstack(const gg_type *t, const gg_target *tg, gg_mapexp noswissmap, char *const *f,
			 char out[][CONFORM_CELL], gg_error *err);

#endif
