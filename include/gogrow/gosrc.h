/* Go source declarations as types.
 *
 * A gg_gosrc holds the top-level type and constant declarations of one Go
 * package, read from the text of its .go files (the library reads no
 * files: the caller passes their contents). Type expressions can then name
 * the package's types ("Order", "[]Order", "map[string]*Order",
 * "Pair[int, string]") and resolve to the same gg_type trees that
 * gg_type_parse builds, so layout, growth and maps work on them.
 *
 * Supported: single and grouped declarations, aliases, structs with
 * embedded fields and tags, "a, b int" field lists, array lengths that are
 * integer constant expressions over the package's constants (iota
 * included), types referring to each other in any order, recursion through
 * pointers, slices, maps, chans, funcs and interfaces, and generic types
 * instantiated with concrete arguments. Imported types resolve when gogrow
 * knows their layout (the library types of 'gogrow help types'); any other
 * imported type is an error naming it and its file:line:col. */
#ifndef GOGROW_GOSRC_H
#define GOGROW_GOSRC_H

#include <stddef.h>
#include "gogrow/status.h"
#include "gogrow/types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gg_gosrc gg_gosrc;

/* An empty package; NULL when out of memory. */
gg_gosrc *gg_gosrc_new(void);
void gg_gosrc_free(gg_gosrc *pkg);

/* Adds one file (its name, for messages, and its `len` bytes of text) and
 * reads its declarations. Errors name "file:line:col" in err->msg:
 * GG_ERR_SYNTAX for what the reader cannot read (unbalanced brackets, an
 * unterminated literal, a package clause that differs between files),
 * GG_ERR_TYPE for a name declared twice. */
gg_status gg_gosrc_add_file(gg_gosrc *pkg, const char *filename, const char *text, size_t len, gg_error *err);

/* The package name ("" before the first file). */
const char *gg_gosrc_package(const gg_gosrc *pkg);

/* Declared types, in the order of the files and declarations. */
size_t gg_gosrc_ntypes(const gg_gosrc *pkg);
const char *gg_gosrc_type_name(const gg_gosrc *pkg, size_t i);
size_t gg_gosrc_type_nparams(const gg_gosrc *pkg, size_t i); /* 0: not generic */

/* Parses type expression `src` in the package's scope. Errors in `src`
 * itself carry err->column; errors in a declaration it needs name
 * file:line:col in err->msg (err->column 0). The tree's nodes belong to
 * `pkg` (instances of generic types made here are shared by later calls)
 * and live until gg_gosrc_free: free the expression before the package. */
gg_status gg_gosrc_type(gg_gosrc *pkg, const char *src, gg_typeexpr **out, gg_error *err);

/* Resolves every non-generic declared type: the first error, if any. */
gg_status gg_gosrc_check(gg_gosrc *pkg, gg_error *err);

#ifdef __cplusplus
}
#endif

#endif
