/* Where the writers put their bytes: a FILE (the command's stdout, a plot
 * file) or a growable memory buffer, so that the same writers serve a build
 * that has no stdout of its own (WebAssembly) and tests that read the text
 * back. */
#ifndef GOGROW_OUT_SINK_H
#define GOGROW_OUT_SINK_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef struct out_sink {
	FILE *f;   /* when set, bytes go here; else into buf */
	char *buf; /* NUL-terminated after every write */
	size_t len, cap;
	int oom; /* a memory sink that could not grow (bytes were dropped) */
} out_sink;

void sink_file(out_sink *s, FILE *f);
void sink_mem(out_sink *s);
/* The sink on the process's stdout that the commands write to. */
out_sink *sink_stdout(void);

void sink_write(out_sink *s, const void *p, size_t n);
void sink_puts(out_sink *s, const char *str);
void sink_putc(out_sink *s, int c);
void sink_printf(out_sink *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sink_vprintf(out_sink *s, const char *fmt, va_list ap);
/* Whether a write failed: a FILE's error flag or a memory sink's oom. */
int sink_failed(const out_sink *s);
/* Frees a memory sink's buffer (a FILE is the caller's to close). */
void sink_free(out_sink *s);

#endif
