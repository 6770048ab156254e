/* Runtime classic map: a hash map in real memory laid out and grown as Go
 * 1.16-1.23's runtime/map.go (map_noswiss.go in 1.24-1.25 with
 * GOEXPERIMENT=noswissmap): an hmap, 2^B buckets of 8 slots (tophash
 * bytes, then the keys, then the elems, then an overflow pointer),
 * overflow chains, and growth by doubling or same-size rebuilding with
 * incremental evacuation (each write moves the bucket it touches and one
 * more).
 *
 * Keys and elems are described by the Swiss map's gg_rt_swiss_type (sizes,
 * alignments, hash, equality): the two maps are generic in the same way.
 * Every rule (bucket layout, load factor of the release, overflow
 * threshold, spare overflow buckets, makemap's B) is asked of the model
 * (gogrow/map.h, gogrow/map_rules.h). Every allocation goes through a
 * gg_rt_allocator; a failed one returns GG_ERR_NOMEM and loses no entry.
 * Not thread-safe. */
#ifndef GOGROW_RT_CLASSIC_H
#define GOGROW_RT_CLASSIC_H

#include <stddef.h>
#include <stdint.h>

#include "gogrow/rt_alloc.h"
#include "gogrow/rt_map.h"
#include "gogrow/rt_trace.h"
#include "gogrow/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gg_rt_classic_config {
	gg_rt_swiss_type type;	      /* the same descriptor as the Swiss map's */
	int go;			      /* release minor; 0: 23 (the last classic default) */
	int noswissmap;		      /* 1: GOEXPERIMENT=noswissmap (allows go 24 and 25) */
	const gg_rt_allocator *alloc; /* NULL: gg_rt_allocator_libc() */
	int fixed_seed;		      /* 1: use `seed` (reproducible); 0: random per map, as Go */
	uint64_t seed;
} gg_rt_classic_config;

typedef struct gg_rt_classic_stats {
	int B;			/* log2 of the bucket count */
	uint64_t buckets;	/* 2^B (0 before the first bucket exists) */
	uint64_t nbuckets;	/* buckets of the current array, spare overflow buckets included */
	uint64_t noverflow;	/* hmap.noverflow: Go's (approximate from B 16) overflow counter */
	uint64_t overflow;	/* overflow buckets linked into the current array's chains */
	int growing, same_size; /* a grow is in progress; it keeps B */
	uint64_t old_buckets;	/* 2^oldB while growing, else 0 */
	uint64_t evacuated;	/* old buckets evacuated so far in this grow */
	uint64_t nevacuate;	/* hmap.nevacuate: all old buckets below are evacuated */
	uint64_t grows, same_size_grows;
	uint64_t allocs, frees; /* allocator calls, header included */
	uint64_t bytes;		/* live bytes asked of the allocator */
	uint64_t zero_skipped;	/* bucket bytes not cleared: the allocator said they were zero */
} gg_rt_classic_stats;

typedef struct gg_rt_classic gg_rt_classic;

/* make(map[K]V, hint): B is the model's gg_classic_B for the hint after
 * makemap's checks (negative or too large: 0), and from B 4 the array has
 * the model's spare overflow buckets. Errors: GG_ERR_RANGE for a bad type
 * or allocator, GG_ERR_RELEASE for a release whose maps are Swiss tables,
 * GG_ERR_ARCH on a host the model does not know, GG_ERR_TYPE for a layout
 * gc rejects, GG_ERR_NOMEM. */
gg_status gg_rt_classic_new(const gg_rt_classic_config *cfg, int64_t hint, gg_rt_classic **out,
			    gg_error *err);

/* Frees everything; NULL is allowed. */
void gg_rt_classic_destroy(gg_rt_classic *m);

/* m[*key] = *elem (elem NULL: zero). It evacuates as mapassign does first;
 * GG_ERR_NOMEM leaves every entry as it was (a grow may have started). */
gg_status gg_rt_classic_put(gg_rt_classic *m, const void *key, const void *elem, gg_error *err);

/* The elem of key, or NULL. Valid until the next put, delete or clear. */
void *gg_rt_classic_get(const gg_rt_classic *m, const void *key);

/* delete(m, *key): 1 when the key was there. Evacuates as mapdelete does
 * when memory allows; never fails. */
int gg_rt_classic_delete(gg_rt_classic *m, const void *key);

uint64_t gg_rt_classic_len(const gg_rt_classic *m);

/* clear(m): keeps the bucket array, drops overflow buckets and any grow in
 * progress, new hash seed (mapclear). Running iterators end. */
void gg_rt_classic_clear(gg_rt_classic *m);

/* maps.Clone as Go's mapclone2: a new map with the same type, release,
 * allocator and seed, made with hint len(src), its buckets filled from
 * src's bucket by bucket (so its shape is Go's). src is only read. */
gg_status gg_rt_classic_clone(const gg_rt_classic *src, gg_rt_classic **out, gg_error *err);

/* Iteration as mapiterinit/mapiternext: a random start bucket and slot
 * offset, the old buckets consulted while a grow is in progress. Deleting
 * and updating during it is safe as in Go; inserts too (a key inserted
 * during iteration may or may not be seen). Memory an iterator may still
 * read is kept until every iterator has ended (next returned 0) or been
 * stopped; should more than a few grows finish meanwhile, the older
 * iterators end with status GG_ERR_RANGE instead. clear ends them with
 * GG_OK. */
typedef struct gg_rt_classic_iter {
	gg_rt_classic *m;
	uint64_t epoch, clear_seq;
	char *buckets; /* the array when started */
	int B;
	uint64_t start_bucket, bucket, check_bucket;
	unsigned offset, i;
	int wrapped, done;
	char *bptr;
	gg_status status;
} gg_rt_classic_iter;

void gg_rt_classic_iter_init(gg_rt_classic *m, gg_rt_classic_iter *it);
/* 1 with *key and *elem pointing into the map, 0 at the end. */
int gg_rt_classic_iter_next(gg_rt_classic_iter *it, const void **key, void **elem);
/* Ends an iteration early (no-op after the end). */
void gg_rt_classic_iter_stop(gg_rt_classic_iter *it);

gg_rt_classic_stats gg_rt_classic_stats_get(const gg_rt_classic *m);

/* hashGrow reports GG_RT_EV_MAP_GROW (a = old 2^B, b = new 2^B, c = 1 for
 * a same-size grow), each evacuation GG_RT_EV_MAP_EVACUATE (a = old bucket
 * index) and the end of a grow GG_RT_EV_MAP_GROW_DONE (a = 2^B). NULL
 * removes the hook. */
void gg_rt_classic_set_tracer(gg_rt_classic *m, const gg_rt_tracer *t);

#ifdef __cplusplus
}
#endif

#endif
