/* A lexer for the subset of Go needed to write types: identifiers, integer
 * literals (with Go's prefixes and digit separators), string literals for
 * struct tags, and punctuation. A newline inside braces acts as a
 * separator, like Go's automatic semicolons. */
#include <ctype.h>
#include <string.h>

#include "model/lex.h"

void ggi_lex_init(ggi_lexer *lx, const char *src)
{
	memset(lx, 0, sizeof *lx);
	lx->src = src;
	lx->prev = T_EOF;
	ggi_lex_next(lx);
}

static int ends_element(ggi_tok t)
{
	return t == T_IDENT || t == T_INT || t == T_STRING || t == T_RPAREN || t == T_RBRACK ||
	       t == T_RBRACE || t == T_STAR;
}

static int digit_val(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

static void lex_int(ggi_lexer *lx)
{
	const char *s = lx->src;
	size_t p = lx->pos;
	unsigned base = 10;
	if (s[p] == '0' && (s[p + 1] == 'x' || s[p + 1] == 'X'))
		base = 16, p += 2;
	else if (s[p] == '0' && (s[p + 1] == 'b' || s[p + 1] == 'B'))
		base = 2, p += 2;
	else if (s[p] == '0' && (s[p + 1] == 'o' || s[p + 1] == 'O'))
		base = 8, p += 2;
	else if (s[p] == '0' && isdigit((unsigned char)s[p + 1]))
		base = 8, p += 1;
	uint64_t v = 0;
	int ndig = 0, bad = 0;
	for (;; p++) {
		int c = (unsigned char)s[p];
		if (c == '_')
			continue;
		if (!isalnum(c))
			break;
		unsigned d = (unsigned)digit_val(c);
		if (d >= base)
			bad = 1;
		else {
			if (v > (UINT64_MAX - d) / base)
				lx->ival_overflow = 1;
			v = v * base + d;
		}
		ndig++;
	}
	lx->tok = (bad || ndig == 0) ? T_BAD : T_INT;
	lx->ival = v;
	lx->len = p - lx->pos;
	lx->pos = p;
}

/* Bytes of the well-formed UTF-8 sequence at s (2 to 4), 0 if malformed. */
size_t ggi_utf8_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = u[0] >= 0xF0 && u[0] <= 0xF4 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC2 && u[0] < 0xE0 ? 2 : 0;
	if (u[0] >= 0xF8)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((u[i] & 0xC0) != 0x80)
			return 0;
	/* Overlong three- and four-byte forms and surrogates. */
	if ((n == 3 && u[0] == 0xE0 && u[1] < 0xA0) || (n == 3 && u[0] == 0xED && u[1] >= 0xA0) ||
	    (n == 4 && u[0] == 0xF0 && u[1] < 0x90) || (n == 4 && u[0] == 0xF4 && u[1] >= 0x90))
		return 0;
	return n;
}

/* Skips blanks and comments. Returns 1 when that already made the token: a
 * newline that ends an element inside braces (Go's automatic semicolon) or
 * an unterminated comment. */
static int skip_space(ggi_lexer *lx)
{
	const char *s = lx->src;
	for (;;) {
		char c = s[lx->pos];
		if (c == '\n' && lx->depth > 0 && ends_element(lx->prev)) {
			lx->start = lx->pos++;
			lx->len = 1;
			lx->tok = T_SEMI;
			return 1;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			lx->pos++;
			continue;
		}
		if (c == '/' && s[lx->pos + 1] == '/') {
			while (s[lx->pos] && s[lx->pos] != '\n')
				lx->pos++;
			continue;
		}
		if (c == '/' && s[lx->pos + 1] == '*') {
			const char *e = strstr(s + lx->pos + 2, "*/");
			if (!e) {
				lx->start = lx->pos;
				lx->len = 2;
				lx->tok = T_BAD;
				return 1;
			}
			lx->pos = (size_t)(e - s) + 2;
			continue;
		}
		return 0;
	}
}

static void lex_ident(ggi_lexer *lx)
{
	const char *s = lx->src;
	/* Go identifiers may be Unicode: a well-formed UTF-8 sequence is
	 * taken as a letter; a malformed one is an invalid character, as
	 * for the Go scanner. */
	size_t p = lx->pos;
	for (;;) {
		unsigned char b = (unsigned char)s[p];
		size_t n = b >= 0x80 ? ggi_utf8_len(s + p) : (isalnum(b) || b == '_');
		if (n == 0)
			break;
		p += n;
	}
	if (p == lx->pos || ((unsigned char)s[p] >= 0x80 && ggi_utf8_len(s + p) == 0)) {
		lx->tok = T_BAD;
		lx->len = p == lx->pos ? 1 : p - lx->pos;
		lx->pos = p == lx->pos ? p + 1 : p;
		return;
	}
	lx->tok = T_IDENT;
	lx->len = p - lx->pos;
	lx->pos = p;
}

/* A "..." string (no newline inside) or a `...` raw string. */
static void lex_string(ggi_lexer *lx, unsigned char c)
{
	const char *s = lx->src;
	size_t p = lx->pos + 1;
	while (s[p] && s[p] != (char)c && !(c == '"' && s[p] == '\n')) {
		if (c == '"' && s[p] == '\\' && s[p + 1])
			p++;
		p++;
	}
	if (s[p] != (char)c) {
		lx->tok = T_BAD;
		lx->len = p - lx->pos;
		lx->pos = p;
		return;
	}
	lx->tok = T_STRING;
	lx->len = p + 1 - lx->pos;
	lx->pos = p + 1;
}

static void lex_punct(ggi_lexer *lx)
{
	const char *s = lx->src;
	static const struct {
		const char *text;
		ggi_tok tok;
	} punct[] = {
	    {"...", T_ELLIPSIS}, {"<-", T_ARROW}, {"<<", T_SHL},    {">>", T_SHR},   {"[", T_LBRACK},
	    {"]", T_RBRACK},	 {"{", T_LBRACE}, {"}", T_RBRACE},  {"(", T_LPAREN}, {")", T_RPAREN},
	    {"*", T_STAR},	 {",", T_COMMA},  {";", T_SEMI},    {".", T_DOT},    {"+", T_PLUS},
	    {"-", T_MINUS},	 {"/", T_SLASH},  {"%", T_PERCENT}, {"&", T_AMP},    {"|", T_PIPE},
	    {"^", T_CARET},	 {"~", T_TILDE},
	};
	for (size_t i = 0; i < sizeof punct / sizeof punct[0]; i++) {
		size_t n = strlen(punct[i].text);
		if (strncmp(s + lx->pos, punct[i].text, n) == 0) {
			lx->tok = punct[i].tok;
			lx->len = n;
			lx->pos += n;
			if (lx->tok == T_LBRACE)
				lx->depth++;
			else if (lx->tok == T_RBRACE && lx->depth > 0)
				lx->depth--;
			return;
		}
	}
	lx->tok = T_BAD;
	lx->len = 1;
	lx->pos++;
}

void ggi_lex_next(ggi_lexer *lx)
{
	lx->prev = lx->tok;
	lx->ival_overflow = 0;
	if (skip_space(lx))
		return;
	lx->start = lx->pos;
	unsigned char c = (unsigned char)lx->src[lx->pos];
	if (c == 0) {
		lx->tok = T_EOF;
		lx->len = 0;
	} else if (isalpha(c) || c == '_' || c >= 0x80)
		lex_ident(lx);
	else if (isdigit(c))
		lex_int(lx);
	else if (c == '"' || c == '`')
		lex_string(lx, c);
	else
		lex_punct(lx);
}

const char *ggi_tok_name(ggi_tok t)
{
	static const char *names[] = {
	    "end of input", "identifier", "integer",
	    "string",	    "'['",	  "']'",
	    "'{'",	    "'}'",	  "'('",
	    "')'",	    "'*'",	  "','",
	    "';'",	    "'.'",	  "'...'",
	    "'<-'",	    "'+'",	  "'-'",
	    "'/'",	    "'%'",	  "'<<'",
	    "'>>'",	    "'&'",	  "'|'",
	    "'^'",	    "'~'",	  "invalid character",
	};
	return names[t];
}

size_t gg_utf8_len(const char *s)
{
	return ggi_utf8_len(s);
}
