/* Internals of the runtime classic map (ggi_rt_classic_ names). */
#ifndef GOGROW_RT_CLASSIC_INTERNAL_H
#define GOGROW_RT_CLASSIC_INTERNAL_H

#include <stdint.h>
#include <string.h>

#include "gogrow/map_rules.h"
#include "gogrow/rt_classic.h"
#include "gogrow/target.h"

/* runtime/map.go: tophash values below minTopHash mark cell states; a full
 * cell holds the hash's top byte, raised by minTopHash when below it. */
#define GGI_EMPTY_REST 0u
#define GGI_EMPTY_ONE 1u
#define GGI_EVACUATED_X 2u
#define GGI_EVACUATED_Y 3u
#define GGI_EVACUATED_EMPTY 4u
#define GGI_MIN_TOPHASH 5u

/* Arrays whose memory running iterators may still read, kept past the end
 * of their grow (see retire in classic_grow.c). */
#define GGI_CLASSIC_RETIRED 8

/* One bucket array: n buckets (2^B and the spares) in one allocation. */
typedef struct ggi_rt_classic_array {
	char *p;
	uint64_t n;
	int B;
} ggi_rt_classic_array;

typedef struct ggi_rt_classic_drain {
	void *p;
	size_t size, done; /* done: bytes given back, from p's first whole page */
} ggi_rt_classic_drain;

struct gg_rt_classic {
	gg_rt_swiss_type type;
	const gg_rt_allocator *alloc;
	gg_target t;
	int go;
	uint64_t hash_mask; /* a hash is a uintptr of the host */
	unsigned top_shift; /* its top byte is the tophash */
	uint64_t seed, rng;
	uint64_t count;
	int B;
	uint64_t noverflow;
	/* The model's bucket: tophash[8], keys[8], elems[8], overflow. A slot
	 * holds the key/elem, or a pointer to it when indirect. */
	size_t bsize, keys_off, elems_off, ovf_off, kslot, eslot;
	int ind_key, ind_elem;
	int bucket_noscan;
	ggi_rt_classic_array cur, old; /* old.p != NULL while growing */
	char *next_overflow;	       /* the next spare of cur, or NULL */
	int same_size;
	uint64_t nevacuate;
	int old_chains_kept; /* some evacuated old bucket kept its chain */
	/* Iterators: how many run, and what they may still read. */
	uint64_t iters, epoch, clear_seq;
	ggi_rt_classic_array retired[GGI_CLASSIC_RETIRED];
	int nretired;
	void **deferred; /* indirect keys deleted while iterators ran */
	size_t ndeferred, capdeferred;
	ggi_rt_classic_drain drain; /* an old array being given back (classic_drain.c) */
	gg_rt_tracer tracer;
	gg_rt_classic_stats stats;
};

/* Bucket fields. */
static inline uint8_t *ggi_tophash(char *b)
{
	return (uint8_t *)b;
}
static inline char *ggi_bucket(const gg_rt_classic *m, char *arr, uint64_t i)
{
	return arr + i * m->bsize;
}
static inline char *ggi_ovf(const gg_rt_classic *m, char *b)
{
	char *o;
	memcpy(&o, b + m->ovf_off, sizeof o);
	return o;
}
static inline void ggi_set_ovf(const gg_rt_classic *m, char *b, char *o)
{
	memcpy(b + m->ovf_off, &o, sizeof o);
}
static inline char *ggi_kslot(const gg_rt_classic *m, char *b, unsigned i)
{
	return b + m->keys_off + i * m->kslot;
}
static inline char *ggi_eslot(const gg_rt_classic *m, char *b, unsigned i)
{
	return b + m->elems_off + i * m->eslot;
}
/* The key or elem itself (through the slot's pointer when indirect). */
static inline char *ggi_deref(int indirect, char *slot)
{
	char *p = slot;
	if (indirect)
		memcpy(&p, slot, sizeof p);
	return p;
}
static inline int ggi_is_empty(uint8_t top)
{
	return top <= GGI_EMPTY_ONE;
}
/* evacuated(b): the first cell says so. */
static inline int ggi_evacuated(char *b)
{
	uint8_t h = ggi_tophash(b)[0];
	return h > GGI_EMPTY_ONE && h < GGI_MIN_TOPHASH;
}
static inline uint64_t ggi_mask(int B)
{
	return (UINT64_C(1) << B) - 1;
}
static inline int ggi_in_array(const gg_rt_classic *m, const ggi_rt_classic_array *a, const char *b)
{
	return a->p && b >= a->p && b < a->p + a->n * m->bsize;
}

/* classic_map.c */
void *ggi_rt_classic_alloc(gg_rt_classic *m, size_t size, gg_scan noscan);
/* Zeroed memory, cleared only when the allocator does not know it is zero. */
void *ggi_rt_classic_alloc_zeroed(gg_rt_classic *m, size_t size, gg_scan noscan);
void ggi_rt_classic_free(gg_rt_classic *m, void *p, size_t size, gg_scan noscan);
/* classic_drain.c: a libc array of GGI_CLASSIC_DRAIN_MIN bytes or more is
 * given back GGI_CLASSIC_DRAIN_STEP at a time, one step per write. Below
 * the minimum its munmap is short. On the CI machine one madvise of 1 MiB
 * takes 0.1-0.5 ms (1.4-2.7 ms the first after a long fill); 128 KiB steps
 * (0.1-0.3 ms each) left the final free of a 160 MB block at 11-17 ms,
 * against ~4 ms after 1 MiB steps (benchmarks.md). */
#define GGI_CLASSIC_DRAIN_MIN ((size_t)4 << 20)
#define GGI_CLASSIC_DRAIN_STEP ((size_t)1 << 20)

/* classic_drain.c: an old bucket array freed, or with libc and big, given
 * back over the next writes (each calls drain_step; destroy finishes). */
void ggi_rt_classic_free_buckets(gg_rt_classic *m, void *p, size_t size);
void ggi_rt_classic_drain_step(gg_rt_classic *m);
void ggi_rt_classic_drain_finish(gg_rt_classic *m);
void ggi_rt_classic_event(gg_rt_classic *m, gg_rt_event_kind k, uint64_t a, uint64_t b, uint64_t c);
uint64_t ggi_rt_classic_rand(gg_rt_classic *m);
/* Frees the overflow buckets allocated one by one in a's chains and, with
 * whole, a itself. */
void ggi_rt_classic_free_chains(gg_rt_classic *m, ggi_rt_classic_array *a, int whole);
/* Frees the indirect keys and elems of a's live cells. */
void ggi_rt_classic_free_indirect(gg_rt_classic *m, ggi_rt_classic_array *a);
/* Frees what iterators kept (retired arrays, deferred keys). */
void ggi_rt_classic_release(gg_rt_classic *m);

/* classic_ops.c */
uint64_t ggi_rt_classic_hash(const gg_rt_classic *m, const void *key);
/* tophash: the hash's top byte, moved clear of the cell states. */
uint8_t ggi_rt_classic_top(const gg_rt_classic *m, uint64_t hash);
/* The bucket chain a lookup of hash searches (old while not evacuated). */
char *ggi_rt_classic_lookup_bucket(const gg_rt_classic *m, uint64_t hash);
/* mapaccessK: the key's cell (bucket and index), 0 when absent. */
int ggi_rt_classic_find(const gg_rt_classic *m, uint64_t hash, const void *key, char **b, unsigned *i);
/* The indirect key/elem objects of a new cell (NULL when stored inline),
 * allocated before anything changes; GG_ERR_NOMEM frees both. */
gg_status ggi_rt_classic_new_objects(gg_rt_classic *m, void **k, void **e);
/* Cell i of bucket b takes those objects (their pointers in its slots);
 * *kd and *ed get where the key and elem bytes go. */
void ggi_rt_classic_cell_objects(const gg_rt_classic *m, char *b, unsigned i, void *ko, void *eo, char **kd,
				 char **ed);

/* classic_grow.c */
gg_status ggi_rt_classic_make_array(gg_rt_classic *m, int B, ggi_rt_classic_array *a);
/* Points next_overflow at a's spares, the last marked as Go marks it. */
void ggi_rt_classic_reset_spares(gg_rt_classic *m);
gg_status ggi_rt_classic_hash_grow(gg_rt_classic *m);
gg_status ggi_rt_classic_grow_work(gg_rt_classic *m, uint64_t bucket);
/* newoverflow: a spare or a new bucket linked after b; NULL: no memory. */
char *ggi_rt_classic_new_overflow(gg_rt_classic *m, char *b);

#endif
