/* Tokens of a whole Go source file, enough to find its top-level
 * declarations and skip everything else (function bodies, var
 * initialisers): identifiers, literals (numbers, strings, raw strings,
 * runes), operators, and the semicolons Go inserts at the end of a line.
 * Source: go/scanner/scanner.go (Scan, insertSemi); the rule is the
 * "Semicolons" section of the Go specification. */
#include <stdlib.h>
#include <string.h>

#include "model/gosrc/gosrc_int.h"
#include "model/util.h"

typedef struct scan {
	const char *s;
	size_t len, pos;
	int ends; /* the last token may end a statement: a newline is a ';' */
	ggi_gs_tok *v;
	size_t n, cap;
	gg_error *err;
	gg_status st;
} scan;

static int is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Keywords after which a newline is not a semicolon are all but these. */
static int ident_ends(const char *s, size_t n)
{
	static const char *kws[] = {
	    "break", "case",   "chan",	 "const",  "continue", "default", "defer",     "else", "fallthrough",
	    "for",   "func",   "go",	 "goto",   "if",       "import",  "interface", "map",  "package",
	    "range", "return", "select", "struct", "switch",   "type",	  "var"};
	for (size_t i = 0; i < sizeof kws / sizeof kws[0]; i++)
		if (strlen(kws[i]) == n && memcmp(kws[i], s, n) == 0)
			return !strcmp(kws[i], "break") || !strcmp(kws[i], "continue") ||
			       !strcmp(kws[i], "fallthrough") || !strcmp(kws[i], "return");
	return 1;
}

static int push(scan *sc, ggi_gs_kind k, size_t off, size_t len)
{
	if (!ggi_gs_grow(&sc->v, sc->n, &sc->cap, sizeof *sc->v))
		return sc->st = ggi_fail(sc->err, GG_ERR_NOMEM, 0, "out of memory reading Go source"), 0;
	sc->v[sc->n++] = (ggi_gs_tok){k, off, len};
	return 1;
}

static int bad(scan *sc, size_t off, const char *what)
{
	sc->st = ggi_fail(sc->err, GG_ERR_SYNTAX, (int)off + 1, "%s", what);
	return 0;
}

/* A quoted literal starting at sc->pos; returns its end or 0. */
static size_t quoted(scan *sc)
{
	char q = sc->s[sc->pos];
	size_t p = sc->pos + 1;
	while (p < sc->len && sc->s[p] != q) {
		if (q != '`' && sc->s[p] == '\n')
			break;
		if (q != '`' && sc->s[p] == '\\')
			p++;
		p++;
	}
	if (p >= sc->len || sc->s[p] != q)
		return bad(sc, sc->pos,
			   q == '\'' ? "rune literal not terminated" : "string literal not terminated"),
		       0;
	return p + 1;
}

/* A number: digits, letters (prefixes, exponents, suffix i), '_', '.', and
 * an exponent's sign. */
static size_t number(scan *sc)
{
	size_t p = sc->pos;
	while (p < sc->len) {
		unsigned char c = (unsigned char)sc->s[p];
		if (is_digit(c) || is_letter(c) || c == '.')
			p++;
		else if ((c == '+' || c == '-') && strchr("eEpP", sc->s[p - 1]) &&
			 !(sc->s[sc->pos] == '0' &&
			   (sc->s[sc->pos + 1] == 'x' || sc->s[sc->pos + 1] == 'X') &&
			   strchr("eE", sc->s[p - 1])))
			p++;
		else
			break;
	}
	return p;
}

/* Skips blanks and comments; returns 1 if a newline was among them, -1 on
 * error. */
static int skip_space(scan *sc)
{
	int nl = 0;
	while (sc->pos < sc->len) {
		char c = sc->s[sc->pos];
		if (c == '\n' || c == ' ' || c == '\t' || c == '\r') {
			nl |= c == '\n';
			sc->pos++;
		} else if (c == '/' && sc->s[sc->pos + 1] == '/') {
			while (sc->pos < sc->len && sc->s[sc->pos] != '\n')
				sc->pos++;
		} else if (c == '/' && sc->s[sc->pos + 1] == '*') {
			const char *e = strstr(sc->s + sc->pos + 2, "*/");
			if (!e)
				return bad(sc, sc->pos, "comment not terminated"), -1;
			nl |= memchr(sc->s + sc->pos, '\n', (size_t)(e - (sc->s + sc->pos))) != NULL;
			sc->pos = (size_t)(e - sc->s) + 2;
		} else
			break;
	}
	return nl;
}

/* One token at sc->pos (blanks skipped); 0 on error. */
static int token(scan *sc)
{
	size_t st = sc->pos, end = st + 1;
	unsigned char c = (unsigned char)sc->s[st];
	ggi_gs_kind k = GS_OP;
	if (c == 0)
		return bad(sc, st, "NUL byte in Go source");
	if (is_letter(c)) {
		while (end < sc->len &&
		       (is_letter((unsigned char)sc->s[end]) || is_digit((unsigned char)sc->s[end])))
			end++;
		k = GS_IDENT;
		sc->ends = ident_ends(sc->s + st, end - st);
	} else if (is_digit(c) || (c == '.' && is_digit((unsigned char)sc->s[st + 1]))) {
		end = number(sc);
		k = GS_LIT;
		sc->ends = 1;
	} else if (c == '"' || c == '`' || c == '\'') {
		if (!(end = quoted(sc)))
			return 0;
		k = GS_LIT;
		sc->ends = 1;
	} else {
		if ((c == '+' || c == '-') && sc->s[st + 1] == (char)c)
			end++;
		sc->ends = end == st + 2 || c == ')' || c == ']' || c == '}';
		if (c == ';') {
			k = GS_SEMI;
			sc->ends = 0;
		}
	}
	sc->pos = end;
	return push(sc, k, st, end - st);
}

gg_status ggi_gs_scan(const char *text, size_t len, ggi_gs_tok **out, size_t *n, gg_error *err)
{
	scan sc = {.s = text, .len = len, .err = err};
	*out = NULL;
	*n = 0;
	for (;;) {
		size_t before = sc.pos;
		int nl = skip_space(&sc);
		if (nl < 0)
			break;
		if (nl && sc.ends) {
			sc.ends = 0;
			if (!push(&sc, GS_SEMI, before, 1))
				break;
		}
		if (sc.pos >= sc.len) {
			if (sc.ends && !push(&sc, GS_SEMI, sc.pos, 0))
				break;
			if (!push(&sc, GS_EOF, sc.pos, 0))
				break;
			*out = sc.v;
			*n = sc.n;
			return GG_OK;
		}
		if (!token(&sc))
			break;
	}
	free(sc.v);
	return sc.st;
}
