/* A reader for flat JSON objects, one per line ("JSON lines"): string,
 * integer, true/false/null values only; what batch input needs. */
#ifndef GOGROW_JSONL_H
#define GOGROW_JSONL_H

#include <stddef.h>
#include <stdint.h>

#define JSONL_MAX_KEYS 16
#define JSONL_STR_MAX 1024

typedef enum jsonl_kind { JSONL_STRING, JSONL_INT, JSONL_BOOL, JSONL_NULL } jsonl_kind;

typedef struct jsonl_kv {
	char key[32];
	jsonl_kind kind;
	int column; /* 1-based column of the value in the line */
	char str[JSONL_STR_MAX];
	/* For a string, the line column each byte of str came from, so that an
	 * error inside the value (a type expression) can point into the line
	 * even when the value had escapes. */
	uint32_t src_col[JSONL_STR_MAX];
	int64_t num; /* an integer's value; 1 for true */
} jsonl_kv;

/* Parses `line` (its `len` bytes, which must all be well-formed UTF-8 text
 * without control characters outside strings' escapes) into at most
 * JSONL_MAX_KEYS pairs, no key twice. Returns the number of pairs, or -1
 * with "column N: what" in err. */
int jsonl_parse(const char *line, size_t len, jsonl_kv *kv, char *err, size_t errlen);

const jsonl_kv *jsonl_get(const jsonl_kv *kv, int n, const char *key);

/* "a string", "an integer", "true"... for error messages. */
const char *jsonl_kind_name(const jsonl_kv *v);

#endif
