/* Conformance rows: the TSV vector formats (golden vectors measured on real
 * Go, validation and probe vectors; docs/conform.md) and what the model
 * answers for each row, so that any program can check the model against
 * measurements. `gogrow conform` reads the files and reports; the answers
 * come from here.
 *
 * A file starts with a header line naming its kind's columns; the model
 * recomputes the kind's measured columns of every row. Rows are strings as
 * the files hold them, and so are the answers, so that a row matches when
 * the strings are equal. */
#ifndef GOGROW_CONFORM_H
#define GOGROW_CONFORM_H

#include <stddef.h>
#include <stdint.h>

#include "gogrow/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GG_CONFORM_CELL 65536 /* the longest answer: a growth row's caps list */
#define GG_CONFORM_MAX_MEASURED 4
#define GG_CONFORM_MAX_COLS 8

typedef struct gg_conform_kind {
	int id;		  /* gogrow's own tag for the kind */
	const char *name; /* "layout", "growth", "makemap", ... */
	int ncols;
	const char *cols[GG_CONFORM_MAX_COLS];
	int nmeasured;
	int measured[GG_CONFORM_MAX_MEASURED]; /* column indexes the model recomputes */
} gg_conform_kind;

/* The kind whose header line (column names separated by tabs) this is, or
 * NULL. */
const gg_conform_kind *gg_conform_kind_of(const char *header);

/* Every kind, for listing them: i from 0 while the result is not NULL. */
const gg_conform_kind *gg_conform_kind_at(size_t i);

/* Every kind's name as a phrase, "layout, layoutsa, ... or mapstack". */
void gg_conform_kind_names(char *buf, size_t n);

/* The rows of one file of a kind: the last type parsed is kept (rows come
 * grouped by type) and mapgrow's "# TYPE: N=..." comments apply to the
 * rows under them. */
typedef struct gg_conform gg_conform;

gg_status gg_conform_new(const gg_conform_kind *kind, gg_conform **out);
void gg_conform_free(gg_conform *c);

/* A comment line of the file ("# ..."). */
void gg_conform_comment(gg_conform *c, const char *line);

/* The model's answers for the row `f` (kind->ncols fields): cells[i] gets
 * the value of column kind->measured[i], pointing into c's storage until
 * the next call. Fails when the row cannot be answered (bad release, a type
 * that does not parse, a Go panic where the row has a value); err says why. */
gg_status gg_conform_row(gg_conform *c, char *const *f, const char *cells[GG_CONFORM_MAX_MEASURED],
			 gg_error *err);

/* How far the golden growth vectors append one element at a time for an
 * element of `size` bytes (shared/golden/README.md): 2^27 bytes' worth,
 * at most 2^20 elements, at most 2000 from 4 KiB up, 5000 for size 0. */
int64_t gg_golden_grow_len(uint64_t size);

#ifdef __cplusplus
}
#endif

#endif
