/* Runtime slice: a growable array in real memory that grows exactly as Go's
 * append does for a configured release (gogrow/slice.h predicts, this does).
 *
 * Every capacity after a growth is the model's answer (gg_slicestate, i.e.
 * runtime.growslice plus the compiler's stack buffers) for that release on
 * the host's GOARCH; the slice then asks its gg_rt_allocator for exactly
 * cap*size bytes. Go's panics (len out of range, makeslice cap out of range,
 * index out of range) come back as GG_ERR_PANIC with Go's text; an allocator
 * that returns NULL gives GG_ERR_NOMEM and leaves the slice as it was.
 *
 * A gg_rt_slice owns its backing array (or borrows the caller's buffer, see
 * gg_rt_slice_init_buf): there is no aliasing between slices, so what Go
 * programs observe through s[i:j] sharing is out of scope. Elements at
 * [len, cap) are unspecified; no call exposes them. Not thread-safe.
 *
 * Fields of gg_rt_slice are public so that the append fast path can be
 * inlined; read data/len/cap/size, write through gg_rt_slice_at, and leave
 * the rest to these functions. */
#ifndef GOGROW_RT_SLICE_H
#define GOGROW_RT_SLICE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "gogrow/rt_alloc.h"
#include "gogrow/rt_trace.h"
#include "gogrow/slice.h"
#include "gogrow/status.h"
#include "gogrow/target.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The element type as Go lays it out (gg_layout_of gives all three). */
typedef struct gg_rt_elemtype {
	size_t size;  /* unsafe.Sizeof; 0 is allowed (struct{}) */
	size_t align; /* unsafe.Alignof: a power of two, at most 16, dividing size */
	int noscan;   /* 1: the type holds no pointers (Go's noscan; ptrdata == 0) */
} gg_rt_elemtype;

typedef struct gg_rt_slice_config {
	gg_rt_elemtype elem;
	int go;			      /* release minor number (19 for go1.19); 0: GG_GO_MAX */
	const gg_rt_allocator *alloc; /* NULL: gg_rt_allocator_libc() */
	/* Only for gg_rt_slice_init_buf: which of the compiler's stack
	 * strategies the buffer stands for (GG_ESC_HEAP there means
	 * GG_ESC_STACK). Ignored by init and make. */
	gg_escape esc;
	/* Optional, like realloc, for arrays of `alloc` (same ctx): grows p
	 * from old_size to new_size, moving it if need be; NULL when out of
	 * memory, p then untouched. Given, a growth of an array the slice
	 * owns resizes it instead of alloc+copy+free: the caps are the same,
	 * the old array is unreachable anyway (no aliasing), and on glibc big
	 * blocks then move by mremap, without copies or page faults. NULL:
	 * Go's way, growslice always copies. gg_rt_slice_resize_libc goes
	 * with the libc allocator (and only with it: checked). */
	void *(*resize)(void *ctx, void *p, size_t old_size, size_t new_size, gg_scan noscan);
} gg_rt_slice_config;

/* realloc, for gg_rt_slice_config.resize with gg_rt_allocator_libc(). */
void *gg_rt_slice_resize_libc(void *ctx, void *p, size_t old_size, size_t new_size, gg_scan noscan);

typedef struct gg_rt_slice_stats {
	uint64_t growths;	  /* appends that changed the capacity */
	uint64_t allocs;	  /* backing arrays taken from the allocator */
	uint64_t resizes;	  /* backing arrays grown by config.resize */
	uint64_t bytes_copied;	  /* old elements moved to a new address (by resize: maybe remapped) */
	uint64_t bytes_allocated; /* allocator `usable` bytes (requested bytes without it) */
} gg_rt_slice_stats;

typedef struct gg_rt_slice {
	void *data;	  /* never NULL after init; elements [0, len) */
	int64_t len, cap; /* Go's len(s) and cap(s) */
	size_t size;	  /* element size */
	/* Private: */
	size_t align;
	gg_slicestate sim;	      /* the model's view: target, element, escape state */
	const gg_rt_allocator *alloc; /* where owned arrays come from */
	void *(*resize)(void *ctx, void *p, size_t old_size, size_t new_size, gg_scan noscan);
	size_t blk_bytes; /* size passed to alloc for data; 0: data is not owned */
	void *buf;	  /* the caller's stack-like buffer (init_buf), or NULL */
	size_t buf_bytes;
	gg_rt_tracer tracer; /* fn NULL: no hook */
	gg_rt_slice_stats stats;
} gg_rt_slice;

/* var s []T: len 0, cap 0. Errors: GG_ERR_RANGE for a bad element type or
 * allocator, GG_ERR_RELEASE/GG_ERR_ARCH for a release or host the model
 * does not cover. */
gg_status gg_rt_slice_init(gg_rt_slice *s, const gg_rt_slice_config *cfg, gg_error *err);

/* s := make([]T, len, cap), the first len elements zero. Checked like
 * runtime.makeslice: negative or too large values are GG_ERR_PANIC with
 * "runtime error: makeslice: len out of range" (or cap). */
gg_status gg_rt_slice_make(gg_rt_slice *s, const gg_rt_slice_config *cfg, int64_t len, int64_t cap,
			   gg_error *err);

/* An empty slice that may use `buf` (buf_bytes bytes, aligned for the
 * element) the way Go 1.25+ uses its 32-byte stack buffer: the first
 * append that fits takes floor(32/size) elements of it (cfg->esc
 * GG_ESC_STACK or GG_ESC_RET), or grows inside it one size class at a time
 * (GG_ESC_RETCAP); a growth past it copies out to the allocator. Before the
 * release that has the strategy, the buffer is never used. buf must hold
 * GG_STACK_BUF_BYTES bytes and outlive the slice's use of it. */
gg_status gg_rt_slice_init_buf(gg_rt_slice *s, const gg_rt_slice_config *cfg, void *buf, size_t buf_bytes,
			       gg_error *err);

/* The slice escapes (a GG_ESC_RET slice is returned): if it still lives in
 * the buffer it is moved to the allocator with the cap Go 1.26's move2heap
 * gives (roundupsize(len*size)/size); from then on it is a heap slice. */
gg_status gg_rt_slice_escape(gg_rt_slice *s, gg_error *err);

/* s = append(s, src[0..n)); src NULL appends n zero elements. src may
 * point into s itself. n < 0 is GG_ERR_RANGE; len+n past Go's int or the
 * array past maxAlloc is GG_ERR_PANIC ("growslice: len out of range");
 * both, and GG_ERR_NOMEM, leave s unchanged. */
gg_status gg_rt_slice_append_n(gg_rt_slice *s, const void *src, int64_t n, gg_error *err);

/* The growth path of gg_rt_slice_append, which is inline: exported for it,
 * not for direct use. */
gg_status gg_rt_slice_append_slow(gg_rt_slice *s, const void *elem, gg_error *err);

/* s = append(s, *elem); elem NULL appends a zero element. */
static inline gg_status gg_rt_slice_append(gg_rt_slice *s, const void *elem, gg_error *err)
{
	if (__builtin_expect(s->len < s->cap && elem != NULL, 1)) {
		memcpy((char *)s->data + (size_t)s->len * s->size, elem, s->size);
		s->len++;
		return GG_OK;
	}
	return gg_rt_slice_append_slow(s, elem, err);
}

/* &s[i], or NULL when i is outside [0, len). */
static inline void *gg_rt_slice_at(const gg_rt_slice *s, int64_t i)
{
	if (i < 0 || i >= s->len)
		return NULL;
	return (char *)s->data + (size_t)i * s->size;
}

/* &s[i] with Go's panic text when out of range
 * ("runtime error: index out of range [5] with length 3"). */
gg_status gg_rt_slice_index(const gg_rt_slice *s, int64_t i, void **elem, gg_error *err);

/* s = s[:len:len] (Go 1.21's slices.Clip): cap becomes len, so the next
 * append grows from there. The backing array is kept. */
void gg_rt_slice_clip(gg_rt_slice *s);

static inline int64_t gg_rt_slice_len(const gg_rt_slice *s)
{
	return s->len;
}

static inline int64_t gg_rt_slice_cap(const gg_rt_slice *s)
{
	return s->cap;
}

/* Counters since init (kept across gg_rt_slice_free). */
gg_rt_slice_stats gg_rt_slice_stats_get(const gg_rt_slice *s);

/* Every growth after this reports GG_RT_EV_SLICE_GROW (a = old cap,
 * b = new cap, c = bytes moved to a new address, as in the stats) to t,
 * and so does the move of gg_rt_slice_escape; NULL removes the hook. */
void gg_rt_slice_set_tracer(gg_rt_slice *s, const gg_rt_tracer *t);

/* Gives the backing array back to the allocator; s becomes len 0, cap 0
 * (still usable: appends start over, the buffer of init_buf included). */
void gg_rt_slice_free(gg_rt_slice *s);

#ifdef __cplusplus
}
#endif

#endif
