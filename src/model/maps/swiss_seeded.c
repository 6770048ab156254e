/* The seeded simulations of Swiss maps: gg_swiss_simulate (inserts) and
 * gg_swiss_churn (inserts, then delete the oldest key and insert a new one,
 * k times).
 *
 * Both run the one state machine of swiss_state.c over `runs` maps, each
 * with its own random stream (seeded.c), and report min / median / max
 * over the runs of what the hash seed decides: tables, directory, slots,
 * tombstones, rehashes and bytes. Inserts alone only need counts per
 * table; churn tracks every slot, because a delete leaves an empty slot or
 * a tombstone depending on whether its group is full. */
#include <stdlib.h>

#include "model/maps/swiss_state.h"
#include "model/util.h"

/* Per-run result fields. */
enum { F_TABLES, F_DIRLEN, F_CAP, F_TOMBS, F_TOTAL, F_LIVE, F_REHASH, F_PRUNE, F_SPLIT2, F_COUNT };

/* One run: n inserts, then k churn steps over the ring of the n live
 * hashes in keys (NULL for inserts only). */
static int run(ggi_swiss_state *s, int64_t n, int64_t k, uint64_t *keys)
{
	for (int64_t i = 0; i < n; i++) {
		uint64_t h = ggi_swiss_new_hash(s);
		if (keys)
			keys[i] = h;
		if (!ggi_swiss_put(s, h))
			return 0;
	}
	for (int64_t i = 0; i < k && n > 0; i++) {
		uint64_t *key = &keys[i % n];
		ggi_swiss_delete(s, *key);
		*key = ggi_swiss_new_hash(s);
		if (!ggi_swiss_put(s, *key))
			return 0;
	}
	return 1;
}

static void record(ggi_runs *v, int r, const ggi_swiss_state *s, const ggi_seeded *q, int *n2)
{
	uint64_t entry = gg_map_entry_bytes(q->m);
	*ggi_runs_at(v, F_TABLES, r) = s->nt;
	*ggi_runs_at(v, F_DIRLEN, r) = s->dirlen;
	*ggi_runs_at(v, F_CAP, r) = ggi_swiss_capacity(s);
	*ggi_runs_at(v, F_TOMBS, r) = ggi_swiss_tombstones(s);
	/* TotalAlloc counts every key ever inserted, live bytes the n left */
	*ggi_runs_at(v, F_TOTAL, r) = s->total + (uint64_t)(q->n + (q->n ? q->k : 0)) * entry;
	*ggi_runs_at(v, F_LIVE, r) = s->live + (uint64_t)q->n * entry;
	*ggi_runs_at(v, F_REHASH, r) = (uint64_t)s->rehashes;
	*ggi_runs_at(v, F_PRUNE, r) = (uint64_t)s->prunes;
	if (s->splits >= 2)
		*ggi_runs_at(v, F_SPLIT2, (*n2)++) = (uint64_t)s->split2_at;
}

/* Runs the simulation q into v; *n2 gets the runs with a second split. */
static gg_status simulate(const ggi_seeded *q, ggi_runs *v, int *n2, gg_error *err)
{
	gg_mapmake mk;
	gg_status st = ggi_seeded_check(q, INT64_MAX, err);
	if (st == GG_OK)
		st = gg_makemap(q->m, q->hint, 0, &mk, err);
	if (st == GG_OK)
		st = ggi_runs_alloc(v, q->runs, F_COUNT, err);
	if (st != GG_OK)
		return st;
	uint64_t *keys = q->churn ? malloc(((size_t)q->n + 1) * sizeof *keys) : NULL;
	ggi_swiss_state s;
	ggi_swiss_init(&s, q->m, q->churn);
	s.oom = q->churn && !keys;
	*n2 = 0;
	for (int r = 0; r < q->runs && !s.oom; r++) {
		if (ggi_swiss_start(&s, &mk, ggi_sim_seed(q->seed, r)) && run(&s, q->n, q->k, keys))
			record(v, r, &s, q, n2);
		ggi_swiss_reset(&s);
	}
	ggi_swiss_free(&s);
	free(keys);
	if (s.oom) {
		ggi_runs_free(v);
		return gg_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	}
	return GG_OK;
}

gg_status gg_swiss_simulate(const gg_maptype *m, int64_t hint, int64_t n, int runs, uint64_t seed,
			    gg_mapsim *out, gg_error *err)
{
	*out = (gg_mapsim){.runs = runs, .seed = seed, .n = n};
	if (m->impl != GG_MAP_SWISS)
		return gg_fail(err, GG_ERR_UNSUPPORTED, 0,
			       "only Swiss tables are simulated (classic overflow buckets are not)");
	ggi_seeded q = {m, hint, n, 0, runs, seed, 0};
	ggi_runs v;
	int n2;
	gg_status st = simulate(&q, &v, &n2, err);
	if (st != GG_OK)
		return st;
	out->tables = ggi_runs_dist(&v, F_TABLES, runs);
	out->dirlen = ggi_runs_dist(&v, F_DIRLEN, runs);
	out->capacity = ggi_runs_dist(&v, F_CAP, runs);
	out->total = ggi_runs_dist(&v, F_TOTAL, runs);
	out->live = ggi_runs_dist(&v, F_LIVE, runs);
	out->split2 = ggi_runs_dist(&v, F_SPLIT2, n2);
	out->split2_runs = n2;
	ggi_runs_free(&v);
	return GG_OK;
}

gg_status gg_swiss_churn(const gg_maptype *m, int64_t hint, int64_t n, int64_t k, int runs, uint64_t seed,
			 gg_mapchurn *out, gg_error *err)
{
	*out = (gg_mapchurn){.runs = runs, .seed = seed, .n = n, .k = k};
	if (m->impl != GG_MAP_SWISS)
		return gg_fail(
		    err, GG_ERR_UNSUPPORTED, 0,
		    "not a Swiss map: use gg_classic_churn (a classic map keeps its B under churn)");
	ggi_seeded q = {m, hint, n, k, runs, seed, 1};
	ggi_runs v;
	int n2;
	gg_status st = simulate(&q, &v, &n2, err);
	if (st != GG_OK)
		return st;
	out->tables = ggi_runs_dist(&v, F_TABLES, runs);
	out->dirlen = ggi_runs_dist(&v, F_DIRLEN, runs);
	out->capacity = ggi_runs_dist(&v, F_CAP, runs);
	out->tombstones = ggi_runs_dist(&v, F_TOMBS, runs);
	out->total = ggi_runs_dist(&v, F_TOTAL, runs);
	out->live = ggi_runs_dist(&v, F_LIVE, runs);
	out->rehashes = ggi_runs_dist(&v, F_REHASH, runs);
	out->prunes = ggi_runs_dist(&v, F_PRUNE, runs);
	ggi_runs_free(&v);
	return GG_OK;
}
