/* The top-level declarations of one Go source file: its package clause,
 * imports, type declarations (single or grouped, aliases, type parameters)
 * and constant declarations (with iota and implicit repetition); every
 * other declaration is skipped by matching brackets. Types and constant
 * expressions are only located here (token ranges); resolve.c parses them
 * when they are needed, so declarations may come in any order.
 * Source: go/parser/parser.go (parseFile, parseGenDecl, parseTypeSpec,
 * parseGenericType's array-or-type-parameters rule). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/gosrc/gosrc_int.h"
#include "model/util.h"

typedef struct reader {
	gg_gosrc *pkg;
	size_t fi;
	const char *s;
	ggi_gs_tok *t;
	size_t n, i;
	gg_error *err;
	gg_status st;
	struct exprlist *last; /* the last const spec's expressions */
} reader;

static const ggi_gs_tok *cur(reader *r)
{
	return &r->t[r->i < r->n ? r->i : r->n - 1];
}

static int is(reader *r, const char *text)
{
	const ggi_gs_tok *k = cur(r);
	size_t n = strlen(text);
	return k->kind != GS_EOF && k->kind != GS_SEMI && k->len == n && memcmp(r->s + k->off, text, n) == 0;
}

static void next(reader *r)
{
	if (r->i + 1 < r->n)
		r->i++;
}

/* Records an error at the current token (the first error only). */
static int fail(reader *r, gg_status code, const char *fmt, const char *what)
{
	if (r->st != GG_OK)
		return 0;
	const ggi_gs_tok *k = cur(r);
	char got[48];
	if (k->kind == GS_EOF)
		snprintf(got, sizeof got, "end of file");
	else if (k->kind == GS_SEMI && r->s[k->off] != ';') /* inserted at the end of a line */
		snprintf(got, sizeof got, "newline");
	else
		snprintf(got, sizeof got, "\"%.*s\"", (int)(k->len < 24 ? k->len : 24), r->s + k->off);
	r->st = ggi_fail(r->err, code, 0, fmt, what, got);
	if (r->err)
		ggi_gs_locate(r->pkg, r->fi, k->off, r->err);
	return 0;
}

static int nomem(reader *r)
{
	if (r->st == GG_OK)
		r->st = ggi_fail(r->err, GG_ERR_NOMEM, 0, "out of memory reading Go source");
	return 0;
}

static int at_end_of_spec(reader *r, int grouped)
{
	const ggi_gs_tok *k = cur(r);
	return k->kind == GS_SEMI || k->kind == GS_EOF || (grouped && is(r, ")"));
}

/* Skips tokens up to the end of a spec or declaration: a ';' (or, in a
 * group, its ')') outside brackets. */
static int skip_to_end(reader *r, int grouped)
{
	char stack[256];
	size_t depth = 0;
	for (;; next(r)) {
		const ggi_gs_tok *k = cur(r);
		if (k->kind == GS_EOF)
			return depth ? fail(r, GG_ERR_SYNTAX, "%sunexpected %s: unbalanced brackets", "") : 1;
		if (depth == 0 && at_end_of_spec(r, grouped))
			return 1;
		if (k->kind != GS_OP)
			continue;
		char c = r->s[k->off];
		if (c == '(' || c == '[' || c == '{') {
			if (depth == sizeof stack)
				return fail(r, GG_ERR_SYNTAX, "%sbrackets nested too deeply at %s", "");
			stack[depth++] = c == '(' ? ')' : c == '[' ? ']' : '}';
		} else if (c == ')' || c == ']' || c == '}') {
			if (depth == 0 || stack[depth - 1] != c)
				return fail(r, GG_ERR_SYNTAX, "%sunexpected %s", "");
			depth--;
		}
	}
}

/* The end of a spec: ';', a group's ')' or the end of the file. */
static int end_spec(reader *r, int grouped)
{
	if (!at_end_of_spec(r, grouped))
		return fail(r, GG_ERR_SYNTAX, "expected %s, found %s", "';' or a newline");
	if (cur(r)->kind == GS_SEMI)
		next(r);
	return 1;
}

/* A declaration keyword's specs: one, or a group "( spec; spec; ... )". */
static int group(reader *r, int (*spec)(reader *, int grouped, int64_t index))
{
	next(r); /* the keyword */
	if (!is(r, "("))
		return spec(r, 0, 0);
	next(r);
	for (int64_t i = 0;; i++) {
		while (cur(r)->kind == GS_SEMI)
			next(r);
		if (is(r, ")"))
			break;
		if (cur(r)->kind == GS_EOF)
			return fail(r, GG_ERR_SYNTAX, "expected %s, found %s", "')'");
		if (!spec(r, 1, i))
			return 0;
	}
	next(r); /* ')' */
	return 1;
}

static char *tok_dup(reader *r)
{
	char *s = ggi_gs_strndup(r->pkg, r->s + cur(r)->off, cur(r)->len);
	if (!s)
		nomem(r);
	return s;
}

static int ident(reader *r, const char *what, char **out)
{
	if (cur(r)->kind != GS_IDENT)
		return fail(r, GG_ERR_SYNTAX, "expected %s, found %s", what);
	*out = tok_dup(r);
	if (!*out)
		return 0;
	next(r);
	return 1;
}

/* import [name] "path" */
static int import_spec(reader *r, int grouped, int64_t index)
{
	(void)index;
	ggi_gs_file *f = &r->pkg->files[r->fi];
	ggi_gs_import im = {NULL, NULL};
	if (cur(r)->kind == GS_IDENT || is(r, ".")) {
		if (!(im.name = tok_dup(r)))
			return 0;
		next(r);
	}
	const ggi_gs_tok *k = cur(r);
	if (k->kind != GS_LIT || (r->s[k->off] != '"' && r->s[k->off] != '`'))
		return fail(r, GG_ERR_SYNTAX, "expected %s, found %s", "import path");
	if (!(im.path = ggi_gs_strndup(r->pkg, r->s + k->off + 1, k->len - 2)))
		return nomem(r);
	if (!im.name) {
		const char *slash = strrchr(im.path, '/');
		im.name = slash ? (char *)slash + 1 : im.path;
	}
	if (!ggi_gs_grow(&f->imports, f->nimports, &f->capimports, sizeof *f->imports))
		return nomem(r);
	f->imports[f->nimports++] = im;
	next(r);
	return end_spec(r, grouped);
}

/* After "type Name [": type parameters, unless it is an array length.
 * "[N]T" and "[pkg.N]T" are arrays; "[T any]", "[K, V any]" and
 * "[T interface{...}]" are parameters (go/parser decides the same way for
 * these forms; "[P *C]" is read as an array length). */
static int type_params_follow(reader *r)
{
	if (cur(r)->kind != GS_IDENT)
		return 0;
	size_t save = r->i;
	next(r);
	const ggi_gs_tok *k = cur(r);
	int yes = k->kind == GS_IDENT || is(r, ",") || is(r, "~") || is(r, "[") || is(r, "(");
	r->i = save;
	return yes;
}

static int add_param(reader *r, ggi_gs_tdecl *d, size_t *cap)
{
	char *name;
	if (!ident(r, "type parameter name", &name))
		return 0;
	if (!ggi_gs_grow(&d->params, d->nparams, cap, sizeof *d->params))
		return nomem(r);
	d->params[d->nparams++] = name;
	return 1;
}

/* "[K comparable, V any]": the names; constraints are skipped. */
static int type_params(reader *r, ggi_gs_tdecl *d)
{
	size_t cap = 0;
	next(r); /* '[' */
	for (;;) {
		if (!add_param(r, d, &cap))
			return 0;
		if (is(r, ",")) { /* "K, V any": K shares V's constraint */
			next(r);
			continue;
		}
		/* the constraint, up to ',' or ']' outside brackets */
		size_t depth = 0;
		for (; cur(r)->kind != GS_EOF; next(r)) {
			if (depth == 0 && (is(r, ",") || is(r, "]")))
				break;
			if (is(r, "(") || is(r, "[") || is(r, "{"))
				depth++;
			else if (is(r, ")") || is(r, "]") || is(r, "}"))
				depth--;
		}
		if (is(r, "]"))
			break;
		if (!is(r, ","))
			return fail(r, GG_ERR_SYNTAX, "expected %s, found %s", "']' after type parameters");
		next(r);
		if (is(r, "]"))
			break;
	}
	next(r); /* ']' */
	return 1;
}

static ggi_gs_tdecl *new_tdecl(reader *r)
{
	gg_gosrc *p = r->pkg;
	if (!ggi_gs_grow(&p->types, p->ntypes, &p->captypes, sizeof *p->types))
		return nomem(r), NULL;
	/* Counted at once, so that a failed file's rollback frees its parameters. */
	ggi_gs_tdecl *d = &p->types[p->ntypes++];
	memset(d, 0, sizeof *d);
	d->file = r->fi;
	d->name_off = cur(r)->off;
	return d;
}

/* Name [params] [=] Type */
static int type_spec(reader *r, int grouped, int64_t index)
{
	(void)index;
	ggi_gs_tdecl *d = new_tdecl(r);
	if (!d || !ident(r, "type name", &d->name))
		return 0;
	if (is(r, "[")) {
		next(r);
		int params = type_params_follow(r);
		r->i--;
		if (params && !type_params(r, d))
			return 0;
	}
	if (is(r, "=")) {
		d->alias = 1;
		next(r);
	}
	if (at_end_of_spec(r, grouped))
		return fail(r, GG_ERR_SYNTAX, "expected %s, found %s", "type");
	d->type_off = cur(r)->off;
	size_t first = r->i;
	if (!skip_to_end(r, grouped))
		return 0;
	const ggi_gs_tok *last = &r->t[r->i > first ? r->i - 1 : first];
	d->type_end = last->off + last->len;
	return end_spec(r, grouped);
}

/* The expressions of the last const spec that had them: a spec without
 * "= ..." repeats them with its own iota. */
typedef struct exprlist {
	size_t off[64], end[64];
	size_t n;
} exprlist;

static int const_exprs(reader *r, exprlist *l)
{
	l->n = 0;
	for (;;) {
		if (l->n == 64)
			return fail(r, GG_ERR_SYNTAX, "%stoo many constants in one spec at %s", "");
		size_t first = r->i;
		l->off[l->n] = cur(r)->off;
		int depth = 0;
		for (; cur(r)->kind != GS_EOF; next(r)) {
			if (depth == 0 && (is(r, ",") || at_end_of_spec(r, 1)))
				break;
			if (is(r, "(") || is(r, "[") || is(r, "{"))
				depth++;
			else if (is(r, ")") || is(r, "]") || is(r, "}"))
				depth--;
		}
		if (r->i == first)
			return fail(r, GG_ERR_SYNTAX, "expected %s, found %s", "constant expression");
		const ggi_gs_tok *last = &r->t[r->i - 1];
		l->end[l->n++] = last->off + last->len;
		if (!is(r, ","))
			return 1;
		next(r);
	}
}

static int add_const(reader *r, size_t name_off, char *name, const exprlist *l, size_t k, int64_t iota)
{
	gg_gosrc *p = r->pkg;
	if (!ggi_gs_grow(&p->consts, p->nconsts, &p->capconsts, sizeof *p->consts))
		return nomem(r);
	ggi_gs_cdecl *c = &p->consts[p->nconsts++];
	memset(c, 0, sizeof *c);
	c->name = name;
	c->file = r->fi;
	c->name_off = name_off;
	c->iota = iota;
	if (k < l->n) { /* else: used, it is an error (resolve.c) */
		c->expr_off = l->off[k];
		c->expr_end = l->end[k];
	}
	return 1;
}

/* Names [Type] [= Exprs] */
static int const_spec(reader *r, int grouped, int64_t index)
{
	char *names[64];
	size_t offs[64], n = 0;
	do {
		if (n == 64)
			return fail(r, GG_ERR_SYNTAX, "%stoo many constants in one spec at %s", "");
		offs[n] = cur(r)->off;
		if (!ident(r, "constant name", &names[n++]))
			return 0;
	} while (is(r, ",") && (next(r), 1));
	while (!is(r, "=") && !at_end_of_spec(r, grouped))
		next(r); /* the type, which does not matter for an array length */
	if (is(r, "=")) {
		next(r);
		if (!const_exprs(r, r->last))
			return 0;
	} else if (index == 0)
		return fail(r, GG_ERR_SYNTAX, "expected %s, found %s", "'=' and a value");
	for (size_t k = 0; k < n; k++)
		if (!add_const(r, offs[k], names[k], r->last, k, index))
			return 0;
	return end_spec(r, grouped);
}

static int skip_decl(reader *r, int grouped, int64_t index)
{
	(void)index;
	return skip_to_end(r, grouped) && end_spec(r, grouped);
}

static int package_clause(reader *r)
{
	while (cur(r)->kind == GS_SEMI)
		next(r);
	if (!is(r, "package"))
		return fail(r, GG_ERR_SYNTAX, "expected %s, found %s", "'package' clause");
	next(r);
	char *name;
	if (!ident(r, "package name", &name))
		return 0;
	gg_gosrc *p = r->pkg;
	if (p->pkgname[0] && strcmp(p->pkgname, name) != 0) {
		r->i--;
		char msg[200];
		snprintf(msg, sizeof msg, "package %.60s, but other files are package %.60s", name,
			 p->pkgname);
		return fail(r, GG_ERR_SYNTAX, "%s (found %s)", msg);
	}
	snprintf(p->pkgname, sizeof p->pkgname, "%s", name);
	return end_spec(r, 0);
}

gg_status ggi_gs_read_decls(gg_gosrc *pkg, size_t fi, gg_error *err)
{
	ggi_gs_file *f = &pkg->files[fi];
	exprlist last = {{0}, {0}, 0};
	reader r = {.pkg = pkg, .fi = fi, .s = f->text, .err = err, .last = &last};
	gg_status st = ggi_gs_scan(f->text, f->len, &r.t, &r.n, err);
	if (st != GG_OK) {
		if (err && err->column > 0)
			ggi_gs_locate(pkg, fi, (size_t)err->column - 1, err);
		return st;
	}
	int ok = package_clause(&r);
	while (ok && cur(&r)->kind != GS_EOF) {
		if (cur(&r)->kind == GS_SEMI)
			next(&r);
		else if (is(&r, "import"))
			ok = group(&r, import_spec);
		else if (is(&r, "type"))
			ok = group(&r, type_spec);
		else if (is(&r, "const"))
			ok = group(&r, const_spec);
		else if (is(&r, "func") || is(&r, "var"))
			ok = skip_decl(&r, 0, 0);
		else
			ok = fail(&r, GG_ERR_SYNTAX, "expected %s, found %s", "declaration");
	}
	free(r.t);
	return r.st;
}
