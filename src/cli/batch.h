/* gogrow batch, split so that the fuzz target can drive one line at a time. */
#ifndef GOGROW_BATCH_H
#define GOGROW_BATCH_H

#include <stdio.h>
#include "cli/cli.h"
#include "cli/out/sink.h"

#define BATCH_ANSWER_MAX 65536
#define BATCH_ERR_MAX (GG_ERROR_MSG_MAX + 128)

typedef struct batch_state {
	char *type_src; /* last type parsed, reused while lines repeat it */
	gg_typeexpr *type;
	gg_error err;
} batch_state;

/* A question read from a TSV or JSON line (batch_input.c). */
typedef enum { Q_LAYOUT, Q_OFFSETS, Q_APPEND, Q_GROW, Q_MAKEMAP } batch_kind;

typedef struct batch_question {
	batch_kind kind;
	const char *name; /* "layout", ... */
	const char *go, *arch;
	const char *type;
	/* Line column of each byte of type, to point a type error into the line. */
	const uint32_t *type_cols;
	uint32_t type_col;	  /* when type_cols is NULL: the column of type[0] */
	int64_t len, cap, add, n; /* makemap's hint travels in len */
	int has_cap;
} batch_question;

/* Reads a TSV line (split in place) or a JSON line into q. Returns 0 with a
 * message in err ("column N: ..." where a byte is at fault). */
int batch_read_tsv(char *line, batch_question *q, char *err, size_t errlen);
int batch_read_json(const char *line, size_t len, void *kvbuf, batch_question *q, char *err, size_t errlen);
size_t batch_kvbuf_size(void);

/* The bytes of a line that no question may contain: NUL, control
 * characters other than tab, malformed UTF-8. 0 with "column N: ..." */
int batch_check_bytes(const char *line, size_t len, char *err, size_t errlen);

/* The answer to one question: numbers, and the caps as text in buf. */
typedef struct batch_field {
	const char *name; /* into the parsed type, which batch_state keeps */
	uint64_t size, align;
} batch_field;

typedef struct batch_answer {
	char buf[BATCH_ANSWER_MAX];
	uint64_t size, align, ptrdata, bytes, alloc, mallocs;
	int64_t newcap;
	uint64_t *offs; /* a struct literal's field offsets (offsets; JSON layout) */
	batch_field *fields;
	size_t noffs;
} batch_answer;

/* Answers q into a (answer/batch_answer.c); 0 with the reason in err. */
int batch_ask(const batch_question *q, batch_state *b, batch_answer *a, char *err, size_t errlen);
void batch_answer_free(batch_answer *a);

/* The writers (out/batch_out.c). parsed: q was read; ok: a holds the
 * answer, else err says why. */
void batch_write_json(out_sink *out, long lineno, const batch_question *q, int parsed, int ok,
		      const batch_answer *a, const char *err);
/* The question's nfields fields (split in place by batch_read_tsv), then the answer's. */
void batch_write_tsv(out_sink *out, const char *line, int nfields, const batch_question *q,
		     const batch_answer *a);

/* Answers one input line on `out`; returns 1 if it was answered, 0 if it got an error answer. */
int batch_line(const char *line, long lineno, batch_state *b, out_sink *out);
/* The same for a line of `len` bytes that may hold NUL bytes. */
int batch_line_len(const char *line, size_t len, long lineno, batch_state *b, out_sink *out);
void batch_free(batch_state *b);
int batch_caps(const gg_target *tg, gg_elem e, int64_t n, char *buf, size_t cap, gg_error *err);

#endif
