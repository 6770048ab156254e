#ifndef GOGROW_MODEL_TYPEPARSE_H
#define GOGROW_MODEL_TYPEPARSE_H

#include <stddef.h>
#include <stdint.h>
#include "gogrow/types.h"

void *ggi_arena_alloc(gg_typeexpr *a, size_t n);
gg_typeexpr *ggi_arena_new(void);
void ggi_arena_set_root(gg_typeexpr *a, const gg_type *root);

/* Names a Go source package declares (src/model/gosrc): the parser asks
 * them before the predeclared and library names. `depth` carries the
 * parser's nesting so that chains of declarations stay bounded. */
typedef struct ggi_scope ggi_scope;
struct ggi_scope {
	void *ctx;
	/* Number of type parameters of the generic type `name`, 0 if none. */
	size_t (*nparams)(const ggi_scope *s, const char *name);
	/* The type `name` denotes (instantiated with args), *out NULL if the
	 * scope does not declare it. `indirect`: the use is behind a pointer,
	 * slice, map, chan, func or interface, where a type may refer to itself. */
	gg_status (*type)(const ggi_scope *s, const char *name, const gg_type *const *args, size_t nargs,
			  int column, int indirect, int depth, const gg_type **out, gg_error *err);
	/* pkg.sel through the imports: the name gogrow knows it by, in canon. */
	gg_status (*qualify)(const ggi_scope *s, const char *pkg, const char *sel, int column, char *canon,
			     size_t n, gg_error *err);
	/* An integer constant; *found 0 if the scope declares none so named. */
	gg_status (*constant)(const ggi_scope *s, const char *name, int column, int depth, int64_t *v,
			      int *found, gg_error *err);
};

/* One type (or constant expression) at byte `start` of `src`, in arena `a`;
 * *end gets the offset of the token after it. Error columns are byte
 * offsets + 1 in src. */
gg_status ggi_parse_type_at(gg_typeexpr *a, const char *src, size_t start, const ggi_scope *s, int depth,
			    int indirect, const gg_type **out, size_t *end, gg_error *err);
gg_status ggi_parse_const_at(gg_typeexpr *a, const char *src, size_t start, const ggi_scope *s, int depth,
			     int64_t *v, size_t *end, gg_error *err);

#endif
