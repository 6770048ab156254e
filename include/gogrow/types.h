/* Go type expressions: parsing and gc layout.
 *
 * gg_type_parse turns a Go type expression ("struct{a uint64; b [3]byte}",
 * "map[string][]int", "atomic.Pointer[T]") into a tree that does not depend on
 * the target. gg_layout then computes what the gc compiler computes for a
 * given GOARCH and release: unsafe.Sizeof, unsafe.Alignof, field offsets and
 * ptrdata (the prefix of the type that can hold pointers; 0 means "noscan"). */
#ifndef GOGROW_TYPES_H
#define GOGROW_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include "gogrow/status.h"
#include "gogrow/target.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gg_kind {
	GG_BOOL,
	GG_INT8,
	GG_INT16,
	GG_INT32,
	GG_INT64,
	GG_INT,
	GG_UINT8,
	GG_UINT16,
	GG_UINT32,
	GG_UINT64,
	GG_UINT,
	GG_UINTPTR,
	GG_FLOAT32,
	GG_FLOAT64,
	GG_COMPLEX64,
	GG_COMPLEX128,
	GG_STRING,
	GG_UNSAFE_POINTER,
	GG_POINTER,
	GG_SLICE,
	GG_MAP,
	GG_CHAN,
	GG_FUNC,
	GG_INTERFACE,
	GG_ARRAY,
	GG_STRUCT
} gg_kind;

typedef struct gg_type gg_type;

typedef struct gg_field {
	const char *name; /* field name; an embedded field is named after its type */
	const gg_type *type;
	int embedded;
} gg_field;

struct gg_type {
	gg_kind kind;
	const gg_type *elem; /* pointer, slice, array, chan, map (value) */
	const gg_type *key;  /* map */
	uint64_t len;	     /* array */
	size_t nfields;	     /* struct */
	const gg_field *fields;
	int align64;	  /* struct carries sync/atomic's align64 marker (8-aligned on 1.19+) */
	int min_go;	  /* earliest release in which this spelling exists (0: always) */
	const char *name; /* named types (atomic.Int64, error, ...): their spelling, else NULL */
	int column;	  /* where it starts in the source text */
	/* func: its parameter and result types; interface: its methods'
	 * parameter and result types and its embedded interfaces. They do not
	 * change the layout, but the compiler rejects them when too large. */
	const gg_type *const *inner;
	size_t ninner;
	int measured; /* a library type laid out from measurements of real Go (named.h) */
};

typedef struct gg_typeexpr gg_typeexpr; /* owns a parsed type tree */

/* Parses `src`. On success *out owns the tree (free with gg_typeexpr_free).
 * Errors: GG_ERR_SYNTAX / GG_ERR_TYPE with err->column set, GG_ERR_NOMEM. */
gg_status gg_type_parse(const char *src, gg_typeexpr **out, gg_error *err);
const gg_type *gg_typeexpr_root(const gg_typeexpr *e);
void gg_typeexpr_free(gg_typeexpr *e);

/* Writes a caret line under `src` pointing at err->column: "    ^". */
void gg_error_caret(const gg_error *err, char *buf, size_t n);

typedef struct gg_layout {
	uint64_t size;
	uint64_t align;
	uint64_t ptrdata; /* 0: no pointers (noscan) */
} gg_layout;

/* Layout of `t` on `tgt`. Fails with GG_ERR_TOO_LARGE where the compiler
 * rejects the type, GG_ERR_RELEASE where a name does not exist yet in that
 * release (atomic.Int64 before go1.19, any before go1.18). */
gg_status gg_layout_of(const gg_target *tgt, const gg_type *t, gg_layout *out, gg_error *err);

/* Byte offsets of the top-level fields of a struct type (at most `cap` are
 * written; *n gets the field count). */
gg_status gg_struct_offsets(const gg_target *tgt, const gg_type *t, uint64_t *offs, size_t cap, size_t *n,
			    gg_error *err);

/* The i-th type name gogrow knows (predeclared and library types), with a
 * one-line note; returns 0 past the end. */
int gg_known_type(int i, const char **name, const char **doc);

/* The releases and arches on which the library types measured on real Go
 * (sync.WaitGroup, strings.Builder, ...) are known, as a phrase. */
const char *gg_libtypes_measured(void);

/* Length of the well-formed UTF-8 sequence at s (1 to 4 bytes), 0 if it is
 * malformed: how type expressions and gogrow's inputs are checked. */
size_t gg_utf8_len(const char *s);

/* Whether values of `t` may be map keys (Go's comparability rule). */
int gg_type_comparable(const gg_type *t);

#ifdef __cplusplus
}
#endif

#endif
