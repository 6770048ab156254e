/* The seeded simulations of Swiss maps: gg_swiss_seeded (inserts) and
 * gg_swiss_churn (inserts, then delete the oldest key and insert a new one,
 * k times).
 *
 * Both run the one state machine of swiss_state.c over `runs` maps, each
 * with its own random stream (seeded.c), and report min / median / max
 * over the runs of what the hash seed decides: tables, directory, slots,
 * tombstones, rehashes and bytes. Inserts alone only need counts per
 * table; churn tracks every slot, because a delete leaves an empty slot or
 * a tombstone depending on whether its group is full. */
#include "model/maps/swiss_state.h"
#include "model/util.h"

/* Per-run result fields. */
enum { F_TABLES, F_DIRLEN, F_CAP, F_TOMBS, F_TOTAL, F_LIVE, F_REHASH, F_PRUNE, F_SPLIT2, F_COUNT };

static uint64_t new_hash(void *s)
{
	return ggi_swiss_new_hash(s);
}

static int put(void *s, uint64_t h)
{
	return ggi_swiss_put(s, h);
}

static int del(void *s, uint64_t h)
{
	ggi_swiss_delete(s, h);
	return 1;
}

static const ggi_seeded_ops ops = {new_hash, put, del};

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

/* The distributions both simulations report. */
static void common(ggi_runs *v, gg_dist *tables, gg_dist *dirlen, gg_dist *cap, gg_dist *total, gg_dist *live)
{
	*tables = ggi_runs_dist(v, F_TABLES, v->runs);
	*dirlen = ggi_runs_dist(v, F_DIRLEN, v->runs);
	*cap = ggi_runs_dist(v, F_CAP, v->runs);
	*total = ggi_runs_dist(v, F_TOTAL, v->runs);
	*live = ggi_runs_dist(v, F_LIVE, v->runs);
}

/* The min / median / max of the runs: into sim (inserts) or ch (churn). */
static void report(ggi_runs *v, int n2, gg_swiss_seeded_runs *sim, gg_mapchurn *ch)
{
	if (sim) {
		common(v, &sim->tables, &sim->dirlen, &sim->capacity, &sim->total, &sim->live);
		sim->split2 = ggi_runs_dist(v, F_SPLIT2, n2);
		sim->split2_runs = n2;
		return;
	}
	common(v, &ch->tables, &ch->dirlen, &ch->capacity, &ch->total, &ch->live);
	ch->tombstones = ggi_runs_dist(v, F_TOMBS, v->runs);
	ch->rehashes = ggi_runs_dist(v, F_REHASH, v->runs);
	ch->prunes = ggi_runs_dist(v, F_PRUNE, v->runs);
}

/* Runs the simulation q and reports it into sim or ch. */
static gg_status simulate(const ggi_seeded *q, gg_swiss_seeded_runs *sim, gg_mapchurn *ch, gg_error *err)
{
	gg_mapmake mk;
	ggi_runs v;
	uint64_t *keys;
	gg_status st = ggi_seeded_begin(q, INT64_MAX, F_COUNT, &mk, &v, &keys, err);
	if (st != GG_OK)
		return st;
	ggi_swiss_state s;
	ggi_swiss_init(&s, q->m, q->churn);
	int n2 = 0;
	for (int r = 0; r < q->runs && !s.oom; r++) {
		if (ggi_swiss_start(&s, &mk, ggi_sim_seed(q->seed, r)) &&
		    ggi_seeded_run(&s, &ops, q->n, q->k, keys))
			record(&v, r, &s, q, &n2);
		ggi_swiss_reset(&s);
	}
	ggi_swiss_free(&s);
	if (!s.oom)
		report(&v, n2, sim, ch);
	ggi_seeded_end(&v, keys);
	return s.oom ? ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory") : GG_OK;
}

gg_status gg_swiss_seeded(const gg_maptype *m, int64_t hint, int64_t n, int runs, uint64_t seed,
			  gg_swiss_seeded_runs *out, gg_error *err)
{
	*out = (gg_swiss_seeded_runs){.runs = runs, .seed = seed, .n = n};
	if (m->impl != GG_MAP_SWISS)
		return ggi_fail(err, GG_ERR_UNSUPPORTED, 0,
				"only Swiss tables are simulated (classic overflow buckets are not)");
	ggi_seeded q = {m, hint, n, 0, runs, seed, 0};
	return simulate(&q, out, NULL, err);
}

gg_status gg_swiss_churn(const gg_maptype *m, int64_t hint, int64_t n, int64_t k, int runs, uint64_t seed,
			 gg_mapchurn *out, gg_error *err)
{
	*out = (gg_mapchurn){.runs = runs, .seed = seed, .n = n, .k = k};
	if (m->impl != GG_MAP_SWISS)
		return ggi_fail(
		    err, GG_ERR_UNSUPPORTED, 0,
		    "not a Swiss map: use gg_classic_churn (a classic map keeps its B under churn)");
	ggi_seeded q = {m, hint, n, k, runs, seed, 1};
	return simulate(&q, NULL, out, err);
}
