/* gogrow explain: its answer is, for each target, the numbered steps
 * (text and the Go source it follows) that decide the result. The
 * builders (answer/explain_answer.c for slices, explain_map_answer.c for
 * maps) add steps; out/explain_out.c writes them as text or JSON. */
#ifndef GOGROW_EXPLAIN_H
#define GOGROW_EXPLAIN_H

#include "cli/cli.h"

typedef struct explain_line {
	char *text;
	const char *source; /* a static string: the Go file and function */
} explain_line;

typedef struct explain_result {
	int go;
	const char *arch;
	explain_line *steps;
	size_t n, cap;
} explain_result;

typedef struct explainer {
	const char *type; /* the argument as given */
	int is_map;
	int64_t len, cap, add; /* a slice's question */
	int64_t hint, count;   /* a map's */
	explain_result *results;
	int nresults;
	int oom; /* a step was dropped */
} explainer;

/* Room for ntargets results; 0 when out of memory. */
int explain_alloc(explainer *x, int ntargets);
/* Starts the result of the next target. */
explain_result *explain_begin(explainer *x, const gg_target *tg);
void explain_free(explainer *x);

/* One numbered step of the current target. */
void explain_step(explainer *x, const char *source, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The steps of one append (EXIT_OK or the exit status of Go's refusal). */
int explain_slice(explainer *x, const gg_target *tg, const gg_type *elem, int64_t len, int64_t cap,
		  int64_t add, gg_escape esc);
/* Map make (and, with count > 0, growth up to count keys). */
int explain_map(explainer *x, const gg_type *t, const gg_target *tg, int64_t hint, int64_t count);

#endif
