/* The package object of the Go declaration reader: files in, types out
 * (gosrc.h). Reading is decl.c, resolving resolve.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/gosrc/gosrc_int.h"
#include "model/typeparse.h"
#include "model/util.h"

gg_gosrc *gg_gosrc_new(void)
{
	gg_gosrc *p = calloc(1, sizeof *p);
	if (p && !(p->arena = ggi_arena_new())) {
		free(p);
		return NULL;
	}
	return p;
}

/* A file owns its text and its import list; a type its parameter list. */
static void free_files(gg_gosrc *pkg)
{
	for (size_t i = 0; i < pkg->nfiles; i++) {
		free(pkg->files[i].text);
		free(pkg->files[i].imports);
	}
	free(pkg->files);
}

void gg_gosrc_free(gg_gosrc *pkg)
{
	if (!pkg)
		return;
	free_files(pkg);
	for (size_t i = 0; i < pkg->ntypes; i++)
		free(pkg->types[i].params);
	free(pkg->types);
	free(pkg->consts);
	free(pkg->work);
	gg_typeexpr_free(pkg->arena);
	free(pkg);
}

/* Whether `name` is among the first `tn` types or `cn` constants. */
static int find_earlier(const gg_gosrc *pkg, const char *name, size_t tn, size_t cn)
{
	for (size_t i = 0; i < tn && i < pkg->ntypes; i++)
		if (!strcmp(pkg->types[i].name, name))
			return 1;
	for (size_t i = 0; i < cn && i < pkg->nconsts; i++)
		if (!strcmp(pkg->consts[i].name, name))
			return 1;
	return 0;
}

/* Go declares each name once per package (types and constants alike). */
static gg_status check_unique(gg_gosrc *pkg, size_t types0, size_t consts0, gg_error *err)
{
	for (size_t i = types0; i < pkg->ntypes; i++) {
		const ggi_gs_tdecl *d = &pkg->types[i];
		int dup = strcmp(d->name, "_") && find_earlier(pkg, d->name, i, consts0);
		if (dup) {
			ggi_fail(err, GG_ERR_TYPE, 0, "%s redeclared in this package", d->name);
			ggi_gs_locate(pkg, d->file, d->name_off, err);
			return GG_ERR_TYPE;
		}
	}
	for (size_t i = consts0; i < pkg->nconsts; i++) {
		const ggi_gs_cdecl *c = &pkg->consts[i];
		int dup = strcmp(c->name, "_") && find_earlier(pkg, c->name, pkg->ntypes, i);
		if (dup) {
			ggi_fail(err, GG_ERR_TYPE, 0, "%s redeclared in this package", c->name);
			ggi_gs_locate(pkg, c->file, c->name_off, err);
			return GG_ERR_TYPE;
		}
	}
	return GG_OK;
}

gg_status gg_gosrc_add_file(gg_gosrc *pkg, const char *filename, const char *text, size_t len, gg_error *err)
{
	if (!pkg || !filename || (!text && len))
		return ggi_fail(err, GG_ERR_RANGE, 0, "gg_gosrc_add_file: NULL argument");
	if (!ggi_gs_grow(&pkg->files, pkg->nfiles, &pkg->capfiles, sizeof *pkg->files))
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	ggi_gs_file *f = &pkg->files[pkg->nfiles];
	memset(f, 0, sizeof *f);
	f->name = ggi_gs_strndup(pkg, filename, strlen(filename));
	f->text = malloc(len + 1);
	if (!f->name || !f->text) {
		free(f->text);
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	}
	if (len)
		memcpy(f->text, text, len);
	f->text[len] = 0;
	f->len = len;
	pkg->nfiles++;
	size_t t0 = pkg->ntypes, c0 = pkg->nconsts;
	gg_status st = ggi_gs_read_decls(pkg, pkg->nfiles - 1, err);
	if (st == GG_OK)
		st = check_unique(pkg, t0, c0, err);
	if (st != GG_OK) { /* the file's declarations are not kept */
		for (size_t i = t0; i < pkg->ntypes; i++)
			free(pkg->types[i].params);
		pkg->ntypes = t0;
		pkg->nconsts = c0;
	}
	return st;
}

const char *gg_gosrc_package(const gg_gosrc *pkg)
{
	return pkg ? pkg->pkgname : "";
}

size_t gg_gosrc_ntypes(const gg_gosrc *pkg)
{
	return pkg ? pkg->ntypes : 0;
}

const char *gg_gosrc_type_name(const gg_gosrc *pkg, size_t i)
{
	return pkg && i < pkg->ntypes ? pkg->types[i].name : NULL;
}

size_t gg_gosrc_type_nparams(const gg_gosrc *pkg, size_t i)
{
	return pkg && i < pkg->ntypes ? pkg->types[i].nparams : 0;
}
