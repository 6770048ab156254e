#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cli/jsonl.h"

typedef struct jp {
	const char *s;
	size_t i;
	char *err;
	size_t errlen;
} jp;

static int fail(jp *p, const char *what)
{
	snprintf(p->err, p->errlen, "column %zu: %s", p->i + 1, what);
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

/* A JSON string into out (UTF-8; \u escapes beyond ASCII are encoded). */
static int str(jp *p, char *out, size_t cap)
{
	size_t n = 0;
	if (p->s[p->i] != '"')
		return fail(p, "expected a string");
	p->i++;
	for (;;) {
		unsigned char c = (unsigned char)p->s[p->i];
		if (c == 0)
			return fail(p, "unterminated string");
		if (c < 0x20)
			return fail(p, "control character in string");
		p->i++;
		if (c == '"')
			break;
		if (c == '\\') {
			char e = p->s[p->i++];
			switch (e) {
			case '"':
			case '\\':
			case '/': c = (unsigned char)e; break;
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'u': {
				unsigned v = 0;
				for (int k = 0; k < 4; k++) {
					int h = hexval((unsigned char)p->s[p->i]);
					if (h < 0)
						return fail(p, "bad \\u escape");
					v = v * 16 + (unsigned)h;
					p->i++;
				}
				if (v >= 0x80) {
					/* Two- or three-byte UTF-8; surrogates are kept as they are. */
					unsigned char b[3];
					int nb = v < 0x800 ? 2 : 3;
					if (nb == 2) {
						b[0] = (unsigned char)(0xC0 | (v >> 6));
						b[1] = (unsigned char)(0x80 | (v & 0x3F));
					} else {
						b[0] = (unsigned char)(0xE0 | (v >> 12));
						b[1] = (unsigned char)(0x80 | ((v >> 6) & 0x3F));
						b[2] = (unsigned char)(0x80 | (v & 0x3F));
					}
					for (int k = 0; k < nb; k++) {
						if (n + 1 >= cap)
							return fail(p, "string too long");
						out[n++] = (char)b[k];
					}
					continue;
				}
				c = (unsigned char)v;
				break;
			}
			default: return fail(p, "bad escape");
			}
		}
		if (c == 0)
			return fail(p, "NUL in string");
		if (n + 1 >= cap)
			return fail(p, "string too long");
		out[n++] = (char)c;
	}
	out[n] = 0;
	return 1;
}

int jsonl_parse(const char *line, jsonl_kv *kv, char *err, size_t errlen)
{
	jp p = {line, 0, err, errlen};
	int n = 0;
	ws(&p);
	if (line[p.i] != '{')
		return fail(&p, "expected '{'"), -1;
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
		jsonl_kv *e = &kv[n];
		memset(e, 0, sizeof *e);
		if (!str(&p, e->key, sizeof e->key))
			return -1;
		ws(&p);
		if (line[p.i] != ':')
			return fail(&p, "expected ':'"), -1;
		p.i++;
		ws(&p);
		char c = line[p.i];
		if (c == '"') {
			if (!str(&p, e->str, sizeof e->str))
				return -1;
			e->is_str = 1;
		} else if (c == '-' || isdigit((unsigned char)c)) {
			int neg = c == '-';
			uint64_t v = 0;
			if (neg)
				p.i++;
			if (!isdigit((unsigned char)line[p.i]))
				return fail(&p, "expected a digit"), -1;
			while (isdigit((unsigned char)line[p.i])) {
				/* No wrap: v stays <= 2^63 (INT64_MIN's magnitude). */
				if (v > (UINT64_C(1) << 63) / 10)
					return fail(&p, "number too large"), -1;
				v = v * 10 + (uint64_t)(line[p.i++] - '0');
			}
			if (v > (uint64_t)INT64_MAX + (uint64_t)neg)
				return fail(&p, "number too large"), -1;
			if (line[p.i] == '.' || line[p.i] == 'e' || line[p.i] == 'E')
				return fail(&p, "numbers must be integers"), -1;
			e->num = neg ? (int64_t)(0 - v) : (int64_t)v;
		} else if (!strncmp(line + p.i, "true", 4) || !strncmp(line + p.i, "null", 4)) {
			e->num = line[p.i] == 't';
			p.i += 4;
		} else if (!strncmp(line + p.i, "false", 5)) {
			p.i += 5;
		} else
			return fail(&p, "expected a string, an integer, true, false or null"), -1;
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
		return fail(&p, "expected ',' or '}'"), -1;
	}
end:
	ws(&p);
	if (line[p.i])
		return fail(&p, "text after the object"), -1;
	return n;
}

const jsonl_kv *jsonl_get(const jsonl_kv *kv, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(kv[i].key, key))
			return &kv[i];
	return NULL;
}
