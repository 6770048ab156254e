/* JSON in and out of the browser build: see webjson.h. */
#include "web/webjson.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(webjson *b, size_t extra)
{
	if (b->oom)
		return 0;
	if (b->len + extra + 1 <= b->cap)
		return 1;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *p = realloc(b->buf, cap);
	if (!p) {
		b->oom = 1;
		return 0;
	}
	b->buf = p;
	b->cap = cap;
	return 1;
}

void webjson_raw(webjson *b, const char *s, size_t n)
{
	if (!grow(b, n))
		return;
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = 0;
}

void webjson_str(webjson *b, const char *s)
{
	webjson_raw(b, s, strlen(s));
}

void webjson_printf(webjson *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void webjson_quote(webjson *b, const char *s)
{
	webjson_raw(b, "\"", 1);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			char esc[2] = {'\\', (char)*p};
			webjson_raw(b, esc, 2);
		} else if (*p == '\n')
			webjson_raw(b, "\\n", 2);
		else if (*p < 0x20 || *p == 0x7f)
			webjson_printf(b, "\\u%04x", *p);
		else
			webjson_raw(b, (const char *)p, 1);
	}
	webjson_raw(b, "\"", 1);
}

char *webjson_take(webjson *b)
{
	char *s = b->oom ? NULL : b->buf;
	if (b->oom)
		free(b->buf);
	else if (!s)
		s = calloc(1, 1);
	*b = (webjson){0};
	return s;
}

void webjson_free(webjson *b)
{
	free(b->buf);
	*b = (webjson){0};
}

static void put_utf8(webjson *b, uint32_t c)
{
	char u[4];
	size_t n;
	if (c < 0x80)
		u[0] = (char)c, n = 1;
	else if (c < 0x800)
		u[0] = (char)(0xc0 | c >> 6), u[1] = (char)(0x80 | (c & 0x3f)), n = 2;
	else if (c < 0x10000)
		u[0] = (char)(0xe0 | c >> 12), u[1] = (char)(0x80 | (c >> 6 & 0x3f)),
		u[2] = (char)(0x80 | (c & 0x3f)), n = 3;
	else
		u[0] = (char)(0xf0 | c >> 18), u[1] = (char)(0x80 | (c >> 12 & 0x3f)),
		u[2] = (char)(0x80 | (c >> 6 & 0x3f)), u[3] = (char)(0x80 | (c & 0x3f)), n = 4;
	webjson_raw(b, u, n);
}

static int hex4(const char *p, uint32_t *out)
{
	uint32_t v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;
		if (d < 0)
			return 0;
		v = v << 4 | (uint32_t)d;
	}
	*out = v;
	return 1;
}

/* One escape after the backslash at *pp; advances past it. A lone or
 * unpaired surrogate is an error: the page never sends one. */
static int unescape(const char **pp, webjson *b)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *p = *pp;
	const char *k = *p ? strchr(from, *p) : NULL;
	if (k) {
		webjson_raw(b, &to[k - from], 1);
		*pp = p + 1;
		return 1;
	}
	uint32_t c, lo;
	if (*p != 'u' || !hex4(p + 1, &c))
		return 0;
	p += 5;
	if (c >= 0xdc00 && c < 0xe000)
		return 0;
	if (c >= 0xd800 && c < 0xdc00) {
		if (p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, &lo) || lo < 0xdc00 || lo >= 0xe000)
			return 0;
		c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
		p += 6;
	}
	put_utf8(b, c);
	*pp = p;
	return 1;
}

/* A string literal starting at the quote at *pp; NULL on bad syntax. */
static char *string_at(const char **pp)
{
	const char *p = *pp + 1;
	webjson b = {0};
	webjson_raw(&b, "", 0);
	while (*p != '"') {
		int ok = (unsigned char)*p >= 0x20;
		if (ok && *p == '\\') {
			p++;
			ok = unescape(&p, &b);
		} else if (ok)
			webjson_raw(&b, p++, 1);
		if (!ok) {
			webjson_free(&b);
			return NULL;
		}
	}
	*pp = p + 1;
	return webjson_take(&b);
}

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

void webjson_argv_free(char **argv, int argc)
{
	for (int i = 1; argv && i < argc; i++)
		free(argv[i]);
	free(argv);
}

static int push(char ***v, size_t *n, size_t *cap, char *s)
{
	if (*n + 1 >= *cap) {
		char **w = realloc(*v, *cap * 2 * sizeof **v);
		if (!w)
			return 0;
		*v = w;
		*cap *= 2;
	}
	(*v)[(*n)++] = s;
	return 1;
}

char **webjson_argv(const char *json, const char *prog, int *argc)
{
	size_t n = 1, cap = 8;
	char **v = malloc(cap * sizeof *v);
	const char *p = skip_ws(json);
	if (!v || *p != '[')
		return free(v), NULL;
	v[0] = (char *)prog;
	int ok = 1;
	for (p = skip_ws(p + 1); ok && *p != ']'; p = skip_ws(p)) {
		if (n > 1 && *p != ',')
			ok = 0;
		p = skip_ws(n > 1 && ok ? p + 1 : p);
		char *s = ok && *p == '"' ? string_at(&p) : NULL;
		if (!s || !push(&v, &n, &cap, s)) {
			free(s);
			ok = 0;
		}
	}
	if (!ok || *skip_ws(p + 1)) {
		webjson_argv_free(v, (int)n);
		return NULL;
	}
	assert(n < cap);
	v[n] = NULL;
	*argc = (int)n;
	return v;
}
