/* The TSV formats gogrow conform understands: the golden vectors of
 * ../shared/golden/README.md, plus layoutsa (size and align only) and
 * stackappend (caps seen through the compiler's stack backing stores) for
 * the converted validation data. See docs/conform.md. */
#ifndef GOGROW_CONFORM_H
#define GOGROW_CONFORM_H

#include "cli/cli.h"

#define CONFORM_CELL 65536 /* a growth row's caps list can be long */
#define CONFORM_MAX_MEASURED 4

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

typedef struct conform_kind {
	kind_id id;
	const char *name;
	int ncols;
	const char *cols[8];
	int nmeasured;
	int measured[CONFORM_MAX_MEASURED]; /* column indexes the model recomputes */
	int supported;
} conform_kind;

/* Every kind's name, "layout, layoutsa, ... or mapstack", for messages. */
void conform_kind_names(char *buf, size_t n);

/* The kind whose header line this is, or NULL. */
const conform_kind *conform_kind_of(const char *header);

/* conv rows name a conversion, not a type, in their third column. */
int conform_conv(const gg_target *tg, char **f, char out[][CONFORM_CELL], gg_error *err);

int conform_layout(const gg_type *t, const gg_target *tg, char out[][CONFORM_CELL], gg_error *err);
int conform_layoutsa(const gg_type *t, const gg_target *tg, char out[][CONFORM_CELL], gg_error *err);
int conform_growth(const gg_type *t, const gg_target *tg, char out[][CONFORM_CELL], gg_error *err);
int conform_append(const gg_type *t, const gg_target *tg, char **f, char out[][CONFORM_CELL], gg_error *err);
int conform_stackappend(const gg_type *t, const gg_target *tg, char **f, char out[][CONFORM_CELL],
			gg_error *err);

/* Map kinds (conform_maps.c). noswissmap: the go column named
 * X:noswissmap. mapgrow's n comes from the comment line above the rows. */
int conform_makemap(const gg_type *t, const gg_target *tg, int noswissmap, char **f, char out[][CONFORM_CELL],
		    gg_error *err);
int conform_mapgrow(const gg_type *t, const gg_target *tg, int noswissmap, int64_t n,
		    char out[][CONFORM_CELL], gg_error *err);
int conform_mapalloc(const gg_type *t, const gg_target *tg, int noswissmap, char **f,
		     char out[][CONFORM_CELL], gg_error *err);
int conform_mapfill(const gg_type *t, const gg_target *tg, int noswissmap, char **f, char out[][CONFORM_CELL],
		    gg_error *err);
int conform_mapstack(const gg_type *t, const gg_target *tg, int noswissmap, char **f,
		     char out[][CONFORM_CELL], gg_error *err);

#endif
