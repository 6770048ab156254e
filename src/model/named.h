/* Type names gogrow knows: Go's predeclared types and a few library types
 * whose layout is fixed by their (unexported) definition. */
#ifndef GOGROW_MODEL_NAMED_H
#define GOGROW_MODEL_NAMED_H

typedef struct gg_named {
	const char *name;
	int basic;	 /* a gg_kind for predeclared types, -1 for a definition */
	const char *def; /* Go type syntax of the underlying type; T is the type argument */
	int generic;	 /* takes one type argument */
	int min_go;	 /* first release that has it (0: all) */
	int align64;	 /* carries sync/atomic's align64 marker */
	const char *doc; /* one line for 'gogrow help types' */
} gg_named;

const gg_named *gg_named_find(const char *name);
const gg_named *gg_named_at(int i); /* NULL past the end */

#endif
