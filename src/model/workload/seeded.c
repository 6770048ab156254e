/* A workload's figures where the hash seed decides: past a Swiss map's
 * first split, and for a classic map's overflow buckets and same-size
 * grows, the run cannot be exact (Go seeds every map's hash at random).
 * Each such map is simulated with random hashes (gg_swiss_seeded,
 * gg_classic_seeded) at the most keys it held, and the run's totals are
 * given as min / median / max over the runs. A map the simulations cannot
 * stand for (made more than once, keys deleted, more keys than they take)
 * leaves the run's figures a lower bound, and says why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/workload/workload_internal.h"

/* Whether the seed decides part of v's growth. */
static int seed_decides(const gg_workload_var *v)
{
	return v->is_map && v->peak_count > 0 && (v->impl == GG_MAP_CLASSIC || v->exact_until >= 0);
}

/* Why v cannot be simulated, or NULL. */
static const char *cannot_simulate(const gg_workload_var *v, int runs)
{
	if (v->makes != 1)
		return "it is made more than once";
	if (v->deletes)
		return "keys are deleted from it (the simulations insert distinct keys once)";
	if (v->copies)
		return "it is a copy of another map's structure (the simulations fill a new map)";
	if (v->clears)
		return "it is cleared and filled again (the simulations fill it once)";
	if (v->peak_count > GG_SEEDED_MAX_WORK / runs)
		return "it holds more keys than the simulations take";
	return NULL;
}

static void add_dist(gg_dist *d, const gg_dist *v)
{
	d->min += v->min;
	d->median += v->median;
	d->max += v->max;
}

/* Simulates map variable v into s; the run's totals move by the map's
 * simulated bytes in place of its deterministic ones. */
static gg_status seed_var(const gg_workload_var *v, int runs, uint64_t seed, gg_workload_seeded_var *s,
			  gg_error *err)
{
	/* The simulations count the map's own storage; per-key objects (keys
	 * or elems over 128 bytes) are one per insert and deterministic. */
	uint64_t entries = gg_map_entry_bytes(&v->mt) * (uint64_t)v->peak_count;
	gg_status st;
	s->classic = v->impl == GG_MAP_CLASSIC;
	if (s->classic) {
		gg_classic_seeded_runs cs;
		st = gg_classic_seeded(&v->mt, v->hint, v->peak_count, runs, seed, &cs, err);
		s->total = cs.total;
		s->live = (gg_dist){v->live, v->live, v->live}; /* not simulated: counted as the exact part */
		s->live_simulated = 0;
	} else {
		gg_swiss_seeded_runs ms;
		st = gg_swiss_seeded(&v->mt, v->hint, v->peak_count, runs, seed, &ms, err);
		s->total = ms.total;
		s->live = ms.live;
		s->live_simulated = 1;
	}
	if (st != GG_OK)
		return st;
	add_dist(&s->total, &(gg_dist){entries, entries, entries});
	if (s->live_simulated)
		add_dist(&s->live, &(gg_dist){entries, entries, entries});
	s->done = 1;
	return GG_OK;
}

static void start_totals(const gg_workload_result *r, gg_workload_seeded *out)
{
	out->total = (gg_dist){r->total_alloc, r->total_alloc, r->total_alloc};
	out->live = (gg_dist){r->final_live, r->final_live, r->final_live};
}

/* The run's totals with map i's deterministic bytes replaced by its
 * simulated ones. */
static void replace(gg_workload_seeded *out, const gg_workload_var *v, const gg_workload_seeded_var *s)
{
	uint64_t own = v->allocated, live = v->live;
	out->total.min = out->total.min - own + s->total.min;
	out->total.median = out->total.median - own + s->total.median;
	out->total.max = out->total.max - own + s->total.max;
	out->live.min = out->live.min - live + s->live.min;
	out->live.median = out->live.median - live + s->live.median;
	out->live.max = out->live.max - live + s->live.max;
}

gg_status gg_workload_seed(const gg_workload_result *r, int runs, uint64_t seed, gg_workload_seeded *out,
			   gg_error *err)
{
	memset(out, 0, sizeof *out);
	if (runs < 1 || runs > GG_SEEDED_MAX_RUNS) {
		*err = (gg_error){.code = GG_ERR_RANGE};
		snprintf(err->msg, sizeof err->msg, "runs must be 1..%d", GG_SEEDED_MAX_RUNS);
		return GG_ERR_RANGE;
	}
	out->runs = runs;
	out->seed = seed;
	out->vars = calloc((size_t)(r->nvars ? r->nvars : 1), sizeof *out->vars);
	if (!out->vars) {
		*err = (gg_error){.code = GG_ERR_NOMEM, .msg = "out of memory"};
		return GG_ERR_NOMEM;
	}
	start_totals(r, out);
	for (int i = 0; i < r->nvars; i++) {
		const gg_workload_var *v = &r->vars[i];
		if (!seed_decides(v))
			continue;
		const char *why = cannot_simulate(v, runs);
		if (why) {
			out->lower_bound = 1;
			snprintf(out->why, sizeof out->why, "%s: %s", v->name, why);
			continue;
		}
		gg_status st = seed_var(v, runs, seed, &out->vars[i], err);
		if (st != GG_OK) {
			gg_workload_seeded_free(out);
			return st;
		}
		replace(out, v, &out->vars[i]);
		out->nmaps++;
	}
	return GG_OK;
}

void gg_workload_seeded_free(gg_workload_seeded *s)
{
	free(s->vars);
	s->vars = NULL;
}
