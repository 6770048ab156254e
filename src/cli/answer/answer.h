/* Answers are data: each command first asks the library everything it will
 * print and keeps it in one of these structures (numbers and strings, owned
 * by the caller, freed with the matching *_answer_free), then hands it to a
 * writer in src/cli/out/ (text table, TSV, JSON). A command's numbers are
 * therefore computed once, whatever the format, and a host without a
 * terminal (the WebAssembly build) can take the same answers. */
#ifndef GOGROW_ANSWER_H
#define GOGROW_ANSWER_H

#include "cli/cli.h"

/* What one target said, when it refused: the status and its message. */
typedef struct answer_target {
	int go;
	const char *arch; /* the library's static arch name */
	gg_status st;
	char msg[GG_ERROR_MSG_MAX];
} answer_target;

/* gogrow append: s := make([]T, len, cap); s = append(s, <add elements>) */
typedef struct append_row {
	answer_target t;
	gg_elem el;
	gg_grow g;
} append_row;

typedef struct append_answer {
	const char *type; /* the argument as given */
	int64_t len, cap, add;
	gg_escape esc;
	append_row *rows; /* one per target */
	int nrows;
} append_answer;

/* Fills a->rows for every target of c (a->len..esc set by the caller).
 * Returns 0 only when out of memory. */
int append_answer_build(append_answer *a, const cli_common *c, const gg_type *elem);
void append_answer_free(append_answer *a);

/* gogrow classes: the size-class table for each target. */
typedef struct classes_row {
	int go;
	const char *arch;
	int cls;
	uint32_t bytes, pages, objs_noscan, objs_scan, tail_waste;
} classes_row;

typedef struct classes_answer {
	classes_row *rows;
	size_t nrows;
} classes_answer;

int classes_answer_build(classes_answer *a, const cli_common *c);
void classes_answer_free(classes_answer *a);

/* gogrow grow: every step while appending one element at a time, per target. */
typedef struct grow_series {
	answer_target t;
	gg_elem e;
	gg_grow *steps;
	size_t n, cap;
	int final_move; /* the last step is the escape point's move to the heap */
	int oom;
} grow_series;

typedef struct grow_answer {
	const char *type; /* the argument as given */
	int64_t n;	  /* --n, or -1 for each element size's golden length */
	int64_t shown_n;  /* the n JSON reports: the last target's length */
	gg_escape esc;
	grow_series *ss; /* one per target */
	int nseries;
} grow_answer;

/* Fills a->ss (a->type, n and esc set by the caller); 0 when out of memory. */
int grow_answer_build(grow_answer *a, const cli_common *c, const gg_type *elem);
void grow_answer_free(grow_answer *a);

/* gogrow compare: one question over releases (rows) x arches (columns). */
#define COMPARE_CELL 48
typedef struct compare_answer {
	const char *type; /* the argument as given */
	int64_t len, cap, add, hint;
	int has_hint; /* the heap bytes of make(map, hint) */
	int is_slice; /* cap() after an append; else size/align */
	int gos[GG_GO_MAX + 1], ngo;
	const char *arches[16]; /* the library's static arch names */
	int narch;
	char (*cells)[COMPARE_CELL]; /* ngo x narch, row by row; "-": no such port */
	int rc;			     /* EXIT_GO_REJECTS when a cell is one Go rejects */
} compare_answer;

/* The axes from c's targets, then every cell about t (the element type
 * for a slice question); 0 when out of memory. */
int compare_answer_build(compare_answer *a, const cli_common *c, const gg_type *t);
void compare_answer_free(compare_answer *a);

#endif
