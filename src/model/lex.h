/* Tokens of Go's type syntax. */
#ifndef GOGROW_MODEL_LEX_H
#define GOGROW_MODEL_LEX_H

#include <stddef.h>
#include <stdint.h>
#include "gogrow/status.h"

typedef enum ggi_tok {
	T_EOF,
	T_IDENT,
	T_INT,
	T_STRING,
	T_LBRACK,
	T_RBRACK,
	T_LBRACE,
	T_RBRACE,
	T_LPAREN,
	T_RPAREN,
	T_STAR,
	T_COMMA,
	T_SEMI,
	T_DOT,
	T_ELLIPSIS,
	T_ARROW,
	T_PLUS,
	T_MINUS,
	T_SLASH,
	T_PERCENT,
	T_SHL,
	T_SHR,
	T_AMP,
	T_PIPE,
	T_CARET,
	T_TILDE,
	T_BAD
} ggi_tok;

typedef struct ggi_lexer {
	const char *src;
	size_t pos;    /* next unread byte */
	ggi_tok tok;   /* current token */
	size_t start;  /* byte offset of the current token */
	size_t len;    /* its length */
	uint64_t ival; /* value of a T_INT */
	int ival_overflow;
	int depth;    /* brace depth, where a newline separates elements */
	ggi_tok prev; /* token before the current one */
} ggi_lexer;

/* Bytes of the well-formed multi-byte UTF-8 sequence at s (2 to 4), 0 when
 * s[0] does not start one (ASCII included). Shared with the batch reader. */
size_t ggi_utf8_len(const char *s);

void ggi_lex_init(ggi_lexer *lx, const char *src);
void ggi_lex_next(ggi_lexer *lx);
const char *ggi_tok_name(ggi_tok t);

#endif
