/* Classic maps under churn (deletes and inserts), simulated.
 *
 * Source: runtime/map.go (map_noswiss.go in 1.24-1.25): mapassign,
 * mapdelete, growWork, evacuate, advanceEvacuationMark, newoverflow,
 * incrnoverflow, hashGrow, tooManyOverflowBuckets.
 *
 * A churning classic map never changes B (len never passes n again, and
 * deletes never shrink it), but its bytes depend on the seed: mapdelete
 * leaves an empty slot in the key's bucket chain, mapassign puts a new key
 * in the first empty slot of its chain (emptyRest only shortens the scan)
 * and appends an overflow bucket when the chain has none, and once
 * 2^min(B,15) overflow buckets were taken since the last grow the next
 * insert starts a same-size grow, which rebuilds every chain compactly
 * (evacuate copies the live entries in chain order). Unlike the growth
 * simulation (map_sim_classic.c), which keeps only bucket counts, deletes
 * need to know where each key is, so every slot and its key's random hash
 * is tracked here; the bucket of a key is the low B bits of its hash, the
 * X/Y half of an evacuation the next bit. Allocations (spares first, then
 * one bucket each; mapextra and the []*bmap of noscan maps) follow
 * map_sim_classic.c. */
#include <stdlib.h>
#include <string.h>

#include "gogrow/malloc.h"
#include "gogrow/slice.h"
#include "model/maps/internal.h"
#include "model/util.h"

typedef struct kbucket {
	uint64_t hash[GG_MAP_SLOTS];
	uint8_t used[GG_MAP_SLOTS];
	int32_t ovf; /* next bucket of the chain, -1 at the end */
} kbucket;

typedef struct kchurn {
	const gg_maptype *m;
	uint64_t rng, hmask;
	kbucket *pool;
	int32_t npool, pcap, freel; /* free buckets linked through ovf */
	int B, oldB;
	int32_t *cur, *old; /* chain heads */
	uint8_t *evac;
	int growing, same;
	uint64_t nevac;
	uint64_t spares;
	uint32_t noverflow;
	gg_mapextra_sim x;
	uint64_t total;
	int64_t count;
	uint64_t overflow, newoverflow, samesize;
	int64_t lastgrow;
	int oom, toolarge;
} kchurn;

static uint64_t a(const kchurn *s, uint64_t size, int noscan)
{
	return gg_alloc_bytes(size, noscan, &s->m->t, NULL);
}

static int32_t new_bucket(kchurn *s)
{
	int32_t b;
	if (s->freel >= 0) {
		b = s->freel;
		s->freel = s->pool[b].ovf;
	} else {
		if (s->npool == s->pcap) {
			int32_t cap = s->pcap ? s->pcap * 2 : 64;
			kbucket *p = cap > s->pcap ? realloc(s->pool, (size_t)cap * sizeof *p) : NULL;
			if (!p)
				return s->oom = 1, -1;
			s->pool = p;
			s->pcap = cap;
		}
		b = s->npool++;
	}
	memset(s->pool[b].used, 0, sizeof s->pool[b].used);
	s->pool[b].ovf = -1;
	return b;
}

static void free_chain(kchurn *s, int32_t b)
{
	while (b >= 0) {
		int32_t next = s->pool[b].ovf;
		s->pool[b].ovf = s->freel;
		s->freel = b;
		b = next;
	}
}

/* A new array of 2^B empty chains. */
static int32_t *new_array(kchurn *s, int B)
{
	uint64_t n = UINT64_C(1) << B;
	int32_t *arr = malloc(n * sizeof *arr);
	if (!arr)
		return s->oom = 1, NULL;
	for (uint64_t i = 0; i < n; i++)
		if ((arr[i] = new_bucket(s)) < 0) {
			for (uint64_t j = 0; j < i; j++)
				free_chain(s, arr[j]);
			free(arr);
			return NULL;
		}
	return arr;
}

static void free_array(kchurn *s, int32_t *arr, int B)
{
	if (!arr)
		return;
	for (uint64_t i = 0; i < UINT64_C(1) << B; i++)
		free_chain(s, arr[i]);
	free(arr);
}

/* newoverflow: a bucket chained after `last`, with map_sim_classic.c's
 * accounting. Returns the new bucket or -1. */
static int32_t newoverflow(kchurn *s, int32_t last)
{
	const gg_maptype *m = s->m;
	int32_t b = new_bucket(s);
	if (b < 0)
		return -1;
	s->pool[last].ovf = b;
	if (s->spares > 0)
		s->spares--;
	else {
		s->total += a(s, m->bucket_size, m->bucket_noscan);
		s->newoverflow++;
	}
	s->overflow++;
	if (s->B < 16 || (gg_sim_next(&s->rng) & ((UINT64_C(1) << (s->B - 15)) - 1)) == 0)
		s->noverflow++;
	s->total += gg_mapextra_overflow(&s->x, m);
	return b;
}

typedef struct dest {
	int32_t b;
	int i;
} dest;

static int put(kchurn *s, dest *d, uint64_t h)
{
	if (d->i == GG_MAP_SLOTS) {
		int32_t b = newoverflow(s, d->b);
		if (b < 0)
			return 0;
		d->b = b;
		d->i = 0;
	}
	s->pool[d->b].hash[d->i] = h;
	s->pool[d->b].used[d->i] = 1;
	d->i++;
	return 1;
}

static int evacuate(kchurn *s, uint64_t ob)
{
	uint64_t newbit = UINT64_C(1) << s->oldB;
	if (!s->evac[ob]) {
		dest x = {s->cur[ob], 0}, y = {s->same ? -1 : s->cur[ob + newbit], 0};
		for (int32_t b = s->old[ob]; b >= 0; b = s->pool[b].ovf)
			for (int j = 0; j < GG_MAP_SLOTS; j++) {
				if (!s->pool[b].used[j])
					continue;
				uint64_t h = s->pool[b].hash[j];
				if (!put(s, !s->same && (h & newbit) ? &y : &x, h))
					return 0;
			}
		s->evac[ob] = 1;
	}
	if (ob != s->nevac)
		return 1;
	s->nevac++;
	uint64_t stop = s->nevac + 1024 < newbit ? s->nevac + 1024 : newbit;
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

static int grow_work(kchurn *s, uint64_t idx)
{
	if (!s->growing)
		return 1;
	if (!evacuate(s, idx & ((UINT64_C(1) << s->oldB) - 1)))
		return 0;
	return !s->growing || evacuate(s, s->nevac);
}

static int over_load(const kchurn *s, int64_t count)
{
	return count > GG_MAP_SLOTS && count >= gg_classic_grow_at(s->B, s->m->t.go);
}

static int too_many_overflow(const kchurn *s)
{
	int b = s->B > 15 ? 15 : s->B;
	return s->noverflow >= (UINT32_C(1) << b);
}

static int hash_grow(kchurn *s)
{
	const gg_maptype *m = s->m;
	int bigger = over_load(s, s->count + 1);
	int nb = s->B + bigger;
	int64_t hint = nb == 0 ? 0 : gg_classic_grow_at(nb - 1, m->t.go);
	gg_mapmake mk = {0};
	gg_error err;
	if (gg_classic_make(m, hint, 0, &mk, &err) != GG_OK || mk.B != nb)
		return s->toolarge = 1, 0;
	uint64_t n = mk.nbuckets ? mk.nbuckets : 1, base = UINT64_C(1) << nb;
	s->total += a(s, n * m->bucket_size, m->bucket_noscan);
	int32_t *cur = new_array(s, nb);
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
	s->total += gg_mapextra_grow(&s->x, m, n != base);
	if (s->same)
		s->samesize++;
	s->lastgrow = s->count + 1;
	return 1;
}

static int insert(kchurn *s, uint64_t h)
{
	const gg_maptype *m = s->m;
	if (!s->cur) {
		s->cur = new_array(s, 0);
		if (!s->cur)
			return 0;
		s->total += a(s, m->bucket_size, m->bucket_noscan);
	}
	for (;;) {
		uint64_t idx = h & ((UINT64_C(1) << s->B) - 1);
		if (!grow_work(s, idx))
			return 0;
		int32_t last = -1, fb = -1;
		int fj = 0;
		for (int32_t b = s->cur[idx]; b >= 0 && fb < 0; last = b, b = s->pool[b].ovf)
			for (int j = 0; j < GG_MAP_SLOTS; j++)
				if (!s->pool[b].used[j]) {
					fb = b;
					fj = j;
					break;
				}
		if (!s->growing && (over_load(s, s->count + 1) || too_many_overflow(s))) {
			if (!hash_grow(s))
				return 0;
			continue;
		}
		if (fb < 0) {
			if ((fb = newoverflow(s, last)) < 0)
				return 0;
			fj = 0;
		}
		s->pool[fb].hash[fj] = h;
		s->pool[fb].used[fj] = 1;
		s->count++;
		return 1;
	}
}

static int delete (kchurn *s, uint64_t h)
{
	uint64_t idx = h & ((UINT64_C(1) << s->B) - 1);
	if (!grow_work(s, idx))
		return 0;
	for (int32_t b = s->cur[idx]; b >= 0; b = s->pool[b].ovf)
		for (int j = 0; j < GG_MAP_SLOTS; j++)
			if (s->pool[b].used[j] && s->pool[b].hash[j] == h) {
				s->pool[b].used[j] = 0;
				s->count--;
				return 1;
			}
	return 1;
}

gg_status gg_classic_churn(const gg_maptype *m, int64_t hint, int64_t n, int64_t k, int runs, uint64_t seed,
			   gg_classicsim *out, gg_error *err)
{
	*out = (gg_classicsim){.runs = runs, .seed = seed, .n = n};
	if (m->impl != GG_MAP_CLASSIC)
		return gg_fail(err, GG_ERR_UNSUPPORTED, 0, "not a classic map: use gg_swiss_churn");
	if (runs < 1 || runs > GG_MAPSIM_MAX_RUNS)
		return gg_fail(err, GG_ERR_RANGE, 0, "runs must be 1..%d", GG_MAPSIM_MAX_RUNS);
	if (n < 0 || k < 0 || n > gg_target_maxint(&m->t) || n > GG_MAPSIM_MAX_WORK ||
	    k > GG_MAPSIM_MAX_WORK || n + k > GG_MAPSIM_MAX_WORK / runs || n > INT32_MAX / 2)
		return gg_fail(
		    err, GG_ERR_RANGE, 0,
		    "simulating %d runs of %lld inserts and %lld churn steps is more than the limit of %lld",
		    runs, (long long)n, (long long)k, (long long)GG_MAPSIM_MAX_WORK);
	gg_mapmake mk = {.hint = hint};
	gg_status st = gg_classic_make(m, hint, 0, &mk, err);
	if (st != GG_OK)
		return st;
	uint64_t *v = malloc(6 * (size_t)runs * sizeof *v);
	uint64_t *keys = malloc(((size_t)n + 1) * sizeof *keys);
	if (!v || !keys) {
		free(v);
		free(keys);
		return gg_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	}
	uint64_t *B = v, *ov = v + runs, *nov = v + 2 * runs, *same = v + 3 * runs, *total = v + 4 * runs,
		 *last = v + 5 * runs;
	uint64_t hmask = m->t.arch->ptr_size == 8 ? UINT64_MAX : UINT64_C(0xffffffff);
	kbucket *pool = NULL;
	int32_t pcap = 0;
	int ok = 1, oom = 0;
	uint64_t entry = gg_map_entry_bytes(m);
	for (int r = 0; r < runs && ok; r++) {
		kchurn s = {.m = m,
			    .rng = gg_sim_seed(seed, r),
			    .hmask = hmask,
			    .pool = pool,
			    .pcap = pcap,
			    .freel = -1,
			    .B = mk.B,
			    .total = mk.bytes,
			    .x = {.extra = mk.spare != 0},
			    .spares = mk.spare};
		if (mk.B > 0)
			s.cur = new_array(&s, mk.B);
		for (int64_t i = 0; i < n && !s.oom && !s.toolarge; i++) {
			keys[i] = gg_sim_next(&s.rng) & hmask;
			if (!insert(&s, keys[i]))
				break;
		}
		for (int64_t i = 0; i < k && n > 0 && !s.oom && !s.toolarge; i++) {
			uint64_t *key = &keys[i % n];
			if (!delete (&s, *key))
				break;
			*key = gg_sim_next(&s.rng) & hmask;
			if (!insert(&s, *key))
				break;
		}
		ok = !s.oom && !s.toolarge;
		oom = s.oom;
		B[r] = (uint64_t)s.B;
		ov[r] = s.overflow;
		nov[r] = s.newoverflow;
		same[r] = s.samesize;
		total[r] = s.total + (uint64_t)(n + (n ? k : 0)) * entry;
		last[r] = (uint64_t)s.lastgrow;
		free(s.cur);
		free(s.old);
		free(s.evac);
		pool = s.pool; /* reused by the next run */
		pcap = s.pcap;
	}
	free(pool);
	free(keys);
	if (!ok) {
		free(v);
		if (oom)
			return gg_fail(err, GG_ERR_NOMEM, 0, "out of memory");
		return gg_fail(err, GG_ERR_RANGE, 0,
			       "a bucket array for %lld keys would exceed maxAlloc on %s", (long long)n,
			       m->t.arch->name);
	}
	out->B = gg_sim_dist(B, runs);
	out->overflow = gg_sim_dist(ov, runs);
	out->newoverflow = gg_sim_dist(nov, runs);
	out->samesize = gg_sim_dist(same, runs);
	out->total = gg_sim_dist(total, runs);
	out->lastgrow = gg_sim_dist(last, runs);
	free(v);
	return GG_OK;
}
