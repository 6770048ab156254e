/* The numbered-step writer shared by gogrow explain for slices and maps. */
#ifndef GOGROW_EXPLAIN_H
#define GOGROW_EXPLAIN_H

#include "cli/cli.h"
#include "cli/out/out.h"

typedef struct explainer {
	cli_format fmt;
	json_w w;
	int n;
} explainer;

/* One numbered step: what happened, and where in Go it happens. */
void explain_step(explainer *x, const char *source, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Map make (and, with count > 0, growth up to count keys). */
int explain_map(explainer *x, const gg_type *t, const gg_target *tg, int64_t hint, int64_t count);

#endif
