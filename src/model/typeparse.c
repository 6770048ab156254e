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
	ggi_lexer lx;
	gg_typeexpr *arena;
	gg_error *err;
	gg_status st;
	int depth;
	int col_base;		/* column offset for definitions parsed from named.c */
	const gg_type *param;	/* binding of the type parameter T inside a named definition */
	int internal;		/* parsing a library definition: column info is not the user's */
	const ggi_scope *scope; /* names declared in Go source (gosrc), or NULL */
	int indirect;		/* inside a pointer, slice, map, chan, func or interface */
} parser;

void *ggi_arena_alloc(gg_typeexpr *a, size_t n)
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
		p->st = ggi_fail(p->err, GG_ERR_NOMEM, 0, "out of memory while parsing");
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
			snprintf(got, sizeof got, "%s '%c'", ggi_tok_name(p->lx.tok), b);
		else
			snprintf(got, sizeof got, "%s (byte 0x%02x)", ggi_tok_name(p->lx.tok), b);
	} else if (p->lx.tok == T_IDENT || p->lx.tok == T_INT) {
		size_t n = p->lx.len < 24 ? p->lx.len : 24;
		snprintf(got, sizeof got, "%s \"%.*s\"", ggi_tok_name(p->lx.tok), (int)n,
			 p->lx.src + p->lx.start);
	} else
		snprintf(got, sizeof got, "%s", ggi_tok_name(p->lx.tok));
	return perr(p, GG_ERR_SYNTAX, col(p), "expected %s, found %s", what, got);
}

static int accept(parser *p, ggi_tok t)
{
	if (p->lx.tok != t)
		return 0;
	ggi_lex_next(&p->lx);
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
	char *s = ggi_arena_alloc(p->arena, p->lx.len + 1);
	if (!s)
		return (char *)nomem(p);
	memcpy(s, p->lx.src + p->lx.start, p->lx.len);
	s[p->lx.len] = 0;
	return s;
}

/* Reads an identifier into buf (at most n-1 bytes). */
static void ident_copy(parser *p, char *buf, size_t n)
{
	size_t m = p->lx.len < n - 1 ? p->lx.len : n - 1;
	memcpy(buf, p->lx.src + p->lx.start, m);
	buf[m] = 0;
}

static gg_type *new_node(parser *p, gg_kind k, int column)
{
	gg_type *t = ggi_arena_alloc(p->arena, sizeof *t);
	if (!t)
		return nomem(p);
	t->kind = k;
	t->column = column;
	return t;
}

static gg_type *parse_type(parser *p);

/* A type behind a pointer, slice, map, chan, func or interface: a type
 * declared in Go source may refer to itself there (gosrc). */
static gg_type *parse_indirect(parser *p)
{
	p->indirect++;
	gg_type *t = parse_type(p);
	p->indirect--;
	return t;
}

/* ---- names declared once per struct or interface ----------------------- */

/* Go rejects a repeated field or method name. The check is a hash set so
 * that it stays linear: a pairwise scan took over a minute on a struct of
 * 160 k fields. The set is heap memory, freed by the caller. */
typedef struct nameset {
	const char **slot;
	size_t n, cap; /* cap is a power of two, kept at most half full */
} nameset;

static uint64_t name_hash(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037); /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(1099511628211);
	return h;
}

static int nameset_grow(nameset *s)
{
	size_t cap = s->cap ? s->cap * 2 : 64;
	const char **slot = calloc(cap, sizeof *slot);
	if (!slot)
		return 0;
	for (size_t i = 0; i < s->cap; i++)
		if (s->slot[i]) {
			size_t j = name_hash(s->slot[i]) & (cap - 1);
			while (slot[j])
				j = (j + 1) & (cap - 1);
			slot[j] = s->slot[i];
		}
	free(s->slot);
	s->slot = slot;
	s->cap = cap;
	return 1;
}

/* Adds `name`: 1 if new, 0 if already there, -1 out of memory. */
static int nameset_add(nameset *s, const char *name)
{
	if (2 * (s->n + 1) > s->cap && !nameset_grow(s))
		return -1;
	size_t j = name_hash(name) & (s->cap - 1);
	for (; s->slot[j]; j = (j + 1) & (s->cap - 1))
		if (strcmp(s->slot[j], name) == 0)
			return 0;
	s->slot[j] = name;
	s->n++;
	return 1;
}

/* Declares `name` in `s`; reports "duplicate <what> NAME" as Go does. */
static int declare(parser *p, nameset *s, const char *name, const char *what, int column)
{
	if (strcmp(name, "_") == 0)
		return 1;
	int r = nameset_add(s, name);
	if (r < 0)
		return (nomem(p), 0);
	if (r == 0)
		return (perr(p, GG_ERR_TYPE, column, "duplicate %s %s", what, name), 0);
	return 1;
}

/* ---- types inside signatures ------------------------------------------ */

/* Parameter, result and method types have no effect on a func's or an
 * interface's layout, but the compiler still lays them out and rejects the
 * ones too large, so the tree keeps them (gg_type.inner). */
typedef struct typelist {
	const gg_type **v;
	size_t n, cap;
} typelist;

/* Room for one more element in an arena array of `n` used out of *cap:
 * doubles it (first: `first`). `vp` is the address of the array pointer,
 * read and written through memcpy so that any element type can share this. */
static int arena_room(parser *p, void *vp, size_t n, size_t *cap, size_t elem, size_t first)
{
	if (n < *cap)
		return 1;
	size_t nc = *cap ? *cap * 2 : first;
	void *old, *nv = ggi_arena_alloc(p->arena, nc * elem);
	if (!nv)
		return (nomem(p), 0);
	memcpy(&old, vp, sizeof old);
	if (n)
		memcpy(nv, old, n * elem);
	memcpy(vp, &nv, sizeof nv);
	*cap = nc;
	return 1;
}

static int typelist_push(parser *p, typelist *l, const gg_type *t)
{
	if (!l)
		return 1;
	if (!arena_room(p, &l->v, l->n, &l->cap, sizeof *l->v, 4))
		return 0;
	l->v[l->n++] = t;
	return 1;
}

/* parse_type, keeping the result in `l`. */
static const gg_type *parse_inner(parser *p, typelist *l)
{
	const gg_type *t = parse_type(p);
	if (t && !typelist_push(p, l, t))
		return NULL;
	return t;
}

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

/* A constant the Go source declares (gosrc), or iota. */
static cval scope_const(parser *p, int c)
{
	char name[128];
	size_t n = p->lx.len < sizeof name - 1 ? p->lx.len : sizeof name - 1;
	memcpy(name, p->lx.src + p->lx.start, n);
	name[n] = 0;
	ggi_lex_next(&p->lx);
	if (p->lx.tok == T_DOT || p->lx.tok == T_LPAREN)
		return cbad(p, c,
			    "array length: only integer constants declared in the package can be evaluated "
			    "(no qualified names, conversions or calls)");
	int64_t v = 0;
	int found = 0;
	gg_status st = p->scope->constant(p->scope, name, c, p->depth, &v, &found, p->err);
	if (st != GG_OK) {
		p->st = st;
		return (cval){0, 0};
	}
	if (!found) {
		perr(p, GG_ERR_TYPE, c, "undefined constant \"%s\" in array length", name);
		return (cval){0, 0};
	}
	return (cval){v, 1};
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
		ggi_lex_next(&p->lx);
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
	if (p->lx.tok == T_IDENT && p->scope)
		return scope_const(p, c);
	if (p->lx.tok == T_IDENT) {
		perr(p, GG_ERR_TYPE, c, "array length must be an integer constant, not the name \"%.*s\"",
		     (int)(p->lx.len < 32 ? p->lx.len : 32), p->lx.src + p->lx.start);
		return (cval){0, 0};
	}
	expected(p, "array length");
	return (cval){0, 0};
}

static int binprec(ggi_tok t)
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
		ggi_tok op = p->lx.tok;
		int c = col(p);
		ggi_lex_next(&p->lx);
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
	ggi_lex_next(&p->lx); /* '[' */
	if (accept(p, T_RBRACK)) {
		gg_type *t = new_node(p, GG_SLICE, c);
		if (!t || !(t->elem = parse_indirect(p)))
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
	ggi_lex_next(&p->lx); /* map */
	if (!accept(p, T_LBRACK))
		return expected(p, "'[' after map");
	int kc = col(p);
	gg_type *t = new_node(p, GG_MAP, c);
	if (!t || !(t->key = parse_indirect(p)))
		return NULL;
	if (!accept(p, T_RBRACK))
		return expected(p, "']' after map key type");
	if (!(t->elem = parse_indirect(p)))
		return NULL;
	/* A declared key may still be unresolved: layout checks it (layout.c). */
	if (!t->key->declared && !gg_type_comparable(t->key))
		return perr(p, GG_ERR_TYPE, kc,
			    "invalid map key type: slices, maps and funcs (and structs or arrays holding "
			    "them) are not comparable");
	return t;
}

static gg_type *parse_chan(parser *p, int recv_first)
{
	int c = col(p);
	if (recv_first) {
		ggi_lex_next(&p->lx); /* <- */
		if (!is_kw(p, "chan"))
			return expected(p, "'chan' after '<-'");
	}
	ggi_lex_next(&p->lx); /* chan */
	if (!recv_first)
		accept(p, T_ARROW);
	gg_type *t = new_node(p, GG_CHAN, c);
	if (!t || !(t->elem = parse_indirect(p)))
		return NULL;
	return t;
}

/* One parameter list "(...)". Go allows either all entries named or none:
 * "(a, b int)" names a and b; "(int, string)" lists types. Bare identifiers
 * are therefore resolved only once the whole list has been seen. */
static int parse_params(parser *p, typelist *l)
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
			ggi_lexer save = p->lx;
			ggi_lex_next(&p->lx);
			if (p->lx.tok == T_COMMA || p->lx.tok == T_RPAREN) {
				if (nbare == sizeof bares / sizeof bares[0]) {
					perr(p, GG_ERR_SYNTAX, save.start + 1, "too many parameters");
					return 0;
				}
				bares[nbare++] = (struct bare){(int)save.start + 1, save.start, save.len};
			} else if (p->lx.tok == T_DOT) {
				p->lx = save; /* qualified type name */
				if (!parse_inner(p, l))
					return 0;
			} else {
				named = 1; /* name followed by its type */
				if (accept(p, T_ELLIPSIS))
					saw_variadic = 1;
				if (!parse_inner(p, l))
					return 0;
			}
		} else {
			if (accept(p, T_ELLIPSIS))
				saw_variadic = 1;
			if (!parse_inner(p, l))
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
			ggi_lexer sub;
			char name[64];
			size_t n = bares[i].len < sizeof name - 1 ? bares[i].len : sizeof name - 1;
			memcpy(name, p->lx.src + bares[i].off, n);
			name[n] = 0;
			ggi_lex_init(&sub, name);
			ggi_lexer keep = p->lx;
			p->lx = sub;
			int save_internal = p->internal, save_base = p->col_base;
			p->internal = 1;
			p->col_base = bares[i].column;
			const gg_type *t = parse_inner(p, l);
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

/* Parameters and optional result of a func type or method. */
static int parse_signature(parser *p, typelist *l)
{
	if (!parse_params(p, l))
		return 0;
	if (p->lx.tok == T_LPAREN)
		return parse_params(p, l);
	if (starts_type(p))
		return parse_inner(p, l) != NULL;
	return 1;
}

static gg_type *parse_func(parser *p)
{
	gg_type *t = new_node(p, GG_FUNC, col(p));
	if (!t)
		return NULL;
	ggi_lex_next(&p->lx); /* func */
	typelist sig = {0};
	if (!parse_signature(p, &sig))
		return NULL;
	t->inner = sig.v;
	t->ninner = sig.n;
	return t;
}

static gg_type *constraint_error(parser *p, int column)
{
	return perr(p, GG_ERR_TYPE, column,
		    "interface contains type constraints: it can only be used as a type parameter "
		    "constraint, not as a value type");
}

/* One interface element: a method (its name declared in `names`) or an
 * embedded interface. */
static int parse_iface_elem(parser *p, nameset *names, typelist *inner)
{
	if (p->lx.tok == T_TILDE || p->lx.tok == T_PIPE)
		return (constraint_error(p, col(p)), 0);
	if (p->lx.tok != T_IDENT || is_keyword_token(p))
		return (expected(p, "method or embedded interface"), 0);
	ggi_lexer save = p->lx;
	int c = col(p);
	char *name = ident_dup(p);
	if (!name)
		return 0;
	ggi_lex_next(&p->lx);
	if (p->lx.tok == T_LPAREN) /* method */
		return declare(p, names, name, "method", c) && parse_signature(p, inner);
	p->lx = save; /* embedded interface */
	const gg_type *e = parse_inner(p, inner);
	if (!e)
		return 0;
	if (e->kind != GG_INTERFACE)
		return (perr(p, GG_ERR_TYPE, e->column,
			     "interface contains type constraints: a non-interface element makes it a "
			     "constraint, not a value type"),
			0);
	return 1;
}

/* The elements of a struct or interface literal up to its '}': `elem`
 * parses one; they are separated by ';' (or a newline). */
static int parse_elems(parser *p, int (*elem)(parser *, void *), void *ctx, const char *close)
{
	int ok = 1;
	while (ok && p->lx.tok != T_RBRACE) {
		ok = elem(p, ctx);
		if (!ok || !accept(p, T_SEMI))
			break;
	}
	if (ok && !accept(p, T_RBRACE))
		return (expected(p, close), 0);
	return ok;
}

/* `struct {` or `interface {`: the node of the literal, its keyword and
 * brace consumed. */
static gg_type *open_literal(parser *p, gg_kind kind, const char *brace)
{
	gg_type *t = new_node(p, kind, col(p));
	if (!t)
		return NULL;
	ggi_lex_next(&p->lx); /* the keyword */
	if (!accept(p, T_LBRACE))
		return expected(p, brace);
	return t;
}

typedef struct iface_ctx {
	nameset names;
	typelist inner;
} iface_ctx;

/* A method or an embedded interface; a union (A | B) is a constraint. */
static int iface_elem(parser *p, void *ctx)
{
	iface_ctx *ic = ctx;
	if (!parse_iface_elem(p, &ic->names, &ic->inner))
		return 0;
	if (p->lx.tok == T_PIPE)
		return (constraint_error(p, col(p)), 0);
	return 1;
}

static gg_type *parse_interface(parser *p)
{
	gg_type *t = open_literal(p, GG_INTERFACE, "'{' after interface");
	if (!t)
		return NULL;
	iface_ctx ic = {{0}, {0}};
	int ok = parse_elems(p, iface_elem, &ic, "';' or '}' in interface");
	free(ic.names.slot);
	if (!ok)
		return NULL;
	t->inner = ic.inner.v;
	t->ninner = ic.inner.n;
	return t;
}

typedef struct fieldbuf {
	gg_field *v;
	size_t n, cap;
	nameset names;
} fieldbuf;

static int field_push(parser *p, fieldbuf *fb, const char *name, const gg_type *t, int embedded, int column)
{
	if (!declare(p, &fb->names, name, "field", column))
		return 0;
	if (!arena_room(p, &fb->v, fb->n, &fb->cap, sizeof *fb->v, 8))
		return 0;
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

/* Whether the identifier at hand names a generic type of the scope, which
 * makes "Pair[int, string]" an embedded field rather than a field Pair of
 * an array type. */
static int embedded_generic(parser *p)
{
	char name[120];
	ident_copy(p, name, sizeof name);
	return p->scope && p->scope->nparams(p->scope, name) > 0;
}

/* The name Go gives an embedded field, from its source: the type name as
 * written (an alias keeps its own name), without '*', package or type
 * arguments. Used for Go source (gosrc), where aliases are declared. */
static const char *embedded_source_name(parser *p)
{
	ggi_lexer lx = p->lx;
	if (lx.tok == T_STAR)
		ggi_lex_next(&lx);
	ggi_lexer id = lx;
	ggi_lex_next(&lx);
	if (lx.tok == T_DOT) {
		ggi_lex_next(&lx);
		id = lx;
	}
	if (id.tok != T_IDENT)
		return NULL;
	char *s = ggi_arena_alloc(p->arena, id.len + 1);
	if (s)
		memcpy(s, id.src + id.start, id.len);
	return s;
}

/* One field declaration: an embedded type ("T", "*T", "pkg.T") or an
 * identifier list and its type ("a, b int"). */
static int parse_field_decl(parser *p, fieldbuf *fb)
{
	int fc = col(p);
	const char *src_name = p->scope ? embedded_source_name(p) : NULL;
	if (p->lx.tok == T_STAR) { /* embedded *T */
		const gg_type *e = parse_type(p);
		if (!e)
			return 0;
		if (!e->elem || !e->elem->name || e->elem->kind == GG_POINTER)
			return (perr(p, GG_ERR_TYPE, fc,
				     "embedded field must be a type name or a pointer to one"),
				0);
		return field_push(p, fb, src_name ? src_name : embedded_name(e), e, 1, fc);
	}
	if (p->lx.tok != T_IDENT || is_keyword_token(p))
		return (expected(p, "field name or embedded type"), 0);
	ggi_lexer save = p->lx; /* peek past the identifier */
	ggi_lex_next(&p->lx);
	ggi_tok next = p->lx.tok;
	p->lx = save;
	if (next == T_DOT || next == T_SEMI || next == T_RBRACE || next == T_STRING ||
	    (next == T_LBRACK && embedded_generic(p))) {
		const gg_type *e = parse_type(p); /* embedded type name */
		return e && field_push(p, fb, src_name ? src_name : embedded_name(e), e, 1, fc);
	}
	/* The names are declared first and get their type once it is parsed. */
	size_t first = fb->n;
	for (;;) {
		if (p->lx.tok != T_IDENT || is_keyword_token(p))
			return (expected(p, "field name"), 0);
		int c = col(p);
		const char *name = ident_dup(p);
		if (!name || !field_push(p, fb, name, NULL, 0, c))
			return 0;
		ggi_lex_next(&p->lx);
		if (!accept(p, T_COMMA))
			break;
	}
	const gg_type *ft = parse_type(p);
	if (!ft)
		return 0;
	for (size_t i = first; i < fb->n; i++)
		fb->v[i].type = ft;
	return 1;
}

/* A field declaration and its tag, which has no effect on layout. */
static int struct_elem(parser *p, void *ctx)
{
	if (!parse_field_decl(p, ctx))
		return 0;
	accept(p, T_STRING);
	return 1;
}

static gg_type *parse_struct(parser *p)
{
	gg_type *t = open_literal(p, GG_STRUCT, "'{' after struct");
	if (!t)
		return NULL;
	fieldbuf fb = {0};
	int ok = parse_elems(p, struct_elem, &fb, "';' or '}' after struct field");
	free(fb.names.slot);
	if (!ok)
		return NULL;
	t->fields = fb.v;
	t->nfields = fb.n;
	return t;
}

/* Type arguments "[A, B]" of a generic type the scope declares. */
static int parse_type_args(parser *p, const char *name, size_t want, const gg_type ***args)
{
	int c = col(p);
	if (!accept(p, T_LBRACK))
		return (perr(p, GG_ERR_TYPE, c, "generic type %s must be instantiated, as in %s[int]", name,
			     name),
			0);
	typelist l = {0};
	do {
		if (!parse_inner(p, &l))
			return 0;
	} while (accept(p, T_COMMA) && p->lx.tok != T_RBRACK);
	if (!accept(p, T_RBRACK))
		return (expected(p, "']' after type arguments"), 0);
	if (l.n != want)
		return (perr(p, GG_ERR_TYPE, c, "%s takes %zu type argument%s, not %zu", name, want,
			     want == 1 ? "" : "s", l.n),
			0);
	*args = l.v;
	return 1;
}

/* A name declared by the Go source in scope (a type, a type parameter or an
 * instance of a generic type); NULL with p->st still GG_OK when it is not
 * the scope's, so that predeclared and library names apply. */
static const gg_type *scope_named(parser *p, const char *name, int c)
{
	size_t np = p->scope->nparams(p->scope, name);
	const gg_type **args = NULL;
	if (np > 0 && !parse_type_args(p, name, np, &args))
		return NULL;
	const gg_type *t = NULL;
	gg_status st = p->scope->type(p->scope, name, args, np, c, p->indirect, p->depth, &t, p->err);
	if (st != GG_OK)
		p->st = st;
	return t;
}

/* A library type: its definition parsed with T bound to the argument. */
static gg_type *parse_libdef(parser *p, const ggi_named *def, const gg_type *arg, int c)
{
	parser sub = *p;
	ggi_lex_init(&sub.lx, def->def);
	sub.internal = 1;
	sub.col_base = c;
	sub.param = arg;
	sub.scope = NULL; /* a library definition names no package type */
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

static gg_type *parse_named(parser *p)
{
	int c = col(p);
	char name[256], sel[120];
	ident_copy(p, name, 120);
	ggi_lex_next(&p->lx);
	if (p->lx.tok == T_DOT) {
		ggi_lex_next(&p->lx);
		if (p->lx.tok != T_IDENT)
			return expected(p, "name after '.'");
		ident_copy(p, sel, sizeof sel);
		ggi_lex_next(&p->lx);
		if (p->scope) { /* the import the package name stands for */
			char canon[256];
			gg_status st = p->scope->qualify(p->scope, name, sel, c, canon, sizeof canon, p->err);
			if (st != GG_OK)
				return (p->st = st, NULL);
			snprintf(name, sizeof name, "%s", canon);
		} else
			snprintf(name + strlen(name), sizeof name - strlen(name), ".%s", sel);
	} else if (p->scope) {
		const gg_type *t = scope_named(p, name, c);
		if (t || p->st != GG_OK)
			return (gg_type *)t;
	}
	if (p->param && strcmp(name, "T") == 0)
		return (gg_type *)p->param;
	const ggi_named *def = ggi_named_find(name);
	const ggi_libtype *lt = def ? NULL : ggi_libtype_find(name);
	if (lt) { /* laid out from the table of measurements */
		gg_type *t = new_node(p, GG_STRUCT, c);
		if (!t)
			return NULL;
		t->name = lt->name;
		t->min_go = lt->min_go;
		t->measured = 1;
		return t;
	}
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
	return parse_libdef(p, def, arg, c);
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
		ggi_lex_next(&p->lx);
		t = parse_type(p);
		if (t && !accept(p, T_RPAREN))
			t = expected(p, "')'");
		break;
	case T_STAR:
		ggi_lex_next(&p->lx);
		t = new_node(p, GG_POINTER, c);
		if (t && !(t->elem = parse_indirect(p)))
			t = NULL;
		break;
	case T_LBRACK: t = parse_array_or_slice(p); break;
	case T_ARROW: t = parse_chan(p, 1); break;
	case T_IDENT:
		if (is_kw(p, "map"))
			t = parse_map(p);
		else if (is_kw(p, "chan"))
			t = parse_chan(p, 0);
		else if (is_kw(p, "func") || is_kw(p, "interface")) {
			p->indirect++;
			t = is_kw(p, "func") ? parse_func(p) : parse_interface(p);
			p->indirect--;
		} else if (is_kw(p, "struct"))
			t = parse_struct(p);
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
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory while parsing");
	parser p = {.arena = a, .err = err, .st = GG_OK};
	ggi_lex_init(&p.lx, src);
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

gg_typeexpr *ggi_arena_new(void)
{
	return calloc(1, sizeof(gg_typeexpr));
}

void ggi_arena_set_root(gg_typeexpr *a, const gg_type *root)
{
	a->root = root;
}

/* A parser over `src` from byte `start`: columns stay byte offsets + 1 in
 * src, which gosrc turns into file:line:col. */
static void parser_at(parser *p, gg_typeexpr *a, const char *src, size_t start, const ggi_scope *s, int depth,
		      gg_error *err)
{
	*p = (parser){.arena = a, .err = err, .st = GG_OK, .scope = s, .depth = depth};
	ggi_lex_init(&p->lx, src);
	p->lx.pos = start;
	p->lx.depth = 0;
	p->lx.tok = T_EOF;
	ggi_lex_next(&p->lx);
}

gg_status ggi_parse_type_at(gg_typeexpr *a, const char *src, size_t start, const ggi_scope *s, int depth,
			    int indirect, const gg_type **out, size_t *end, gg_error *err)
{
	parser p;
	parser_at(&p, a, src, start, s, depth, err);
	p.indirect = indirect;
	*out = parse_type(&p);
	*end = p.lx.start;
	return p.st;
}

gg_status ggi_parse_const_at(gg_typeexpr *a, const char *src, size_t start, const ggi_scope *s, int depth,
			     int64_t *v, size_t *end, gg_error *err)
{
	parser p;
	parser_at(&p, a, src, start, s, depth, err);
	cval x = cexpr(&p, 1);
	*v = x.v;
	*end = p.lx.start;
	return p.st;
}
