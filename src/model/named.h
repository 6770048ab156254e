/* Type names gogrow knows: Go's predeclared types and a few library types
 * whose layout is fixed by their (unexported) definition. */
#ifndef GOGROW_MODEL_NAMED_H
#define GOGROW_MODEL_NAMED_H

#include <stddef.h>
#include <stdint.h>
#include "gogrow/types.h"

typedef struct ggi_named {
	const char *name;
	int basic;	 /* a gg_kind for predeclared types, -1 for a definition */
	const char *def; /* Go type syntax of the underlying type; T is the type argument */
	int generic;	 /* takes one type argument */
	int min_go;	 /* first release that has it (0: all) */
	int align64;	 /* carries sync/atomic's align64 marker */
	const char *doc; /* one line for 'gogrow help types' */
} ggi_named;

const ggi_named *ggi_named_find(const char *name);
const ggi_named *ggi_named_at(int i); /* NULL past the end */

/* Library types whose layout is measured rather than defined: their
 * definitions change between releases, so gogrow answers from a table that
 * tools/gen/libtypes/run.sh generates by running real Go toolchains on each
 * GOARCH (libtypes_table.c). */
typedef struct ggi_libtype {
	const char *name;      /* "sync.WaitGroup" */
	const char *pkgpath;   /* "sync" */
	int min_go;	       /* first release that has it (0: go1.16 or older) */
	int comparable;	       /* == works on it in some measured release (see ggi_liblayout) */
	unsigned first, count; /* its rows in ggi_liblayouts */
} ggi_libtype;

typedef struct ggi_liblayout {
	unsigned char go; /* minor release */
	const char *arch;
	uint32_t size, align, ptrdata;
	unsigned char comparable; /* == works on it in this release */
} ggi_liblayout;

extern const ggi_libtype ggi_libtypes[];
extern const size_t ggi_nlibtypes;
extern const ggi_liblayout ggi_liblayouts[];
extern const char ggi_libtypes_measured[]; /* the releases and arches measured, for messages */

const ggi_libtype *ggi_libtype_find(const char *name);

/* The measurement of library type `t` on `tg`, NULL if there is none. */
const ggi_liblayout *ggi_libtype_row(const gg_type *t, const gg_target *tg);

/* The measured layout of library type `t` on `tg`; GG_ERR_UNSUPPORTED where
 * that release or arch was not measured. */
gg_status ggi_libtype_layout(const gg_type *t, const gg_target *tg, gg_layout *out, gg_error *err);

#endif
