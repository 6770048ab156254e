/* A reader for flat JSON objects, one per line ("JSON lines"): string,
 * integer, true/false/null values only; what batch input needs. */
#ifndef GOGROW_JSONL_H
#define GOGROW_JSONL_H

#include <stddef.h>
#include <stdint.h>

#define JSONL_MAX_KEYS 16
#define JSONL_STR_MAX 1024

typedef struct jsonl_kv {
	char key[32];
	int is_str;
	char str[JSONL_STR_MAX];
	int64_t num;
} jsonl_kv;

/* Parses `line` into at most JSONL_MAX_KEYS pairs. Returns the number of
 * pairs, or -1 with a message (and the 1-based column) in err. */
int jsonl_parse(const char *line, jsonl_kv *kv, char *err, size_t errlen);

const jsonl_kv *jsonl_get(const jsonl_kv *kv, int n, const char *key);

#endif
