/* The little JSON the browser entry points need: a growing text buffer with
 * string quoting, and the page's argument list (a JSON array of strings). */
#ifndef GOGROW_WEBJSON_H
#define GOGROW_WEBJSON_H

#include <stddef.h>

typedef struct webjson {
	char *buf; /* NUL-terminated when len > 0 */
	size_t len, cap;
	int oom; /* an append failed: the text is incomplete */
} webjson;

void webjson_raw(webjson *b, const char *s, size_t n);
void webjson_str(webjson *b, const char *s);
void webjson_printf(webjson *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal (UTF-8 passes through). */
void webjson_quote(webjson *b, const char *s);
/* Hands the text to the caller (free it); the buffer is empty after. */
char *webjson_take(webjson *b);
void webjson_free(webjson *b);

/* Parses ["a","b",...] into argv {prog, "a", "b", ..., NULL}; NULL when the
 * text is not such an array or memory runs out. */
char **webjson_argv(const char *json, const char *prog, int *argc);
void webjson_argv_free(char **argv, int argc);

#endif
