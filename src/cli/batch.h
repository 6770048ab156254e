/* gogrow batch, split so that the fuzz target can drive one line at a time. */
#ifndef GOGROW_BATCH_H
#define GOGROW_BATCH_H

#include <stdio.h>
#include "cli/cli.h"

#define BATCH_ANSWER_MAX 65536

typedef struct batch_state {
	char *type_src; /* last type parsed, reused while lines repeat it */
	gg_typeexpr *type;
	gg_error err;
} batch_state;

/* Answers one input line on `out`; returns 1 if it was answered, 0 if it got an error answer. */
int batch_line(const char *line, long lineno, batch_state *b, FILE *out);
void batch_free(batch_state *b);
int batch_caps(const gg_target *tg, gg_elem e, int64_t n, char *buf, size_t cap, gg_error *err);

#endif
