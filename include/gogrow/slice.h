/* Slice growth: runtime.growslice per release, and the compiler's stack
 * backing stores (1.25+ first-append buffer, 1.26+ move2heap).
 *
 * All lengths are Go `int` values of the target: they are checked against
 * the target's word size and overflow exactly where Go panics. */
#ifndef GOGROW_SLICE_H
#define GOGROW_SLICE_H

#include <stdint.h>
#include "gogrow/status.h"
#include "gogrow/target.h"
#include "gogrow/types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gg_elem {
	uint64_t size;
	int noscan; /* element type has no pointers */
} gg_elem;

/* How the slice relates to escape analysis. heap: the slice lives on the
 * heap (a global, a field, or passed out in a way the compiler cannot follow).
 * stack: the append result never escapes (1.25+: first append of an empty
 * slice gets a 32-byte stack buffer). ret: built locally and escapes once at
 * the end, e.g. returned (1.26+: move2heap sizes the copy to the length).
 * retcap: like ret but cap() is used while building it (1.26+: growsliceBuf
 * steps one size class at a time inside the buffer). */
typedef enum gg_escape { GG_ESC_HEAP, GG_ESC_STACK, GG_ESC_RET, GG_ESC_RETCAP } gg_escape;

/* Bytes of the compiler's stack buffer (base.Debug.VariableMakeThreshold). */
#define GG_STACK_BUF_BYTES 32

/* Which code path decided a growth step. */
typedef enum gg_grow_path {
	GG_PATH_NONE,	  /* fits: no growth */
	GG_PATH_ZEROSIZE, /* zero-size elements: cap = len, nothing allocated */
	GG_PATH_HEAP,	  /* runtime.growslice */
	GG_PATH_STACKBUF, /* 1.25+ first append into the K-element stack buffer */
	GG_PATH_BUFLADDER /* 1.26+ growsliceBuf inside the stack buffer */
} gg_grow_path;

typedef struct gg_grow {
	int64_t newlen;
	int64_t nextcap;   /* capacity chosen by the growth formula, before rounding */
	int64_t newcap;	   /* cap() after the append */
	uint64_t reqbytes; /* nextcap * size: what growslice asks roundupsize for */
	uint64_t capbytes; /* newcap * size */
	uint64_t alloc;	   /* heap bytes the allocation consumed (0 on the stack) */
	int sizeclass;	   /* size class used (0: large object or none) */
	int header;	   /* 1 if the allocation carries a malloc header */
	gg_grow_path path;
} gg_grow;

/* The growth formula alone (nextslicecap): newLen > oldCap. */
int64_t gg_nextcap(int go, int64_t newlen, int64_t oldcap);

/* The growth formula step by step, for explaining it: the capacities the
 * loop goes through (first = oldcap, last = the formula's result), at most
 * `max` of them; returns how many there are. rule gets which branch ran. */
typedef enum gg_nextcap_rule {
	GG_RULE_NEEDED, /* newLen > 2*oldCap: take newLen */
	GG_RULE_DOUBLE, /* below the threshold: double */
	GG_RULE_GROW	/* at or above it: grow by a fraction until it fits */
} gg_nextcap_rule;
size_t gg_nextcap_trace(const gg_target *t, int64_t newlen, int64_t oldcap, int64_t *caps, size_t max,
			gg_nextcap_rule *rule);

/* append(s, <num elements>) with len(s) = oldlen, cap(s) = oldcap on the
 * heap. Panics become GG_ERR_PANIC with Go's message. */
gg_status gg_growslice(const gg_target *t, gg_elem e, int64_t oldlen, int64_t oldcap, int64_t num,
		       gg_grow *out, gg_error *err);

/* make([]T, len, cap): validates like runtime.makeslice (cap is never
 * rounded); *alloc gets the heap bytes. */
gg_status gg_makeslice(const gg_target *t, gg_elem e, int64_t len, int64_t cap, uint64_t *alloc,
		       gg_error *err);

/* A slice being appended to, with the compiler's escape situation taken into
 * account. Start it with gg_slice_start, append with gg_slice_append, and ask
 * for the cap the caller sees after the escape point with gg_slice_finish. */
typedef struct gg_slicestate {
	gg_target t;
	gg_elem e;
	gg_escape esc;
	int64_t len, cap;
	int on_stack; /* backing store is the compiler's stack buffer */
	int buf_used; /* the stack buffer was already taken in this activation */
} gg_slicestate;

void gg_slice_start(gg_slicestate *s, const gg_target *t, gg_elem e, gg_escape esc, int64_t len, int64_t cap);
gg_status gg_slice_append(gg_slicestate *s, int64_t num, gg_grow *out, gg_error *err);
/* The cap after the slice escapes (1.26+ move2heap); s->cap otherwise. */
int64_t gg_slice_finish(const gg_slicestate *s, gg_grow *out);

/* Elements that fit the stack buffer: floor(32/size), 0 if size is 0 or > 32. */
int64_t gg_stackbuf_elems(uint64_t size);

/* Conversions that create a slice from a string (runtime/string.go,
 * cmd/compile/internal/escape): their cap is not the length in general. */
typedef enum gg_conv {
	GG_CONV_BYTES,	    /* []byte(s) for a non-constant string */
	GG_CONV_RUNES,	    /* []rune(s) */
	GG_CONV_CONST_BYTES /* []byte("literal") */
} gg_conv;

/* What happens to the result: it escapes (returned, stored on the heap),
 * stays local and may be written, or stays local and is never written. */
typedef enum gg_convuse { GG_USE_ESCAPES, GG_USE_LOCAL, GG_USE_READONLY } gg_convuse;

/* cap() of the converted slice; n is len(s) in bytes for GG_CONV_BYTES and
 * GG_CONV_CONST_BYTES, the number of runes for GG_CONV_RUNES. */
gg_status gg_conv_cap(const gg_target *t, gg_conv c, gg_convuse use, int64_t n, int64_t *cap, gg_error *err);

/* The element descriptor of type `t` on a target (its size, and whether it
 * holds pointers), from its layout; fails as gg_layout_of does. */
gg_status gg_elem_of(const gg_target *tg, const gg_type *t, gg_elem *e, gg_error *err);

/* Lowercase name of a growth path ("growslice", "stack-buffer", ...). */
const char *gg_grow_path_name(gg_grow_path p);

/* Appends one element at a time to a nil slice up to length n and calls
 * `step` for every growth, and once more (final = 1) with the escape
 * point's result when the strategy moves the slice. Appends that fit are
 * skipped over, so this costs one call per growth. */
typedef void (*gg_fill_step_fn)(void *ctx, const gg_grow *g, int final);
gg_status gg_slice_fill(const gg_target *tg, gg_elem e, gg_escape esc, int64_t n, gg_fill_step_fn step,
			void *ctx, gg_error *err);

/* An escape situation by name: heap, stack, return (ret) or return-cap
 * (retcap). Returns 0 if unknown. */
int gg_escape_parse(const char *s, gg_escape *out);

/* Which escape strategies exist in release `go` ("stack" needs 1.25+, ...). */
int gg_escape_active(int go, gg_escape esc);

#ifdef __cplusplus
}
#endif

#endif
