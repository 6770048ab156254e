/* The seeded simulations of classic maps: gg_classic_seeded (inserts)
 * and gg_classic_churn (inserts, then delete the oldest key and insert a
 * new one, k times).
 *
 * Both run the one state machine of classic_state.c over `runs` maps, each
 * with its own random stream (seeded.c), and report min / median / max
 * over the runs of what the hash seed decides: overflow buckets (spares
 * and new ones), same-size grows, the count at the last grow, and bytes.
 * Inserts alone keep an entry count per bucket; churn tracks every slot,
 * because a delete must find its key. */
#include "model/maps/classic_state.h"
#include "model/util.h"

/* Per-run result fields. */
enum { F_B, F_OVERFLOW, F_NEWOVERFLOW, F_SAMESIZE, F_TOTAL, F_LASTGROW, F_COUNT };

static uint64_t new_hash(void *s)
{
	return ggi_classic_new_hash(s);
}

static int put(void *s, uint64_t h)
{
	return ggi_classic_assign(s, h);
}

static int del(void *s, uint64_t h)
{
	return ggi_classic_delete(s, h);
}

static const ggi_seeded_ops ops = {new_hash, put, del};

static void record(ggi_runs *v, int r, const ggi_classic_state *s, const ggi_seeded *q)
{
	*ggi_runs_at(v, F_B, r) = (uint64_t)s->B;
	*ggi_runs_at(v, F_OVERFLOW, r) = s->overflow;
	*ggi_runs_at(v, F_NEWOVERFLOW, r) = s->newoverflow;
	*ggi_runs_at(v, F_SAMESIZE, r) = s->samesize;
	/* TotalAlloc counts every key ever inserted */
	*ggi_runs_at(v, F_TOTAL, r) =
	    s->total + (uint64_t)(q->n + (q->n ? q->k : 0)) * gg_map_entry_bytes(q->m);
	*ggi_runs_at(v, F_LASTGROW, r) = (uint64_t)s->lastgrow;
}

static gg_status failed(const ggi_classic_state *s, const ggi_seeded *q, gg_error *err)
{
	if (s->oom)
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	return ggi_fail(err, GG_ERR_RANGE, 0, "a bucket array for %lld keys would exceed maxAlloc on %s",
			(long long)q->n, q->m->t.arch->name);
}

/* Runs the simulation q into out. Churn addresses buckets with int32 pool
 * indices, hence its smaller limit on n. */
static gg_status simulate(const ggi_seeded *q, gg_classic_seeded_runs *out, gg_error *err)
{
	gg_mapmake mk;
	ggi_runs v;
	uint64_t *keys;
	gg_status st =
	    ggi_seeded_begin(q, q->churn ? INT32_MAX / 2 : INT64_MAX, F_COUNT, &mk, &v, &keys, err);
	if (st != GG_OK)
		return st;
	ggi_classic_state s = {0};
	for (int r = 0; r < q->runs && !s.oom && !s.toolarge; r++) {
		if (ggi_classic_start(&s, q->m, q->churn, &mk, ggi_sim_seed(q->seed, r)) &&
		    ggi_seeded_run(&s, &ops, q->n, q->k, keys))
			record(&v, r, &s, q);
		ggi_classic_end(&s);
	}
	ggi_classic_free(&s);
	if (s.oom || s.toolarge) {
		ggi_seeded_end(&v, keys);
		return failed(&s, q, err);
	}
	out->B = ggi_runs_dist(&v, F_B, q->runs);
	out->overflow = ggi_runs_dist(&v, F_OVERFLOW, q->runs);
	out->newoverflow = ggi_runs_dist(&v, F_NEWOVERFLOW, q->runs);
	out->samesize = ggi_runs_dist(&v, F_SAMESIZE, q->runs);
	out->total = ggi_runs_dist(&v, F_TOTAL, q->runs);
	out->lastgrow = ggi_runs_dist(&v, F_LASTGROW, q->runs);
	ggi_seeded_end(&v, keys);
	return GG_OK;
}

gg_status gg_classic_seeded(const gg_maptype *m, int64_t hint, int64_t n, int runs, uint64_t seed,
			    gg_classic_seeded_runs *out, gg_error *err)
{
	*out = (gg_classic_seeded_runs){.runs = runs, .seed = seed, .n = n};
	if (m->impl != GG_MAP_CLASSIC)
		return ggi_fail(err, GG_ERR_UNSUPPORTED, 0, "not a classic map: use gg_swiss_seeded");
	ggi_seeded q = {m, hint, n, 0, runs, seed, 0};
	return simulate(&q, out, err);
}

gg_status gg_classic_churn(const gg_maptype *m, int64_t hint, int64_t n, int64_t k, int runs, uint64_t seed,
			   gg_classic_seeded_runs *out, gg_error *err)
{
	*out = (gg_classic_seeded_runs){.runs = runs, .seed = seed, .n = n};
	if (m->impl != GG_MAP_CLASSIC)
		return ggi_fail(err, GG_ERR_UNSUPPORTED, 0, "not a classic map: use gg_swiss_churn");
	ggi_seeded q = {m, hint, n, k, runs, seed, 1};
	return simulate(&q, out, err);
}
