/* The classic-map state machine of the seeded simulations: one map's
 * bucket arrays, overflow buckets and incremental grows as keys come and
 * go.
 *
 * Source: runtime/map.go (map_noswiss.go in 1.24-1.25): mapassign,
 * mapdelete, growWork, evacuate, advanceEvacuationMark, newoverflow,
 * incrnoverflow, createOverflow, hashGrow. The rules (load factor,
 * tooManyOverflowBuckets, makeBucketArray, the evacuation scan limit) are
 * in classic_rules.c; the exact model (classic_exact.c) needs only the
 * count. Which bucket a key lands in is the low B bits of its seeded hash,
 * so chain lengths, the overflow buckets they take and the same-size grows
 * too many of those trigger are simulated here with random hashes.
 *
 * Per write, in mapassign's order: a first bucket if there is none; while
 * growing, evacuate the key's old bucket and then the one at nevacuate;
 * if not growing and count+1 is over the load factor or there are too
 * many overflow buckets, hashGrow (double, else same size) and retry; then
 * the entry, with a new overflow bucket when its chain is full.
 * newoverflow takes the next preallocated spare if any, else allocates one
 * bucket; for noscan buckets it also records the bucket in
 * mapextra.overflow, a *[]*bmap allocated on first use and grown by append
 * (growslice), moved aside by every hashGrow.
 *
 * Two simulations run this one machine, differing in what a bucket holds:
 *  - inserts only (gg_classic_seeded) keep an entry count per bucket.
 *    With nothing deleted a chain of c entries is ceil(c/8) buckets, and
 *    evacuating c entries into a doubled array sends Binomial(c, 1/2) of
 *    them to X (same index) and the rest to Y (index + old size): the next
 *    hash bit of each key is a fair coin even given the bits that brought
 *    it there;
 *  - churn (gg_classic_churn) deletes keys, which leave holes that later
 *    inserts into the same chain fill, so every slot and its key's hash is
 *    kept (classic_chains.c) and a key's X/Y half is its hash bit. */
#include <assert.h>
#include <stdlib.h>

#include "gogrow/map_rules.h"
#include "gogrow/slice.h"
#include "model/maps/classic_state.h"

/* createOverflow and append(*h.extra.overflow, ovf): the bytes that
 * keeping a noscan map's overflow bucket alive costs. */
static uint64_t mapextra_overflow(ggi_mapextra *x, const gg_maptype *m)
{
	const uint64_t P = (uint64_t)m->t.arch->ptr_size;
	uint64_t bytes = 0;
	if (!m->bucket_noscan)
		return 0;
	if (!x->extra) {
		x->extra = 1;
		bytes += ggi_map_bytes(m, gg_classic_mapextra_size(&m->t), 0);
	}
	if (!x->ovslice) {
		x->ovslice = 1;
		x->len = x->cap = 0;
		bytes += ggi_map_bytes(m, 3 * P, 0); /* the slice header: new([]*bmap) */
	}
	if (x->len == x->cap) {
		gg_grow g;
		gg_error err;
		if (gg_growslice(&m->t, (gg_elem){P, 0}, x->len, x->cap, 1, &g, &err) == GG_OK) {
			bytes += g.alloc;
			x->cap = g.newcap;
		}
	}
	x->len++;
	return bytes;
}

/* hashGrow: extra.overflow becomes extra.oldoverflow, and a new array
 * with spares may need h.extra. */
static uint64_t mapextra_grow(ggi_mapextra *x, const gg_maptype *m, uint64_t nbuckets, int B)
{
	x->ovslice = 0;
	if (!gg_classic_spares_need_mapextra(x->extra, nbuckets, B))
		return 0;
	x->extra = 1;
	return ggi_map_bytes(m, gg_classic_mapextra_size(&m->t), 0);
}

void ggi_classic_newoverflow(ggi_classic_state *s)
{
	const gg_maptype *m = s->m;
	if (s->spares > 0)
		s->spares--;
	else {
		s->total += ggi_map_bytes(m, m->bucket_size, m->bucket_noscan);
		s->newoverflow++;
	}
	s->overflow++;
	uint32_t mask = gg_classic_noverflow_mask(s->B);
	if (mask == 0 || (ggi_sim_next(&s->rng) & mask) == 0)
		s->noverflow++;
	s->total += mapextra_overflow(&s->x, m);
}

/* A new array of 2^B empty buckets. */
static ggi_classic_bucket *new_array(ggi_classic_state *s, int B)
{
	if (s->slots)
		return ggi_chains_new_array(s, B);
	ggi_classic_bucket *a = calloc(UINT64_C(1) << B, sizeof *a);
	if (!a)
		s->oom = 1;
	return a;
}

static void free_array(ggi_classic_state *s, ggi_classic_bucket *a, int B)
{
	if (s->slots)
		ggi_chains_free_array(s, a, B);
	else
		free(a);
}

/* Puts c entries into an empty counting bucket: its chain needs
 * ceil(c/8)-1 overflow buckets. */
static void fill(ggi_classic_state *s, ggi_classic_bucket *b, uint32_t c)
{
	b->count = c;
	for (uint32_t k = GG_MAP_SLOTS; k < c; k += GG_MAP_SLOTS)
		ggi_classic_newoverflow(s);
}

/* evacuate: the entries of old bucket ob into the new array. */
static int evacuate_bucket(ggi_classic_state *s, uint64_t ob, uint64_t newbit)
{
	if (s->slots)
		return ggi_chains_evacuate(s, ob, newbit);
	uint32_t c = s->old[ob].count;
	if (s->same) {
		fill(s, &s->cur[ob], c);
		return 1;
	}
	uint32_t x = ggi_sim_binomial_half(&s->rng, c);
	fill(s, &s->cur[ob], x);
	fill(s, &s->cur[ob + newbit], c - x);
	return 1;
}

/* evacuate(ob) and advanceEvacuationMark: the grow ends when every old
 * bucket is evacuated, and the old array becomes garbage. */
static int evacuate(ggi_classic_state *s, uint64_t ob)
{
	uint64_t newbit = UINT64_C(1) << s->oldB;
	assert(s->growing && ob < newbit);
	if (!s->evac[ob]) {
		if (!evacuate_bucket(s, ob, newbit))
			return 0;
		s->evac[ob] = 1;
	}
	if (ob != s->nevac)
		return 1;
	s->nevac++;
	uint64_t stop = gg_classic_evacuation_stop(s->nevac, newbit);
	while (s->nevac != stop && s->evac[s->nevac])
		s->nevac++;
	if (s->nevac == newbit) {
		s->growing = 0;
		free_array(s, s->old, s->oldB);
		free(s->evac);
		s->old = NULL;
		s->evac = NULL;
	}
	return 1;
}

/* growWork: the written key's old bucket, then one more. */
static int grow_work(ggi_classic_state *s, uint64_t idx)
{
	if (!s->growing)
		return 1;
	if (!evacuate(s, idx & ((UINT64_C(1) << s->oldB) - 1)))
		return 0;
	return !s->growing || evacuate(s, s->nevac);
}

/* hashGrow: a new array (B+1, or the same B when the grow is for
 * overflow buckets); its spares replace the old ones, if it has any. */
static int hash_grow(ggi_classic_state *s)
{
	const gg_maptype *m = s->m;
	int bigger = gg_classic_over_load_factor(m->t.go, s->count + 1, s->B);
	int nb = s->B + bigger;
	assert(!s->growing);
	if (!gg_classic_bucket_array_fits(&m->t, m->bucket_size, m->bucket_noscan, nb))
		return s->toolarge = 1, 0;
	uint64_t n = gg_classic_bucket_array(&m->t, m->bucket_size, m->bucket_noscan, nb);
	uint64_t base = UINT64_C(1) << nb;
	s->total += ggi_map_bytes(m, n * m->bucket_size, m->bucket_noscan);
	ggi_classic_bucket *cur = new_array(s, nb);
	uint8_t *evac = calloc(UINT64_C(1) << s->B, 1);
	if (!cur || !evac) {
		free_array(s, cur, nb);
		free(evac);
		return s->oom = 1, 0;
	}
	s->old = s->cur;
	s->evac = evac;
	s->cur = cur;
	s->oldB = s->B;
	s->B = nb;
	s->same = !bigger;
	s->growing = 1;
	s->nevac = 0;
	s->noverflow = 0;
	if (n != base)
		s->spares = n - base;
	s->total += mapextra_grow(&s->x, m, n, nb);
	if (s->same)
		s->samesize++;
	s->lastgrow = s->count + 1;
	return 1;
}

/* The entry itself, in a chain with room or a new overflow bucket. */
static int place(ggi_classic_state *s, ggi_classic_bucket *b, uint64_t h)
{
	if (s->slots)
		return ggi_chains_place(s, b, h);
	if (b->count > 0 && b->count % GG_MAP_SLOTS == 0)
		ggi_classic_newoverflow(s);
	b->count++;
	return 1;
}

int ggi_classic_assign(ggi_classic_state *s, uint64_t h)
{
	const gg_maptype *m = s->m;
	if (!s->cur) {
		/* h.buckets = newobject(t.bucket) */
		if (!(s->cur = new_array(s, 0)))
			return 0;
		s->total += ggi_map_bytes(m, m->bucket_size, m->bucket_noscan);
	}
	for (;;) {
		uint64_t idx = h & ((UINT64_C(1) << s->B) - 1);
		if (!grow_work(s, idx))
			return 0;
		if (!s->growing && (gg_classic_over_load_factor(m->t.go, s->count + 1, s->B) ||
				    gg_classic_too_many_overflow(s->noverflow, s->B))) {
			if (!hash_grow(s))
				return 0;
			continue;
		}
		if (!place(s, &s->cur[idx], h))
			return 0;
		s->count++;
		return 1;
	}
}

int ggi_classic_delete(ggi_classic_state *s, uint64_t h)
{
	uint64_t idx = h & ((UINT64_C(1) << s->B) - 1);
	if (!grow_work(s, idx))
		return 0;
	if (ggi_chains_delete(s, &s->cur[idx], h))
		s->count--;
	return 1;
}

uint64_t ggi_classic_new_hash(ggi_classic_state *s)
{
	return ggi_sim_next(&s->rng) & ggi_word_mask(&s->m->t);
}

int ggi_classic_start(ggi_classic_state *s, const gg_maptype *m, int slots, const gg_mapmake *mk,
		      uint64_t rng)
{
	ggi_classic_state keep = *s;
	*s = (ggi_classic_state){.m = m,
				 .slots = slots,
				 .rng = rng,
				 .pool = keep.pool,
				 .pcap = keep.pcap,
				 .freel = -1,
				 .B = mk->B,
				 .total = mk->bytes,
				 .x = {.extra = mk->spare != 0},
				 .spares = mk->spare};
	if (mk->B > 0 && !(s->cur = new_array(s, mk->B)))
		return 0;
	return 1;
}

void ggi_classic_end(ggi_classic_state *s)
{
	free(s->cur);
	free(s->old);
	free(s->evac);
	s->cur = s->old = NULL;
	s->evac = NULL;
}

void ggi_classic_free(ggi_classic_state *s)
{
	ggi_classic_end(s);
	ggi_chains_pool_free(s);
}
