/* Internals of the Go declaration reader (gosrc.h): the tokens of a file,
 * the declarations read from it, and the package that resolves them. */
#ifndef GOGROW_MODEL_GOSRC_INT_H
#define GOGROW_MODEL_GOSRC_INT_H

#include <stddef.h>
#include <stdint.h>
#include "gogrow/gosrc.h"
#include "gogrow/types.h"

/* ---- tokens (scan.c) ---- */
typedef enum { GS_EOF, GS_IDENT, GS_LIT, GS_OP, GS_SEMI } ggi_gs_kind;

typedef struct ggi_gs_tok {
	ggi_gs_kind kind;
	size_t off, len; /* bytes of the token in the file (a newline for an automatic ';') */
} ggi_gs_tok;

/* Splits `text` into tokens with Go's automatic semicolons. Fails with
 * GG_ERR_SYNTAX (err->column: byte offset + 1) on an unterminated comment,
 * string or rune, or a NUL byte. */
gg_status ggi_gs_scan(const char *text, size_t len, ggi_gs_tok **out, size_t *n, gg_error *err);

/* ---- declarations (decl.c) ---- */
typedef struct ggi_gs_import {
	char *name; /* the name the file uses: its alias or the path's last element */
	char *path;
} ggi_gs_import;

typedef struct ggi_gs_file {
	char *name;
	char *text; /* NUL-terminated copy */
	size_t len;
	ggi_gs_import *imports;
	size_t nimports, capimports;
} ggi_gs_file;

typedef struct ggi_gs_inst ggi_gs_inst;

/* A type, or an instance of a generic type: its node is allocated when it
 * is first named and filled when it is resolved. */
typedef enum { GS_NEW, GS_QUEUED, GS_RESOLVING, GS_DONE } ggi_gs_state;

struct ggi_gs_inst {
	const gg_type **args;
	gg_type *node;
	ggi_gs_state state;
	ggi_gs_inst *next;
};

typedef struct ggi_gs_tdecl {
	char *name;
	size_t file, name_off, type_off, type_end;
	int alias;
	char **params;
	size_t nparams;
	ggi_gs_inst self; /* the type itself (non-generic) */
	ggi_gs_inst *insts;
	size_t ninsts;
} ggi_gs_tdecl;

typedef struct ggi_gs_cdecl {
	char *name;
	size_t file, name_off, expr_off, expr_end; /* expr_end 0: no expression */
	int64_t iota;
	ggi_gs_state state;
	int64_t val;
} ggi_gs_cdecl;

typedef struct ggi_gs_work {
	size_t decl;
	ggi_gs_inst *inst;
} ggi_gs_work;

struct gg_gosrc {
	gg_typeexpr *arena; /* names, nodes of declared types and instances */
	char pkgname[128];
	ggi_gs_file *files;
	size_t nfiles, capfiles;
	ggi_gs_tdecl *types;
	size_t ntypes, captypes;
	ggi_gs_cdecl *consts;
	size_t nconsts, capconsts;
	ggi_gs_work *work; /* types named behind a pointer, resolved afterwards */
	size_t nwork, capwork;
};

/* Reads the declarations of file `fi` (already stored in pkg->files). */
gg_status ggi_gs_read_decls(gg_gosrc *pkg, size_t fi, gg_error *err);

/* "file:line:col: " of byte `off` of file `fi` prefixed to err->msg (once:
 * err->column is then 0). */
void ggi_gs_locate(const gg_gosrc *pkg, size_t fi, size_t off, gg_error *err);

/* Grows a heap array of `elem`-byte items to hold n+1. */
int ggi_gs_grow(void *arr, size_t n, size_t *cap, size_t elem);

char *ggi_gs_strndup(gg_gosrc *pkg, const char *s, size_t n);

#endif
