/* Classic-map growth with overflow buckets, simulated.
 *
 * Source: runtime/map.go (map_noswiss.go in 1.24-1.25): mapassign,
 * growWork, evacuate, advanceEvacuationMark, newoverflow, incrnoverflow,
 * createOverflow, hashGrow, tooManyOverflowBuckets. Which bucket a key
 * lands in is the low B bits of its seeded hash, so chain lengths, the
 * overflow buckets they need and the same-size grows too many of those
 * trigger are not deterministic; the exact model (map_classic.c) leaves
 * them out and this file estimates their distribution over hash seeds,
 * assuming Go's hash behaves like a random function.
 *
 * Only bucket entry counts are kept. A new key picks its bucket from fresh
 * random bits. Evacuating an old bucket of c entries into a doubled array
 * sends Binomial(c, 1/2) of them to X (the same index) and the rest to Y
 * (index + old size): the next hash bit of each key is a fair coin even
 * given the bits that brought it there. New buckets are empty until their
 * old bucket is evacuated (mapassign evacuates the key's old bucket before
 * it inserts), and nothing is deleted, so a chain of c entries is
 * ceil(c/8) buckets and a new one is needed when c is a multiple of 8.
 *
 * Per insert, in mapassign's order: first bucket if there is none; while
 * growing, evacuate the key's old bucket and then the one at nevacuate;
 * if not growing and count+1 is over the load factor or there are
 * 2^min(B,15) overflow buckets, hashGrow (double, else same size) and
 * retry; then the entry, with a new overflow bucket when the chain is
 * full. newoverflow takes the next preallocated spare if any, else
 * allocates one bucket; for noscan buckets it also records the bucket in
 * mapextra.overflow, a *[]*bmap allocated on first use and grown by append
 * (growslice), moved aside by every hashGrow. */
#include <stdlib.h>

#include "gogrow/malloc.h"
#include "gogrow/slice.h"
#include "model/maps/internal.h"
#include "model/util.h"

typedef struct csim {
	const gg_maptype *m;
	uint64_t rng;
	int B, oldB;
	uint32_t *cur, *old;
	uint8_t *evac;
	int growing, same;
	uint64_t nevac;
	uint64_t spares;
	uint32_t noverflow; /* uint16 in the runtime; never gets near 2^16 here */
	gg_mapextra_sim x;
	uint64_t total;
	int64_t count;
	uint64_t overflow, newoverflow, samesize;
	int64_t lastgrow;
	int oom, toolarge;
} csim;

static uint64_t a(const csim *s, uint64_t size, int noscan)
{
	return gg_alloc_bytes(size, noscan, &s->m->t, NULL);
}

static void newoverflow(csim *s)
{
	const gg_maptype *m = s->m;
	if (s->spares > 0)
		s->spares--;
	else {
		s->total += a(s, m->bucket_size, m->bucket_noscan);
		s->newoverflow++;
	}
	s->overflow++;
	/* incrnoverflow: exact below B 16, then with probability 1/2^(B-15) */
	if (s->B < 16 || (gg_sim_next(&s->rng) & ((UINT64_C(1) << (s->B - 15)) - 1)) == 0)
		s->noverflow++;
	s->total += gg_mapextra_overflow(&s->x, m);
}

/* Puts c entries into an empty bucket: its chain needs ceil(c/8)-1
 * overflow buckets. */
static void fill(csim *s, uint32_t *bucket, uint32_t c)
{
	*bucket = c;
	for (uint32_t k = GG_MAP_SLOTS; k < c; k += GG_MAP_SLOTS)
		newoverflow(s);
}

static void evacuate(csim *s, uint64_t ob)
{
	uint64_t newbit = UINT64_C(1) << s->oldB;
	if (!s->evac[ob]) {
		uint32_t c = s->old[ob];
		if (s->same)
			fill(s, &s->cur[ob], c);
		else {
			uint32_t x = gg_sim_binomial_half(&s->rng, c);
			fill(s, &s->cur[ob], x);
			fill(s, &s->cur[ob + newbit], c - x);
		}
		s->evac[ob] = 1;
	}
	if (ob != s->nevac)
		return;
	/* advanceEvacuationMark */
	s->nevac++;
	uint64_t stop = s->nevac + 1024 < newbit ? s->nevac + 1024 : newbit;
	while (s->nevac != stop && s->evac[s->nevac])
		s->nevac++;
	if (s->nevac == newbit) {
		s->growing = 0;
		free(s->old);
		free(s->evac);
		s->old = NULL;
		s->evac = NULL;
	}
}

static int over_load(const csim *s, int64_t count)
{
	return count > GG_MAP_SLOTS && count >= gg_classic_grow_at(s->B, s->m->t.go);
}

static int too_many_overflow(const csim *s)
{
	int b = s->B > 15 ? 15 : s->B;
	return s->noverflow >= (UINT32_C(1) << b);
}

static uint64_t array_count(const csim *s, int B, int *ok)
{
	gg_mapmake mk = {0};
	gg_error err;
	/* makeBucketArray's count is what makemap allocates for a hint that
	 * gives this B: reuse it through the smallest such hint. */
	int64_t hint = B == 0 ? 0 : gg_classic_grow_at(B - 1, s->m->t.go);
	*ok = gg_classic_make(s->m, hint, 0, &mk, &err) == GG_OK && mk.B == B;
	return mk.nbuckets;
}

static int hash_grow(csim *s)
{
	const gg_maptype *m = s->m;
	int bigger = over_load(s, s->count + 1);
	int nb = s->B + bigger, ok;
	uint64_t n = array_count(s, nb, &ok);
	uint64_t base = UINT64_C(1) << nb;
	if (!ok)
		return s->toolarge = 1, 0;
	s->total += a(s, n * m->bucket_size, m->bucket_noscan);
	uint32_t *cur = calloc(base, sizeof *cur);
	uint8_t *evac = calloc(UINT64_C(1) << s->B, 1);
	if (!cur || !evac) {
		free(cur);
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

static int insert(csim *s)
{
	const gg_maptype *m = s->m;
	if (!s->cur) {
		s->cur = calloc(1, sizeof *s->cur);
		if (!s->cur)
			return s->oom = 1, 0;
		s->total += a(s, m->bucket_size, m->bucket_noscan);
	}
	uint64_t h = gg_sim_next(&s->rng);
	for (;;) {
		uint64_t idx = h & ((UINT64_C(1) << s->B) - 1);
		if (s->growing) {
			evacuate(s, idx & ((UINT64_C(1) << s->oldB) - 1));
			if (s->growing)
				evacuate(s, s->nevac);
		}
		if (!s->growing && (over_load(s, s->count + 1) || too_many_overflow(s))) {
			if (!hash_grow(s))
				return 0;
			continue;
		}
		if (s->cur[idx] > 0 && s->cur[idx] % GG_MAP_SLOTS == 0)
			newoverflow(s);
		s->cur[idx]++;
		s->count++;
		return 1;
	}
}

gg_status gg_classic_simulate(const gg_maptype *m, int64_t hint, int64_t n, int runs, uint64_t seed,
			      gg_classicsim *out, gg_error *err)
{
	*out = (gg_classicsim){.runs = runs, .seed = seed, .n = n};
	if (m->impl != GG_MAP_CLASSIC)
		return gg_fail(err, GG_ERR_UNSUPPORTED, 0, "not a classic map: use gg_swiss_simulate");
	if (runs < 1 || runs > GG_MAPSIM_MAX_RUNS)
		return gg_fail(err, GG_ERR_RANGE, 0, "runs must be 1..%d", GG_MAPSIM_MAX_RUNS);
	if (n < 0 || n > gg_target_maxint(&m->t) || n > GG_MAPSIM_MAX_WORK / runs)
		return gg_fail(err, GG_ERR_RANGE, 0,
			       "simulating %d runs of %lld keys is more than the limit of %lld inserts", runs,
			       (long long)n, (long long)GG_MAPSIM_MAX_WORK);
	gg_mapmake mk = {.hint = hint};
	gg_status st = gg_classic_make(m, hint, 0, &mk, err);
	if (st != GG_OK)
		return st;
	uint64_t *v = malloc(6 * (size_t)runs * sizeof *v);
	if (!v)
		return gg_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	uint64_t *B = v, *ov = v + runs, *nov = v + 2 * runs, *same = v + 3 * runs, *total = v + 4 * runs,
		 *last = v + 5 * runs;
	csim s = {0};
	int ok = 1;
	for (int r = 0; r < runs && ok; r++) {
		s = (csim){.m = m,
			   .rng = gg_sim_seed(seed, r),
			   .B = mk.B,
			   .total = mk.bytes,
			   .x = {.extra = mk.spare != 0},
			   .spares = mk.spare};
		if (mk.B > 0) {
			s.cur = calloc(UINT64_C(1) << mk.B, sizeof *s.cur);
			if (!s.cur)
				s.oom = 1;
		}
		for (int64_t i = 0; i < n && !s.oom && !s.toolarge; i++)
			if (!insert(&s))
				break;
		ok = !s.oom && !s.toolarge;
		B[r] = (uint64_t)s.B;
		ov[r] = s.overflow;
		nov[r] = s.newoverflow;
		same[r] = s.samesize;
		total[r] = s.total + (uint64_t)s.count * gg_map_entry_bytes(m);
		last[r] = (uint64_t)s.lastgrow;
		free(s.cur);
		free(s.old);
		free(s.evac);
	}
	if (!ok) {
		free(v);
		if (s.oom)
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

uint64_t gg_mapextra_overflow(gg_mapextra_sim *x, const gg_maptype *m)
{
	const uint64_t P = (uint64_t)m->t.arch->ptr_size;
	uint64_t bytes = 0;
	if (!m->bucket_noscan)
		return 0;
	/* createOverflow, then append(*h.extra.overflow, ovf) */
	if (!x->extra) {
		x->extra = 1;
		bytes += gg_alloc_bytes(3 * P, 0, &m->t, NULL);
	}
	if (!x->ovslice) {
		x->ovslice = 1;
		x->len = x->cap = 0;
		bytes += gg_alloc_bytes(3 * P, 0, &m->t, NULL);
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

uint64_t gg_mapextra_grow(gg_mapextra_sim *x, const gg_maptype *m, int spares)
{
	x->ovslice = 0; /* extra.overflow becomes extra.oldoverflow */
	if (!spares || x->extra)
		return 0;
	x->extra = 1;
	return gg_alloc_bytes(3 * (uint64_t)m->t.arch->ptr_size, 0, &m->t, NULL);
}
