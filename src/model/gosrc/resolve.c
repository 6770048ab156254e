/* Resolving the declarations of a Go package (gosrc.h) into gg_type trees.
 *
 * A declared type gets its node when it is first named; a name used behind
 * a pointer, slice, map, chan, func or interface is queued and resolved
 * afterwards, so types may refer to each other in any order and to
 * themselves through an indirection, while a type that contains itself
 * directly (through struct fields or array elements) is reported, as the
 * type checker does ("invalid recursive type": go/types/decl.go,
 * validType). A generic type is resolved once per list of type arguments.
 * Imports map a file's package names to paths; an imported type resolves
 * only when gogrow knows that path's type. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/gosrc/gosrc_int.h"
#include "model/named.h"
#include "model/typeparse.h"
#include "model/util.h"

#define NO_FILE ((size_t)-1) /* a type expression from the command line */
/* Instances of one generic type: more means an instantiation cycle
 * (X[T] naming X[[]T]), which Go rejects too; the bound also keeps the
 * search among instances short. */
#define MAX_INSTANCES 256

typedef struct env {
	ggi_scope scope; /* first: the hooks get a pointer to it */
	gg_gosrc *pkg;
	size_t file;
	const ggi_gs_tdecl *decl; /* its type parameters are bound to args */
	const gg_type *const *args;
	int64_t iota;
	int has_iota;
} env;

static env env_for(gg_gosrc *pkg, size_t file);

int ggi_gs_grow(void *arr, size_t n, size_t *cap, size_t elem)
{
	if (n < *cap)
		return 1;
	size_t nc = *cap ? *cap * 2 : 8;
	void *old;
	memcpy(&old, arr, sizeof old);
	void *nv = realloc(old, nc * elem);
	if (!nv)
		return 0;
	memcpy(arr, &nv, sizeof nv);
	*cap = nc;
	return 1;
}

char *ggi_gs_strndup(gg_gosrc *pkg, const char *s, size_t n)
{
	char *d = ggi_arena_alloc(pkg->arena, n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = 0;
	}
	return d;
}

void ggi_gs_locate(const gg_gosrc *pkg, size_t fi, size_t off, gg_error *err)
{
	if (!err)
		return;
	const ggi_gs_file *f = &pkg->files[fi];
	size_t line = 1, bol = 0;
	for (size_t i = 0; i < off && i < f->len; i++)
		if (f->text[i] == '\n')
			line++, bol = i + 1;
	char where[128], msg[GG_ERROR_MSG_MAX];
	snprintf(where, sizeof where, "%.80s:%zu:%zu: ", f->name, line, off - bol + 1);
	size_t w = strlen(where);
	memcpy(msg, where, w);
	snprintf(msg + w, sizeof msg - w, "%.*s", (int)(sizeof msg - w - 1), err->msg);
	memcpy(err->msg, msg, sizeof msg);
	err->column = 0;
}

/* An error at byte `column`-1 of the file env `e` reads. */
static gg_status fail_at(const env *e, gg_error *err, gg_status code, int column, const char *msg,
			 const char *name)
{
	ggi_fail(err, code, column, msg, name);
	if (err && e->file != NO_FILE && column > 0)
		ggi_gs_locate(e->pkg, e->file, (size_t)column - 1, err);
	return code;
}

static ggi_gs_tdecl *find_type(gg_gosrc *pkg, const char *name)
{
	for (size_t i = 0; i < pkg->ntypes; i++)
		if (!strcmp(pkg->types[i].name, name))
			return &pkg->types[i];
	return NULL;
}

static ggi_gs_cdecl *find_const(gg_gosrc *pkg, const char *name)
{
	for (size_t i = 0; i < pkg->nconsts; i++)
		if (!strcmp(pkg->consts[i].name, name))
			return &pkg->consts[i];
	return NULL;
}

/* Type identity for type arguments: a declared type is itself only. */
static int same(const gg_type *a, const gg_type *b)
{
	if (a == b)
		return 1;
	if (a->declared || b->declared || a->kind != b->kind || a->len != b->len ||
	    a->nfields != b->nfields || a->measured != b->measured || !a->name != !b->name ||
	    (a->name && strcmp(a->name, b->name)) || !a->elem != !b->elem || !a->key != !b->key ||
	    a->ninner != b->ninner)
		return 0;
	if ((a->elem && !same(a->elem, b->elem)) || (a->key && !same(a->key, b->key)))
		return 0;
	for (size_t i = 0; i < a->nfields; i++)
		if (strcmp(a->fields[i].name, b->fields[i].name) ||
		    !same(a->fields[i].type, b->fields[i].type))
			return 0;
	for (size_t i = 0; i < a->ninner; i++)
		if (!same(a->inner[i], b->inner[i]))
			return 0;
	return 1;
}

/* The instance of generic `d` for `args`, made on first use. */
static ggi_gs_inst *instance(gg_gosrc *pkg, ggi_gs_tdecl *d, const gg_type *const *args, gg_status *st,
			     gg_error *err)
{
	for (ggi_gs_inst *in = d->insts; in; in = in->next) {
		size_t i = 0;
		while (i < d->nparams && same(in->args[i], args[i]))
			i++;
		if (i == d->nparams)
			return in;
	}
	if (++d->ninsts > MAX_INSTANCES)
		return *st =
			   ggi_fail(err, GG_ERR_TYPE, 0,
				    "more than %d instances of generic types: is %s instantiated in a cycle?",
				    MAX_INSTANCES, d->name),
		       NULL;
	ggi_gs_inst *in = ggi_arena_alloc(pkg->arena, sizeof *in);
	const gg_type **a = ggi_arena_alloc(pkg->arena, d->nparams * sizeof *a);
	if (!in || !a)
		return *st = ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory"), NULL;
	memcpy(a, args, d->nparams * sizeof *a);
	in->args = a;
	in->next = d->insts;
	d->insts = in;
	return in;
}

/* Parses the declaration of `d` (its parameters bound to in->args) and
 * fills in->node: a defined type is a copy of its underlying type under its
 * own name; an alias is the very node it denotes. */
static gg_status resolve(gg_gosrc *pkg, ggi_gs_tdecl *d, ggi_gs_inst *in, int indirect, int depth,
			 gg_error *err)
{
	env e = env_for(pkg, d->file);
	e.decl = d;
	e.args = in->args;
	const ggi_gs_file *f = &pkg->files[d->file];
	const gg_type *u = NULL;
	size_t end = 0;
	in->state = GS_RESOLVING;
	gg_status st = ggi_parse_type_at(pkg->arena, f->text, d->type_off, &e.scope, depth + 1,
					 d->alias ? indirect : 0, &u, &end, err);
	if (st == GG_OK && end < d->type_end)
		st = fail_at(&e, err, GG_ERR_SYNTAX, (int)end + 1, "unexpected text after the type of %s",
			     d->name);
	if (st != GG_OK) {
		if (err && err->column > 0)
			ggi_gs_locate(pkg, d->file, (size_t)err->column - 1, err);
		in->state = GS_NEW;
		return st;
	}
	if (d->alias)
		in->node = (gg_type *)u;
	else {
		*in->node = *u;
		if (!u->measured) /* a measured type is found by its name */
			in->node->name = d->name;
		in->node->declared = 1;
		in->node->column = 0;
	}
	in->state = GS_DONE;
	assert(in->node && (d->alias || in->node->declared));
	return GG_OK;
}

static gg_status queue(gg_gosrc *pkg, ggi_gs_tdecl *d, ggi_gs_inst *in, gg_error *err)
{
	if (!ggi_gs_grow(&pkg->work, pkg->nwork, &pkg->capwork, sizeof *pkg->work))
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	pkg->work[pkg->nwork++] = (ggi_gs_work){(size_t)(d - pkg->types), in};
	in->state = GS_QUEUED;
	return GG_OK;
}

/* A use of declared type `d` (instance `in`) at `column` of env `e`. */
static gg_status use(const env *e, ggi_gs_tdecl *d, ggi_gs_inst *in, int column, int indirect, int depth,
		     const gg_type **out, gg_error *err)
{
	gg_gosrc *pkg = e->pkg;
	if (!in->node && !d->alias) {
		in->node = ggi_arena_alloc(pkg->arena, sizeof *in->node);
		if (!in->node)
			return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory");
		in->node->kind = GG_STRUCT; /* until resolved */
		in->node->name = d->name;
		in->node->declared = 1;
	}
	if (in->state == GS_RESOLVING && (!indirect || d->alias))
		return fail_at(e, err, GG_ERR_TYPE, column,
			       d->alias
				   ? "invalid recursive type alias %s"
				   : "invalid recursive type %s: it contains itself through struct fields or "
				     "array elements, not through a pointer",
			       d->name);
	gg_status st = GG_OK;
	if (indirect && !d->alias && in->state == GS_NEW)
		st = queue(pkg, d, in, err);
	else if (in->state == GS_NEW || (in->state == GS_QUEUED && !indirect) ||
		 (d->alias && in->state != GS_DONE))
		st = resolve(pkg, d, in, indirect, depth, err);
	*out = st == GG_OK ? in->node : NULL;
	return st;
}

static size_t hook_nparams(const ggi_scope *s, const char *name)
{
	const env *e = (const env *)s;
	for (size_t i = 0; e->decl && i < e->decl->nparams; i++)
		if (!strcmp(e->decl->params[i], name))
			return 0;
	const ggi_gs_tdecl *d = find_type(e->pkg, name);
	return d ? d->nparams : 0;
}

static gg_status hook_type(const ggi_scope *s, const char *name, const gg_type *const *args, size_t nargs,
			   int column, int indirect, int depth, const gg_type **out, gg_error *err)
{
	const env *e = (const env *)s;
	(void)nargs;
	*out = NULL;
	for (size_t i = 0; e->decl && i < e->decl->nparams; i++)
		if (!strcmp(e->decl->params[i], name)) {
			*out = e->args[i];
			return GG_OK;
		}
	ggi_gs_tdecl *d = find_type(e->pkg, name);
	if (!d)
		return GG_OK;
	gg_status st = GG_OK;
	ggi_gs_inst *in = d->nparams ? instance(e->pkg, d, args, &st, err) : &d->self;
	if (!in)
		return st;
	return use(e, d, in, column, indirect, depth, out, err);
}

/* Whether gogrow knows type `sel` of import path `path`, by the name it
 * uses for it (canon: "atomic.Int64" for sync/atomic's Int64). */
static int known_import(const char *path, const char *sel, char *canon, size_t n)
{
	static const char *defined_in[] = {"sync/atomic", "sync", "time", "reflect", "unsafe"};
	const char *slash = strrchr(path, '/');
	snprintf(canon, n, "%s.%s", slash ? slash + 1 : path, sel);
	const ggi_libtype *lt = ggi_libtype_find(canon);
	if (lt)
		return !strcmp(lt->pkgpath, path);
	if (!ggi_named_find(canon))
		return 0;
	for (size_t i = 0; i < sizeof defined_in / sizeof defined_in[0]; i++)
		if (!strcmp(defined_in[i], path))
			return 1;
	return 0;
}

static gg_status hook_qualify(const ggi_scope *s, const char *pkgname, const char *sel, int column,
			      char *canon, size_t n, gg_error *err)
{
	const env *e = (const env *)s;
	if (e->file == NO_FILE) { /* the command line: gogrow's own names */
		snprintf(canon, n, "%s.%s", pkgname, sel);
		return GG_OK;
	}
	const ggi_gs_file *f = &e->pkg->files[e->file];
	for (size_t i = 0; i < f->nimports; i++) {
		if (strcmp(f->imports[i].name, pkgname))
			continue;
		if (known_import(f->imports[i].path, sel, canon, n))
			return GG_OK;
		char what[200];
		snprintf(what, sizeof what, "%.90s.%.90s", f->imports[i].path, sel);
		return fail_at(
		    e, err, GG_ERR_TYPE, column,
		    "unknown imported type %s: gogrow knows only the library types listed by 'gogrow "
		    "help types'",
		    what);
	}
	return fail_at(e, err, GG_ERR_TYPE, column,
		       "undefined: %s (the file imports no package of that name)", pkgname);
}

static gg_status hook_constant(const ggi_scope *s, const char *name, int column, int depth, int64_t *v,
			       int *found, gg_error *err)
{
	const env *e = (const env *)s;
	*found = 0;
	if (!strcmp(name, "iota") && e->has_iota) {
		*found = 1;
		*v = e->iota;
		return GG_OK;
	}
	ggi_gs_cdecl *c = find_const(e->pkg, name);
	if (!c)
		return GG_OK;
	*found = 1;
	if (c->state == GS_RESOLVING)
		return fail_at(e, err, GG_ERR_TYPE, column, "constant definition loop through %s", name);
	if (c->state != GS_DONE) {
		env ce = env_for(e->pkg, c->file);
		ce.iota = c->iota;
		ce.has_iota = 1;
		if (!c->expr_end)
			return fail_at(&ce, err, GG_ERR_TYPE, (int)c->name_off + 1,
				       "missing value for constant %s", name);
		size_t end = 0;
		c->state = GS_RESOLVING;
		gg_status st = ggi_parse_const_at(e->pkg->arena, e->pkg->files[c->file].text, c->expr_off,
						  &ce.scope, depth + 1, &c->val, &end, err);
		c->state = GS_NEW;
		if (st == GG_OK && end < c->expr_end)
			st = fail_at(&ce, err, GG_ERR_UNSUPPORTED, (int)end + 1,
				     "constant %s: gogrow evaluates integer constant expressions only", name);
		if (st != GG_OK) {
			if (err && err->column > 0)
				ggi_gs_locate(e->pkg, c->file, (size_t)err->column - 1, err);
			return st;
		}
		c->state = GS_DONE;
	}
	*v = c->val;
	return GG_OK;
}

static env env_for(gg_gosrc *pkg, size_t file)
{
	env e = {{NULL, hook_nparams, hook_type, hook_qualify, hook_constant}, pkg, file, NULL, NULL, 0, 0};
	return e;
}

/* Resolves the types queued behind pointers, which may queue more. */
static gg_status drain(gg_gosrc *pkg, gg_error *err)
{
	while (pkg->nwork > 0) {
		ggi_gs_work w = pkg->work[--pkg->nwork];
		if (w.inst->state != GS_QUEUED)
			continue;
		gg_status st = resolve(pkg, &pkg->types[w.decl], w.inst, 0, 0, err);
		if (st != GG_OK)
			return st;
	}
	return GG_OK;
}

gg_status gg_gosrc_type(gg_gosrc *pkg, const char *src, gg_typeexpr **out, gg_error *err)
{
	*out = NULL;
	if (!pkg || !src)
		return ggi_fail(err, GG_ERR_RANGE, 0, "gg_gosrc_type: NULL argument");
	gg_typeexpr *a = ggi_arena_new();
	if (!a)
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	env e = env_for(pkg, NO_FILE);
	const gg_type *t = NULL;
	size_t end = 0;
	/* The nodes go to the package's arena: instances made here keep
	 * pointers to the type arguments written in src. */
	gg_status st = ggi_parse_type_at(pkg->arena, src, 0, &e.scope, 0, 0, &t, &end, err);
	if (st == GG_OK && src[end] != 0)
		st = ggi_fail(err, GG_ERR_SYNTAX, (int)end + 1, "expected end of type, found \"%.20s\"",
			      src + end);
	if (st == GG_OK)
		st = drain(pkg, err);
	if (st != GG_OK) {
		gg_typeexpr_free(a);
		return st;
	}
	ggi_arena_set_root(a, t);
	*out = a;
	return GG_OK;
}

gg_status gg_gosrc_check(gg_gosrc *pkg, gg_error *err)
{
	if (!pkg)
		return ggi_fail(err, GG_ERR_RANGE, 0, "gg_gosrc_check: NULL package");
	env e = env_for(pkg, NO_FILE);
	for (size_t i = 0; i < pkg->ntypes; i++) {
		ggi_gs_tdecl *d = &pkg->types[i];
		const gg_type *t;
		if (d->nparams)
			continue;
		gg_status st = use(&e, d, &d->self, 0, 0, 0, &t, err);
		if (st == GG_OK)
			st = drain(pkg, err);
		if (st != GG_OK)
			return st;
	}
	return GG_OK;
}
