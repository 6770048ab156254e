/* Internals of the runtime workload executor (not API):
 *
 *   rt_wl_run.c    the walk over the program, slices, rows, the totals
 *   rt_wl_maps.c   map variables: keys, entry slices, make/set/delete/clear/clone
 *   rt_wl_alloc.c  the allocators: the meter over the heap (peak HeapAlloc),
 *                  a map's stand-ins for its C structs, a local slice's frame
 *
 * The program is the model's (model/workload/workload_internal.h): the
 * executor walks the same statements and evaluates the same expressions.
 * Cross-file names carry ggi_rt_wl_. */
#ifndef GOGROW_RT_WL_INTERNAL_H
#define GOGROW_RT_WL_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "gogrow/map.h"
#include "gogrow/rt_classic.h"
#include "gogrow/rt_heap.h"
#include "gogrow/rt_map.h"
#include "gogrow/rt_slice.h"
#include "gogrow/rt_workload.h"
#include "model/workload/workload_internal.h"

/* Every allocation of the run goes through this: the heap's allocator,
 * and after each allocation the heap's HeapAlloc for the peak. */
typedef struct ggi_rt_wl_meter {
	gg_rt_heap *h;
	gg_rt_allocator heap; /* gg_rt_heap_allocator(h) */
	gg_rt_allocator a;    /* this meter */
	uint64_t peak;
	uint64_t stand_ins; /* Go-sized objects allocated for C structs */
} ggi_rt_wl_meter;

void ggi_rt_wl_meter_init(ggi_rt_wl_meter *m, gg_rt_heap *h);

/* One C struct of a runtime map and the object of Go's size standing in
 * for it on the heap. */
typedef struct ggi_rt_wl_pair {
	void *c, *go;
	uint64_t go_size;
} ggi_rt_wl_pair;

/* A map's allocator: allocations of the map's C header (the first one
 * after `header_next` is set) and of its C table structs (by size) are
 * served from libc, and an object of Go's hmap/Map/table size is allocated
 * on the heap instead; a classic map's first bucket array with spares also
 * allocates Go's mapextra. Everything else goes to the meter. */
typedef struct ggi_rt_wl_mapalloc {
	ggi_rt_wl_meter *m;
	gg_rt_allocator a;
	const gg_maptype *mt;
	int header_next;
	size_t c_table; /* sizeof the runtime's table struct, 0: none (classic) */
	int have_extra; /* classic: mapextra allocated */
	ggi_rt_wl_pair *pairs;
	size_t npairs, cap;
	int failed; /* a stand-in could not be kept: figures not comparable */
} ggi_rt_wl_mapalloc;

void ggi_rt_wl_mapalloc_init(ggi_rt_wl_mapalloc *ma, ggi_rt_wl_meter *m, const gg_maptype *mt);
/* Frees the stand-ins still held (the map is destroyed) and the list. */
void ggi_rt_wl_mapalloc_done(ggi_rt_wl_mapalloc *ma);

/* A local slice's allocator: while `on_stack`, allocations come from the
 * frame (libc memory standing for the goroutine stack, not the heap);
 * frees of frame memory are no-ops. */
typedef struct ggi_rt_wl_frame {
	ggi_rt_wl_meter *m;
	gg_rt_allocator a;
	int on_stack;
	void *mem[2]; /* the frame arrays in use: the slice's, and a new make's */
} ggi_rt_wl_frame;

void ggi_rt_wl_frame_init(ggi_rt_wl_frame *f, ggi_rt_wl_meter *m);
void ggi_rt_wl_frame_done(ggi_rt_wl_frame *f);

/* A variable of the script. */
typedef struct ggi_rt_wl_var {
	int made;
	gg_rt_slice_config sc; /* slice elements (rows: the row headers) */
	gg_rt_slice_config rc; /* the slices in a map's values or a slice's rows */
	gg_rt_slice s;
	gg_rt_slice **rows; /* rows: one per index of s, NULL: nil */
	int64_t nrows;
	/* local slices */
	ggi_rt_wl_frame frame;
	char buf[GG_STACK_BUF_BYTES] __attribute__((aligned(16)));
	int buf_used; /* the 32-byte buffer served this variable once */
	/* maps */
	gg_maptype mt;
	gg_rt_swiss_type ty;
	ggi_rt_wl_mapalloc *ma;
	gg_rt_swiss *sw;
	gg_rt_classic *cl;
	unsigned char *key;   /* a key's bytes */
	unsigned char *entry; /* an elem's bytes */
	const char *why;      /* the runtime cannot allocate for it as Go does, or NULL */
	const char *copied;   /* the map is a clone the runtime could not make as Go does, or NULL */
	int entry_slices;     /* a map of slices, or rows */
} ggi_rt_wl_var;

typedef struct ggi_rt_wl {
	const gg_workload *p;
	gg_target t;
	gg_mapexp noswiss;
	uint64_t seed;
	gg_rt_workload_result *r;
	gg_workload_diag *d;
	ggi_rt_wl_meter m;
	ggi_rt_wl_var *v;
	int64_t loopi[GG_WORKLOAD_MAX_DEPTH];
	int depth;
} ggi_rt_wl;

/* A runtime status as a diagnostic at s (returns 0). */
int ggi_rt_wl_fail(ggi_rt_wl *x, const stmt *s, gg_status st, const gg_error *err);
int ggi_rt_wl_oom(ggi_rt_wl *x, const stmt *s);
/* Marks the statement's site not comparable, with the reason in the note. */
void ggi_rt_wl_not_comparable(ggi_rt_wl *x, const stmt *s, const char *why);

/* An entry slice (a map value or a row): a new empty one, or freed. */
gg_rt_slice *ggi_rt_wl_slice_new(ggi_rt_wl *x, const ggi_rt_wl_var *v);
void ggi_rt_wl_slice_drop(gg_rt_slice *s);

/* Map variables (rt_wl_maps.c). */
int ggi_rt_wl_map_bind(ggi_rt_wl *x, int var, const gg_type *t);
int ggi_rt_wl_map_make(ggi_rt_wl *x, const stmt *s, int64_t hint);
int ggi_rt_wl_map_entry(ggi_rt_wl *x, const stmt *s, int64_t key, int64_t n);
int ggi_rt_wl_map_clear(ggi_rt_wl *x, const stmt *s);
int ggi_rt_wl_map_clone(ggi_rt_wl *x, const stmt *s);
void ggi_rt_wl_map_free(ggi_rt_wl_var *v);

#endif
