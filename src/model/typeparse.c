/* Parser for Go type expressions.
 *
 * The grammar is the Type production of the Go specification: type names
 * (predeclared, unsafe.Pointer, and the library types in named.c), pointer,
 * array, slice, map, chan, func, struct and interface literals. Array
 * lengths may be constant expressions ("[1<<10]byte"). Nodes live in an
 * arena owned by the gg_typeexpr, so a failed parse frees everything at once
 * and no input can leak.
 *
 * Errors carry the column of the offending token and say what was expected;
 * recursion is bounded so hostile input cannot exhaust the stack. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gogrow/types.h"
#include "model/lex.h"
#include "model/named.h"
#include "model/typeparse.h"
#include "model/util.h"

#define MAX_DEPTH 100

typedef struct chunk {
	struct chunk *next;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
} chunk;

struct gg_typeexpr {
	chunk *chunks;
	const gg_type *root;
};

typedef struct parser {
	gg_lexer lx;
	gg_typeexpr *arena;
	gg_error *err;
	gg_status st;
	int depth;
	int col_base;	      /* column offset for definitions parsed from named.c */
	const gg_type *param; /* binding of the type parameter T inside a named definition */
	int internal;	      /* parsing a library definition: column info is not the user's */
} parser;

void *gg_arena_alloc(gg_typeexpr *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	chunk *c = a->chunks;
	if (!c || c->cap - c->used < n) {
		size_t cap = n > 4096 ? n : 4096;
		c = malloc(sizeof *c + cap);
		if (!c)
			return NULL;
		c->cap = cap;
		c->used = 0;
		c->next = a->chunks;
		a->chunks = c;
	}
	void *p = c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

void gg_typeexpr_free(gg_typeexpr *e)
{
	if (!e)
		return;
	for (chunk *c = e->chunks, *n; c; c = n) {
		n = c->next;
		free(c);
	}
	free(e);
}

const gg_type *gg_typeexpr_root(const gg_typeexpr *e)
{
	return e->root;
}

static int col(parser *p)
{
	return p->internal ? p->col_base : (int)p->lx.start + 1;
}

static gg_type *nomem(parser *p)
{
	if (p->st == GG_OK)
		p->st = gg_fail(p->err, GG_ERR_NOMEM, 0, "out of memory while parsing");
	return NULL;
}

/* Records the first error only: later ones are consequences. */
static gg_type *perr(parser *p, gg_status code, int column, const char *fmt, ...) GG_PRINTF(4, 5);
static gg_type *perr(parser *p, gg_status code, int column, const char *fmt, ...)
{
	if (p->st != GG_OK)
		return NULL;
	p->st = code;
	if (p->err) {
		va_list ap;
		p->err->code = code;
		p->err->column = column;
		va_start(ap, fmt);
		vsnprintf(p->err->msg, sizeof p->err->msg, fmt, ap);
		va_end(ap);
	}
	return NULL;
}

static gg_type *expected(parser *p, const char *what)
{
	char got[64];
	if (p->lx.tok == T_BAD) {
		/* Show the offending byte, which may not be printable. */
		unsigned char b = (unsigned char)p->lx.src[p->lx.start];
		if (b >= 0x20 && b < 0x7f)
			snprintf(got, sizeof got, "%s '%c'", gg_tok_name(p->lx.tok), b);
		else
			snprintf(got, sizeof got, "%s (byte 0x%02x)", gg_tok_name(p->lx.tok), b);
	} else if (p->lx.tok == T_IDENT || p->lx.tok == T_INT) {
		size_t n = p->lx.len < 24 ? p->lx.len : 24;
		snprintf(got, sizeof got, "%s \"%.*s\"", gg_tok_name(p->lx.tok), (int)n,
			 p->lx.src + p->lx.start);
	} else
		snprintf(got, sizeof got, "%s", gg_tok_name(p->lx.tok));
	return perr(p, GG_ERR_SYNTAX, col(p), "expected %s, found %s", what, got);
}

static int accept(parser *p, gg_tok t)
{
	if (p->lx.tok != t)
		return 0;
	gg_lex_next(&p->lx);
	return 1;
}

static int is_kw(parser *p, const char *kw)
{
	size_t n = strlen(kw);
	return p->lx.tok == T_IDENT && p->lx.len == n && memcmp(p->lx.src + p->lx.start, kw, n) == 0;
}

static int is_keyword_token(parser *p)
{
	static const char *kws[] = {
	    "map",     "chan",	"func",	  "struct",	 "interface", "break", "case", "const", "continue",
	    "default", "defer", "else",	  "fallthrough", "for",	      "go",    "goto", "if",	"import",
	    "package", "range", "return", "select",	 "switch",    "type",  "var"};
	for (size_t i = 0; i < sizeof kws / sizeof kws[0]; i++)
		if (is_kw(p, kws[i]))
			return 1;
	return 0;
}

static char *ident_dup(parser *p)
{
	char *s = gg_arena_alloc(p->arena, p->lx.len + 1);
	if (!s)
		return (char *)nomem(p);
	memcpy(s, p->lx.src + p->lx.start, p->lx.len);
	s[p->lx.len] = 0;
	return s;
}

static gg_type *new_node(parser *p, gg_kind k, int column)
{
	gg_type *t = gg_arena_alloc(p->arena, sizeof *t);
	if (!t)
		return nomem(p);
	t->kind = k;
	t->column = column;
	return t;
}

static gg_type *parse_type(parser *p);

/* ---- constant expressions (array lengths) ---------------------------- */

typedef struct cval {
	int64_t v;
	int ok;
} cval;

static cval cexpr(parser *p, int prec);

static cval cbad(parser *p, int column, const char *msg)
{
	perr(p, GG_ERR_SYNTAX, column, "%s", msg);
	return (cval){0, 0};
}

static cval cunary(parser *p)
{
	int c = col(p);
	if (p->depth > MAX_DEPTH)
		return cbad(p, c, "array length expression nested too deeply");
	if (accept(p, T_PLUS))
		return cunary(p);
	if (accept(p, T_MINUS)) {
		cval x = cunary(p);
		if (x.ok && x.v == INT64_MIN)
			return cbad(p, c, "constant overflow in array length");
		x.v = -x.v;
		return x;
	}
	if (accept(p, T_CARET)) {
		cval x = cunary(p);
		x.v = ~x.v;
		return x;
	}
	if (p->lx.tok == T_INT) {
		if (p->lx.ival_overflow || p->lx.ival > INT64_MAX)
			return cbad(p, c, "array length constant overflows int64");
		cval x = {(int64_t)p->lx.ival, 1};
		gg_lex_next(&p->lx);
		return x;
	}
	if (accept(p, T_LPAREN)) {
		p->depth++;
		cval x = cexpr(p, 1);
		p->depth--;
		if (x.ok && !accept(p, T_RPAREN)) {
			expected(p, "')' in array length");
			return (cval){0, 0};
		}
		return x;
	}
	if (p->lx.tok == T_IDENT) {
		perr(p, GG_ERR_TYPE, c, "array length must be an integer constant, not the name \"%.*s\"",
		     (int)(p->lx.len < 32 ? p->lx.len : 32), p->lx.src + p->lx.start);
		return (cval){0, 0};
	}
	expected(p, "array length");
	return (cval){0, 0};
}

static int binprec(gg_tok t)
{
	switch (t) {
	case T_STAR:
	case T_SLASH:
	case T_PERCENT:
	case T_SHL:
	case T_SHR:
	case T_AMP: return 2;
	case T_PLUS:
	case T_MINUS:
	case T_PIPE:
	case T_CARET: return 1;
	default: return 0;
	}
}

static cval cexpr(parser *p, int prec)
{
	cval x = cunary(p);
	while (x.ok && binprec(p->lx.tok) >= prec) {
		gg_tok op = p->lx.tok;
		int c = col(p);
		gg_lex_next(&p->lx);
		cval y = cexpr(p, binprec(op) + 1);
		if (!y.ok)
			return y;
		int64_t r;
		int ovf = 0;
		switch (op) {
		case T_STAR: ovf = __builtin_mul_overflow(x.v, y.v, &r); break;
		case T_PLUS: ovf = __builtin_add_overflow(x.v, y.v, &r); break;
		case T_MINUS: ovf = __builtin_sub_overflow(x.v, y.v, &r); break;
		case T_SLASH:
		case T_PERCENT:
			if (y.v == 0)
				return cbad(p, c, "division by zero in array length");
			if (x.v == INT64_MIN && y.v == -1)
				return cbad(p, c, "constant overflow in array length");
			r = op == T_SLASH ? x.v / y.v : x.v % y.v;
			break;
		case T_SHL:
			if (y.v < 0 || y.v >= 63 ||
			    (x.v != 0 && (x.v > (INT64_MAX >> y.v) || x.v < (INT64_MIN >> y.v))))
				ovf = 1;
			else
				r = (int64_t)((uint64_t)x.v << y.v);
			break;
		case T_SHR:
			if (y.v < 0)
				return cbad(p, c, "negative shift count in array length");
			r = y.v >= 63 ? (x.v < 0 ? -1 : 0) : x.v >> y.v;
			break;
		case T_AMP: r = x.v & y.v; break;
		case T_PIPE: r = x.v | y.v; break;
		default: r = x.v ^ y.v; break;
		}
		if (ovf)
			return cbad(p, c, "constant overflow in array length");
		x.v = r;
	}
	return x;
}

/* ---- composite types ----------------------------------------------- */

static gg_type *parse_array_or_slice(parser *p)
{
	int c = col(p);
	gg_lex_next(&p->lx); /* '[' */
	if (accept(p, T_RBRACK)) {
		gg_type *t = new_node(p, GG_SLICE, c);
		if (!t || !(t->elem = parse_type(p)))
			return NULL;
		return t;
	}
	if (p->lx.tok == T_ELLIPSIS)
		return perr(p, GG_ERR_SYNTAX, col(p),
			    "[...] array length is only allowed in composite literals");
	int lc = col(p);
	cval n = cexpr(p, 1);
	if (!n.ok)
		return NULL;
	if (!accept(p, T_RBRACK))
		return expected(p, "']' after array length");
	if (n.v < 0)
		return perr(p, GG_ERR_TYPE, lc, "invalid array length: negative");
	gg_type *t = new_node(p, GG_ARRAY, c);
	if (!t)
		return NULL;
	t->len = (uint64_t)n.v;
	if (!(t->elem = parse_type(p)))
		return NULL;
	return t;
}

static gg_type *parse_map(parser *p)
{
	int c = col(p);
	gg_lex_next(&p->lx); /* map */
	if (!accept(p, T_LBRACK))
		return expected(p, "'[' after map");
	int kc = col(p);
	gg_type *t = new_node(p, GG_MAP, c);
	if (!t || !(t->key = parse_type(p)))
		return NULL;
	if (!accept(p, T_RBRACK))
		return expected(p, "']' after map key type");
	if (!(t->elem = parse_type(p)))
		return NULL;
	if (!gg_type_comparable(t->key))
		return perr(p, GG_ERR_TYPE, kc,
			    "invalid map key type: slices, maps and funcs (and structs or arrays holding "
			    "them) are not comparable");
	return t;
}

static gg_type *parse_chan(parser *p, int recv_first)
{
	int c = col(p);
	if (recv_first) {
		gg_lex_next(&p->lx); /* <- */
		if (!is_kw(p, "chan"))
			return expected(p, "'chan' after '<-'");
	}
	gg_lex_next(&p->lx); /* chan */
	if (!recv_first)
		accept(p, T_ARROW);
	gg_type *t = new_node(p, GG_CHAN, c);
	if (!t || !(t->elem = parse_type(p)))
		return NULL;
	return t;
}

/* One parameter list "(...)". Go allows either all entries named or none:
 * "(a, b int)" names a and b; "(int, string)" lists types. Bare identifiers
 * are therefore resolved only once the whole list has been seen. */
static int parse_params(parser *p)
{
	if (!accept(p, T_LPAREN)) {
		expected(p, "'(' to start a parameter list");
		return 0;
	}
	struct bare {
		int column;
		size_t off, len;
	} bares[64];
	size_t nbare = 0;
	int named = 0, saw_variadic = 0;
	while (p->lx.tok != T_RPAREN) {
		if (saw_variadic)
			return (expected(p, "')' after a variadic parameter"), 0);
		if (p->lx.tok == T_IDENT && !is_keyword_token(p)) {
			/* Peek: an identifier followed by ',' or ')' is a bare entry. */
			gg_lexer save = p->lx;
			gg_lex_next(&p->lx);
			if (p->lx.tok == T_COMMA || p->lx.tok == T_RPAREN) {
				if (nbare == sizeof bares / sizeof bares[0]) {
					perr(p, GG_ERR_SYNTAX, save.start + 1, "too many parameters");
					return 0;
				}
				bares[nbare++] = (struct bare){(int)save.start + 1, save.start, save.len};
			} else if (p->lx.tok == T_DOT) {
				p->lx = save; /* qualified type name */
				if (!parse_type(p))
					return 0;
			} else {
				named = 1; /* name followed by its type */
				if (accept(p, T_ELLIPSIS))
					saw_variadic = 1;
				if (!parse_type(p))
					return 0;
			}
		} else {
			if (accept(p, T_ELLIPSIS))
				saw_variadic = 1;
			if (!parse_type(p))
				return 0;
		}
		if (!accept(p, T_COMMA))
			break;
	}
	if (!accept(p, T_RPAREN)) {
		expected(p, "',' or ')' in parameter list");
		return 0;
	}
	if (!named) {
		/* Bare identifiers were types: check each one resolves. */
		for (size_t i = 0; i < nbare; i++) {
			gg_lexer sub;
			char name[64];
			size_t n = bares[i].len < sizeof name - 1 ? bares[i].len : sizeof name - 1;
			memcpy(name, p->lx.src + bares[i].off, n);
			name[n] = 0;
			gg_lex_init(&sub, name);
			gg_lexer keep = p->lx;
			p->lx = sub;
			int save_internal = p->internal, save_base = p->col_base;
			p->internal = 1;
			p->col_base = bares[i].column;
			const gg_type *t = parse_type(p);
			p->internal = save_internal;
			p->col_base = save_base;
			p->lx = keep;
			if (!t)
				return 0;
		}
	}
	return 1;
}

static int starts_type(parser *p)
{
	switch (p->lx.tok) {
	case T_IDENT:
	case T_STAR:
	case T_LBRACK:
	case T_LPAREN:
	case T_ARROW: return 1;
	default: return 0;
	}
}

static gg_type *parse_func(parser *p)
{
	gg_type *t = new_node(p, GG_FUNC, col(p));
	if (!t)
		return NULL;
	gg_lex_next(&p->lx); /* func */
	if (!parse_params(p))
		return NULL;
	if (p->lx.tok == T_LPAREN) {
		if (!parse_params(p))
			return NULL;
	} else if (starts_type(p)) {
		if (!parse_type(p))
			return NULL;
	}
	return t;
}

static gg_type *parse_interface(parser *p)
{
	gg_type *t = new_node(p, GG_INTERFACE, col(p));
	if (!t)
		return NULL;
	gg_lex_next(&p->lx); /* interface */
	if (!accept(p, T_LBRACE))
		return expected(p, "'{' after interface");
	while (p->lx.tok != T_RBRACE) {
		if (p->lx.tok == T_TILDE || p->lx.tok == T_PIPE)
			return perr(p, GG_ERR_TYPE, col(p),
				    "interface contains type constraints: it can only be used as a type "
				    "parameter constraint, not as a value type");
		if (p->lx.tok == T_IDENT && !is_keyword_token(p)) {
			gg_lexer save = p->lx;
			gg_lex_next(&p->lx);
			if (p->lx.tok == T_LPAREN) { /* method */
				if (!parse_params(p))
					return NULL;
				if (p->lx.tok == T_LPAREN) {
					if (!parse_params(p))
						return NULL;
				} else if (starts_type(p) && !parse_type(p))
					return NULL;
			} else { /* embedded interface */
				p->lx = save;
				const gg_type *e = parse_type(p);
				if (!e)
					return NULL;
				if (e->kind != GG_INTERFACE)
					return perr(p, GG_ERR_TYPE, e->column,
						    "interface contains type constraints: a non-interface "
						    "element makes it a constraint, not a value type");
			}
		} else
			return expected(p, "method or embedded interface");
		if (p->lx.tok == T_PIPE)
			return perr(p, GG_ERR_TYPE, col(p),
				    "interface contains type constraints: it can only be used as a type "
				    "parameter constraint, not as a value type");
		if (!accept(p, T_SEMI))
			break;
	}
	if (!accept(p, T_RBRACE))
		return expected(p, "';' or '}' in interface");
	return t;
}

typedef struct fieldbuf {
	gg_field *v;
	size_t n, cap;
} fieldbuf;

static int field_push(parser *p, fieldbuf *fb, const char *name, const gg_type *t, int embedded, int column)
{
	if (strcmp(name, "_") != 0)
		for (size_t i = 0; i < fb->n; i++)
			if (strcmp(fb->v[i].name, name) == 0) {
				perr(p, GG_ERR_TYPE, column, "duplicate field %s", name);
				return 0;
			}
	if (fb->n == fb->cap) {
		size_t cap = fb->cap ? fb->cap * 2 : 8;
		gg_field *nv = gg_arena_alloc(p->arena, cap * sizeof *nv);
		if (!nv)
			return (nomem(p), 0);
		if (fb->n)
			memcpy(nv, fb->v, fb->n * sizeof *nv);
		fb->v = nv;
		fb->cap = cap;
	}
	fb->v[fb->n++] = (gg_field){name, t, embedded};
	return 1;
}

/* The name an embedded field gets: the type name without package. */
static const char *embedded_name(const gg_type *t)
{
	if (t->kind == GG_POINTER && t->elem->name)
		t = t->elem;
	const char *n = t->name ? t->name : "?";
	const char *dot = strrchr(n, '.');
	if (dot)
		n = dot + 1;
	return n;
}

static gg_type *parse_struct(parser *p)
{
	gg_type *t = new_node(p, GG_STRUCT, col(p));
	if (!t)
		return NULL;
	gg_lex_next(&p->lx); /* struct */
	if (!accept(p, T_LBRACE))
		return expected(p, "'{' after struct");
	fieldbuf fb = {0};
	while (p->lx.tok != T_RBRACE) {
		int fc = col(p);
		if (p->lx.tok == T_STAR) { /* embedded *T */
			const gg_type *e = parse_type(p);
			if (!e)
				return NULL;
			if (!e->elem || !e->elem->name || e->elem->kind == GG_POINTER)
				return perr(p, GG_ERR_TYPE, fc,
					    "embedded field must be a type name or a pointer to one");
			if (!field_push(p, &fb, embedded_name(e), e, 1, fc))
				return NULL;
		} else if (p->lx.tok == T_IDENT && !is_keyword_token(p)) {
			gg_lexer save = p->lx;
			gg_lex_next(&p->lx);
			if (p->lx.tok == T_DOT || p->lx.tok == T_SEMI || p->lx.tok == T_RBRACE ||
			    p->lx.tok == T_STRING) {
				p->lx = save; /* embedded type name */
				const gg_type *e = parse_type(p);
				if (!e)
					return NULL;
				if (!field_push(p, &fb, embedded_name(e), e, 1, fc))
					return NULL;
			} else {
				/* IdentifierList Type */
				p->lx = save;
				const char *names[256];
				int cols[256];
				size_t nn = 0;
				for (;;) {
					if (p->lx.tok != T_IDENT || is_keyword_token(p))
						return expected(p, "field name");
					if (nn == 256)
						return perr(p, GG_ERR_SYNTAX, col(p),
							    "too many names in one field declaration");
					cols[nn] = col(p);
					if (!(names[nn++] = ident_dup(p)))
						return NULL;
					gg_lex_next(&p->lx);
					if (!accept(p, T_COMMA))
						break;
				}
				const gg_type *ft = parse_type(p);
				if (!ft)
					return NULL;
				for (size_t i = 0; i < nn; i++)
					if (!field_push(p, &fb, names[i], ft, 0, cols[i]))
						return NULL;
			}
		} else
			return expected(p, "field name or embedded type");
		accept(p, T_STRING); /* tag: no effect on layout */
		if (!accept(p, T_SEMI))
			break;
	}
	if (!accept(p, T_RBRACE))
		return expected(p, "';' or '}' after struct field");
	t->fields = fb.v;
	t->nfields = fb.n;
	return t;
}

static gg_type *parse_named(parser *p)
{
	int c = col(p);
	char name[96];
	size_t n = p->lx.len < 40 ? p->lx.len : 40;
	memcpy(name, p->lx.src + p->lx.start, n);
	name[n] = 0;
	gg_lex_next(&p->lx);
	if (p->lx.tok == T_DOT) {
		gg_lex_next(&p->lx);
		if (p->lx.tok != T_IDENT)
			return expected(p, "name after '.'");
		size_t m = p->lx.len < 40 ? p->lx.len : 40;
		name[n] = '.';
		memcpy(name + n + 1, p->lx.src + p->lx.start, m);
		name[n + 1 + m] = 0;
		gg_lex_next(&p->lx);
	}
	if (p->param && strcmp(name, "T") == 0)
		return (gg_type *)p->param;
	const gg_named *def = gg_named_find(name);
	if (!def)
		return perr(p, GG_ERR_TYPE, c,
			    "undefined type \"%s\" (see 'gogrow help types' for the names gogrow knows)",
			    name);
	const gg_type *arg = NULL;
	if (def->generic) {
		if (!accept(p, T_LBRACK))
			return perr(p, GG_ERR_TYPE, c, "generic type %s must be instantiated, as in %s[int]",
				    name, name);
		if (!(arg = parse_type(p)))
			return NULL;
		if (!accept(p, T_RBRACK))
			return expected(p, "']' after type argument");
	} else if (p->lx.tok == T_LBRACK && !p->internal) {
		return perr(p, GG_ERR_TYPE, col(p), "%s is not a generic type", name);
	}
	if (def->basic >= 0) {
		gg_type *t = new_node(p, (gg_kind)def->basic, c);
		if (!t)
			return NULL;
		t->min_go = def->min_go;
		t->name = def->name;
		return t;
	}
	/* A library type: parse its definition, with T bound to the argument. */
	parser sub = *p;
	gg_lex_init(&sub.lx, def->def);
	sub.internal = 1;
	sub.col_base = c;
	sub.param = arg;
	gg_type *t = parse_type(&sub);
	p->st = sub.st;
	if (!t)
		return NULL;
	gg_type *named = new_node(p, t->kind, c);
	if (!named)
		return NULL;
	*named = *t;
	named->column = c;
	named->name = def->name;
	named->min_go = def->min_go;
	named->align64 = def->align64;
	return named;
}

static gg_type *parse_type(parser *p)
{
	if (p->st != GG_OK)
		return NULL;
	if (++p->depth > MAX_DEPTH) {
		p->depth--;
		return perr(p, GG_ERR_SYNTAX, col(p), "type nested too deeply (more than %d levels)",
			    MAX_DEPTH);
	}
	gg_type *t = NULL;
	int c = col(p);
	switch (p->lx.tok) {
	case T_LPAREN:
		gg_lex_next(&p->lx);
		t = parse_type(p);
		if (t && !accept(p, T_RPAREN))
			t = expected(p, "')'");
		break;
	case T_STAR:
		gg_lex_next(&p->lx);
		t = new_node(p, GG_POINTER, c);
		if (t && !(t->elem = parse_type(p)))
			t = NULL;
		break;
	case T_LBRACK: t = parse_array_or_slice(p); break;
	case T_ARROW: t = parse_chan(p, 1); break;
	case T_IDENT:
		if (is_kw(p, "map"))
			t = parse_map(p);
		else if (is_kw(p, "chan"))
			t = parse_chan(p, 0);
		else if (is_kw(p, "func"))
			t = parse_func(p);
		else if (is_kw(p, "struct"))
			t = parse_struct(p);
		else if (is_kw(p, "interface"))
			t = parse_interface(p);
		else if (is_keyword_token(p))
			t = expected(p, "type");
		else
			t = parse_named(p);
		break;
	case T_BAD: t = perr(p, GG_ERR_SYNTAX, c, "invalid character or unterminated literal"); break;
	default: t = expected(p, "type"); break;
	}
	p->depth--;
	return t;
}

gg_status gg_type_parse(const char *src, gg_typeexpr **out, gg_error *err)
{
	*out = NULL;
	gg_typeexpr *a = calloc(1, sizeof *a);
	if (!a)
		return gg_fail(err, GG_ERR_NOMEM, 0, "out of memory while parsing");
	parser p = {.arena = a, .err = err, .st = GG_OK};
	gg_lex_init(&p.lx, src);
	const gg_type *t = parse_type(&p);
	if (t && p.lx.tok != T_EOF)
		expected(&p, "end of type");
	if (p.st != GG_OK) {
		gg_typeexpr_free(a);
		return p.st;
	}
	a->root = t;
	*out = a;
	return GG_OK;
}

void gg_error_caret(const gg_error *err, char *buf, size_t n)
{
	if (n == 0)
		return;
	size_t c = err->column > 0 ? (size_t)err->column : 1;
	if (c > n - 2)
		c = n - 2;
	memset(buf, ' ', c - 1);
	buf[c - 1] = '^';
	buf[c] = 0;
}
