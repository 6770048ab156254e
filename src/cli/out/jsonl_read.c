#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "gogrow/types.h"
#include "cli/out/jsonl_read.h"

typedef struct jp {
	const char *s;
	size_t i, len;
	char *err;
	size_t errlen;
} jp;

static int fail(jp *p, const char *what)
{
	snprintf(p->err, p->errlen, "column %zu: %s", p->i + 1, what);
	return 0;
}

/* An error at a byte that may not be printable: name it in hex. */
static int fail_byte(jp *p, const char *what)
{
	unsigned char b = (unsigned char)p->s[p->i];
	if (p->i >= p->len)
		return fail(p, what);
	if (b == 0)
		return fail(p, "NUL byte");
	if (b < 0x20 || b == 0x7f)
		snprintf(p->err, p->errlen, "column %zu: %s, found control character (byte 0x%02x)", p->i + 1,
			 what, b);
	else if (b >= 0x80)
		snprintf(p->err, p->errlen, "column %zu: %s, found byte 0x%02x", p->i + 1, what, b);
	else
		snprintf(p->err, p->errlen, "column %zu: %s, found '%c'", p->i + 1, what, b);
	return 0;
}

static void ws(jp *p)
{
	while (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\r' || p->s[p->i] == '\n')
		p->i++;
}

static int hexval(int c)
{
	return isdigit(c) ? c - '0' : (tolower(c) >= 'a' && tolower(c) <= 'f') ? tolower(c) - 'a' + 10 : -1;
}

/* The bytes of the escape after a backslash (UTF-8 for \u beyond ASCII;
 * surrogates are kept as they are); 0 after reporting a bad one. */
static int escape(jp *p, unsigned char b[3])
{
	static const char from[] = "\"\\/ntrbf", to[] = "\"\\/\n\t\r\b\f";
	char e = p->s[p->i];
	const char *k = e ? strchr(from, e) : NULL;
	if (k) {
		p->i++;
		b[0] = (unsigned char)to[k - from];
		return 1;
	}
	if (e != 'u')
		return fail_byte(p, "bad escape");
	size_t at = p->i - 1; /* errors point at the backslash */
	p->i++;
	unsigned v = 0;
	for (int d = 0; d < 4; d++, p->i++) {
		int h = hexval((unsigned char)p->s[p->i]);
		if (h < 0)
			return p->i = at, fail(p, "bad \\u escape");
		v = v * 16 + (unsigned)h;
	}
	if (v == 0)
		return p->i = at, fail(p, "NUL in string");
	if (v < 0x80) {
		b[0] = (unsigned char)v;
		return 1;
	}
	if (v < 0x800) {
		b[0] = (unsigned char)(0xC0 | (v >> 6));
		b[1] = (unsigned char)(0x80 | (v & 0x3F));
		return 2;
	}
	b[0] = (unsigned char)(0xE0 | (v >> 12));
	b[1] = (unsigned char)(0x80 | ((v >> 6) & 0x3F));
	b[2] = (unsigned char)(0x80 | (v & 0x3F));
	return 3;
}

/* A JSON string into out (UTF-8); cols, if given, gets the line column each
 * output byte came from. */
static int str(jp *p, char *out, uint32_t *cols, size_t cap)
{
	size_t n = 0;
	if (p->s[p->i] != '"')
		return fail_byte(p, "expected a string");
	p->i++;
	for (;;) {
		unsigned char c = (unsigned char)p->s[p->i], b[4];
		uint32_t from = (uint32_t)p->i + 1;
		size_t k = 1;
		if (p->i >= p->len)
			return fail(p, "unterminated string");
		if (c < 0x20 || c == 0x7f)
			return fail_byte(p, "invalid character in string");
		if (c == '"') {
			p->i++;
			break;
		}
		if (c == '\\') {
			p->i++;
			if (!(k = (size_t)escape(p, b)))
				return 0;
		} else if (c >= 0x80) {
			/* Raw UTF-8 is copied whole; a malformed sequence is refused. */
			if (!(k = gg_utf8_len(p->s + p->i)))
				return fail_byte(p, "invalid UTF-8 in string");
			memcpy(b, p->s + p->i, k);
			p->i += k;
		} else
			b[0] = c, p->i++;
		if (n + k >= cap)
			return fail(p, "string too long");
		for (size_t j = 0; j < k; j++) {
			if (cols)
				cols[n] = from;
			out[n++] = (char)b[j];
		}
	}
	out[n] = 0;
	return 1;
}

/* An integer: no fraction or exponent, within int64. */
static int integer(jp *p, jsonl_kv *e)
{
	const char *line = p->s;
	int neg = line[p->i] == '-';
	uint64_t v = 0;
	if (neg)
		p->i++;
	if (!isdigit((unsigned char)line[p->i]))
		return fail_byte(p, "expected a digit");
	while (isdigit((unsigned char)line[p->i])) {
		/* No wrap: v stays <= 2^63 (INT64_MIN's magnitude). */
		if (v > (UINT64_C(1) << 63) / 10)
			return fail(p, "number too large");
		v = v * 10 + (uint64_t)(line[p->i++] - '0');
	}
	if (v > (uint64_t)INT64_MAX + (uint64_t)neg)
		return fail(p, "number too large");
	if (line[p->i] == '.' || line[p->i] == 'e' || line[p->i] == 'E')
		return fail(p, "numbers must be integers");
	e->kind = JSONL_INT;
	e->num = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 1;
}

static int value(jp *p, jsonl_kv *e)
{
	const char *line = p->s;
	char c = line[p->i];
	e->column = (int)p->i + 1;
	if (c == '"') {
		e->kind = JSONL_STRING;
		return str(p, e->str, e->src_col, sizeof e->str);
	}
	if (c == '-' || isdigit((unsigned char)c))
		return integer(p, e);
	if (!strncmp(line + p->i, "true", 4) || !strncmp(line + p->i, "false", 5)) {
		e->kind = JSONL_BOOL;
		e->num = c == 't';
		p->i += c == 't' ? 4 : 5;
		return 1;
	}
	if (!strncmp(line + p->i, "null", 4)) {
		e->kind = JSONL_NULL;
		p->i += 4;
		return 1;
	}
	return fail_byte(p, "expected a string, an integer, true, false or null");
}

/* One "key": value pair into kv[n]; keys are unique. */
static int pair(jp *p, jsonl_kv *kv, int n)
{
	jsonl_kv *e = &kv[n];
	memset(e->key, 0, sizeof e->key);
	size_t kc = p->i + 1;
	if (!str(p, e->key, NULL, sizeof e->key))
		return 0;
	if (jsonl_get(kv, n, e->key)) {
		snprintf(p->err, p->errlen, "column %zu: duplicate key \"%s\"", kc, e->key);
		return 0;
	}
	ws(p);
	if (p->s[p->i] != ':')
		return fail_byte(p, "expected ':'");
	p->i++;
	ws(p);
	return value(p, e);
}

int jsonl_parse(const char *line, size_t len, jsonl_kv *kv, char *err, size_t errlen)
{
	jp p = {line, 0, len, err, errlen};
	int n = 0;
	ws(&p);
	if (line[p.i] != '{')
		return fail_byte(&p, "expected '{'"), -1;
	p.i++;
	ws(&p);
	if (line[p.i] == '}') {
		p.i++;
		goto end;
	}
	for (;;) {
		ws(&p);
		if (n == JSONL_MAX_KEYS)
			return fail(&p, "too many keys"), -1;
		if (!pair(&p, kv, n))
			return -1;
		n++;
		ws(&p);
		if (line[p.i] == ',') {
			p.i++;
			continue;
		}
		if (line[p.i] == '}') {
			p.i++;
			break;
		}
		return fail_byte(&p, "expected ',' or '}'"), -1;
	}
end:
	ws(&p);
	if (p.i < len)
		return fail_byte(&p, "text after the object"), -1;
	return n;
}

const jsonl_kv *jsonl_get(const jsonl_kv *kv, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(kv[i].key, key))
			return &kv[i];
	return NULL;
}

const char *jsonl_kind_name(const jsonl_kv *v)
{
	switch (v->kind) {
	case JSONL_STRING: return "a string";
	case JSONL_INT: return "an integer";
	case JSONL_BOOL: return v->num ? "true" : "false";
	default: return "null";
	}
}
