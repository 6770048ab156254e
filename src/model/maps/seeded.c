/* What the seeded simulations of both map families share: a random source
 * standing in for Go's seeded hash, the limits on the work asked for, and
 * the per-run results turned into min / median / max.
 *
 * Go seeds every map's hash at random, so where keys land (classic
 * buckets, Swiss groups and tables) differs from run to run; the model
 * answers with the distribution over seeds, assuming Go's hash behaves like
 * a random function. Each run r draws from splitmix64 seeded with
 * ggi_sim_seed(seed, r), so a (seed, runs) pair always gives the same
 * answer and runs do not share a stream. The state machines of the two
 * families (swiss_state.c, classic_state.c) consume these draws; the order
 * in which they draw is part of the answer and must not change. */
#include <stdlib.h>

#include "model/maps/internal.h"
#include "model/util.h"

uint64_t ggi_sim_next(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* A fair coin per bit: the popcount of n random bits. */
uint32_t ggi_sim_binomial_half(uint64_t *state, uint32_t n)
{
	uint32_t k = 0;
	for (; n >= 64; n -= 64)
		k += (uint32_t)__builtin_popcountll(ggi_sim_next(state));
	if (n)
		k += (uint32_t)__builtin_popcountll(ggi_sim_next(state) & ((UINT64_C(1) << n) - 1));
	return k;
}

int ggi_seeded_run(void *state, const ggi_seeded_ops *ops, int64_t n, int64_t k, uint64_t *keys)
{
	for (int64_t i = 0; i < n; i++) {
		uint64_t h = ops->new_hash(state);
		if (keys)
			keys[i] = h;
		if (!ops->put(state, h))
			return 0;
	}
	for (int64_t i = 0; i < k && n > 0; i++) {
		uint64_t *key = &keys[i % n];
		if (!ops->del(state, *key))
			return 0;
		*key = ops->new_hash(state);
		if (!ops->put(state, *key))
			return 0;
	}
	return 1;
}

gg_status ggi_seeded_check(const ggi_seeded *q, int64_t max_n, gg_error *err)
{
	if (q->runs < 1 || q->runs > GG_SEEDED_MAX_RUNS)
		return ggi_fail(err, GG_ERR_RANGE, 0, "runs must be 1..%d", GG_SEEDED_MAX_RUNS);
	int64_t n = q->n, k = q->k;
	int over = n < 0 || k < 0 || n > gg_target_maxint(&q->m->t) || n > max_n || n > GG_SEEDED_MAX_WORK ||
		   k > GG_SEEDED_MAX_WORK || n + k > GG_SEEDED_MAX_WORK / q->runs;
	if (!over)
		return GG_OK;
	if (!q->churn)
		return ggi_fail(err, GG_ERR_RANGE, 0,
				"simulating %d runs of %lld keys is more than the limit of %lld inserts",
				q->runs, (long long)n, (long long)GG_SEEDED_MAX_WORK);
	return ggi_fail(
	    err, GG_ERR_RANGE, 0,
	    "simulating %d runs of %lld inserts and %lld churn steps is more than the limit of %lld", q->runs,
	    (long long)n, (long long)k, (long long)GG_SEEDED_MAX_WORK);
}

gg_status ggi_seeded_begin(const ggi_seeded *q, int64_t max_n, int nfields, gg_mapmake *mk, ggi_runs *v,
			   uint64_t **keys, gg_error *err)
{
	*keys = NULL;
	gg_status st = ggi_seeded_check(q, max_n, err);
	if (st == GG_OK)
		st = gg_makemap(q->m, q->hint, 0, mk, err);
	if (st == GG_OK)
		st = ggi_runs_alloc(v, q->runs, nfields, err);
	if (st != GG_OK || !q->churn)
		return st;
	*keys = malloc(((size_t)q->n + 1) * sizeof **keys);
	if (*keys)
		return GG_OK;
	ggi_runs_free(v);
	return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory");
}

void ggi_seeded_end(ggi_runs *v, uint64_t *keys)
{
	ggi_runs_free(v);
	free(keys);
}

gg_status ggi_runs_alloc(ggi_runs *r, int runs, int nfields, gg_error *err)
{
	r->runs = runs;
	r->nfields = nfields;
	r->v = calloc((size_t)nfields * (size_t)runs, sizeof *r->v);
	return r->v ? GG_OK : ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory");
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

gg_dist ggi_runs_dist(ggi_runs *r, int field, int n)
{
	if (n == 0)
		return (gg_dist){0, 0, 0};
	uint64_t *v = ggi_runs_at(r, field, 0);
	qsort(v, (size_t)n, sizeof *v, cmp_u64);
	return (gg_dist){v[0], v[(n - 1) / 2], v[n - 1]};
}

void ggi_runs_free(ggi_runs *r)
{
	free(r->v);
	r->v = NULL;
}
