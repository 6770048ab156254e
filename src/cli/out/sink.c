/* Output sinks: see sink.h. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/out/sink.h"

void sink_file(out_sink *s, FILE *f)
{
	memset(s, 0, sizeof *s);
	s->f = f;
}

void sink_mem(out_sink *s)
{
	memset(s, 0, sizeof *s);
}

out_sink *sink_stdout(void)
{
	static out_sink s;
	s.f = stdout;
	return &s;
}

/* Room for n more bytes and the NUL; 0 (and oom set) when there is none. */
static int reserve(out_sink *s, size_t n)
{
	if (s->oom || n > SIZE_MAX / 2 - s->len)
		return s->oom = 1, 0;
	if (s->len + n + 1 <= s->cap)
		return 1;
	size_t cap = s->cap ? s->cap : 256;
	while (cap < s->len + n + 1)
		cap *= 2;
	char *b = realloc(s->buf, cap);
	if (!b)
		return s->oom = 1, 0;
	s->buf = b;
	s->cap = cap;
	return 1;
}

void sink_write(out_sink *s, const void *p, size_t n)
{
	if (s->f) {
		fwrite(p, 1, n, s->f);
		return;
	}
	if (!reserve(s, n))
		return;
	assert(s->len + n < s->cap);
	memcpy(s->buf + s->len, p, n);
	s->len += n;
	s->buf[s->len] = 0;
}

void sink_puts(out_sink *s, const char *str)
{
	sink_write(s, str, strlen(str));
}

void sink_putc(out_sink *s, int c)
{
	char b = (char)c;
	sink_write(s, &b, 1);
}

void sink_vprintf(out_sink *s, const char *fmt, va_list ap)
{
	if (s->f) {
		vfprintf(s->f, fmt, ap);
		return;
	}
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || !reserve(s, (size_t)n))
		return;
	assert(s->len + (size_t)n < s->cap);
	vsnprintf(s->buf + s->len, (size_t)n + 1, fmt, ap);
	s->len += (size_t)n;
}

void sink_printf(out_sink *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sink_vprintf(s, fmt, ap);
	va_end(ap);
}

int sink_failed(const out_sink *s)
{
	return s->f ? ferror(s->f) != 0 : s->oom;
}

void sink_free(out_sink *s)
{
	if (!s->f)
		free(s->buf);
	memset(s, 0, sizeof *s);
}
