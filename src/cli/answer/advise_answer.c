/* The numbers of gogrow advise: a slice grown one element at a time from
 * make(T, 0, start), the candidates of a --pattern, a map's hint. */
#include <stdio.h>
#include <string.h>

#include "cli/answer/answer.h"

/* Append one at a time to make([]T, 0, start) until length n. */
static gg_status run(const gg_target *tg, gg_elem e, int64_t start, int64_t n, advise_cost *c, gg_error *err)
{
	gg_slicestate s;
	memset(c, 0, sizeof *c);
	uint64_t first = 0;
	if (start > 0) {
		gg_status st = gg_makeslice(tg, e, 0, start, &first, err);
		if (st != GG_OK)
			return st;
	}
	c->allocated = first;
	gg_slice_start(&s, tg, e, GG_ESC_HEAP, 0, start);
	int64_t last = n - 1 < gg_target_maxint(tg) ? n - 1 : gg_target_maxint(tg);
	if (e.size == 0 && last > s.cap) {
		/* A zero-size slice grows by one at every append, allocating and
		 * copying nothing: count those growths instead of making them. */
		c->grows += last - s.cap;
		s.len = s.cap = last;
	}
	while (s.len < n) {
		if (s.len < s.cap) {
			s.len = s.cap < n ? s.cap : n;
			continue;
		}
		gg_grow g;
		int64_t oldlen = s.len;
		gg_status st = gg_slice_append(&s, 1, &g, err);
		if (st != GG_OK)
			return st;
		c->grows++;
		c->allocated += g.alloc;
		c->copied += (uint64_t)oldlen * e.size;
	}
	c->cap = s.cap;
	return GG_OK;
}

gg_status advise_slice_build(advise_slice_answer *a, const gg_target *tg, gg_elem e, gg_error *err)
{
	int64_t n = a->n;
	gg_status st = run(tg, e, 0, n, &a->grow, err);
	if (st == GG_OK)
		st = run(tg, e, n, n, &a->exact, err);
	a->fill = e.size ? (int64_t)(gg_roundupsize(tg, (uint64_t)n * e.size, e.noscan) / e.size) : n;
	a->go = tg->go;
	a->arch = tg->arch->name;
	a->elem_size = e.size;
	return st;
}

/* Candidates: no make, and each pattern length filled to its class. */
static void candidates(advise_pattern_answer *a, const gg_target *tg, gg_elem e)
{
	a->nc = 0;
	a->cands[a->nc++] = 0;
	for (int i = 0; i < a->nl; i++) {
		int64_t c =
		    e.size ? (int64_t)(gg_roundupsize(tg, (uint64_t)a->lens[i] * e.size, e.noscan) / e.size)
			   : a->lens[i];
		int dup = 0;
		for (int k = 0; k < a->nc; k++)
			dup |= a->cands[k] == c;
		if (!dup)
			a->cands[a->nc++] = c;
	}
}

gg_status advise_pattern_build(advise_pattern_answer *a, const gg_target *tg, gg_elem e, gg_error *err)
{
	candidates(a, tg, e);
	a->best = -1;
	for (int k = 0; k < a->nc; k++) {
		advise_cost *t = &a->totals[k];
		*t = (advise_cost){0};
		for (int i = 0; i < a->nl; i++) {
			advise_cost one;
			gg_status st = run(tg, e, a->cands[k], a->lens[i], &one, err);
			if (st != GG_OK)
				return st;
			t->allocated += one.allocated;
			t->copied += one.copied;
			if (__builtin_add_overflow(t->grows, one.grows, &t->grows)) {
				/* Zero-size elements: a growth per element, in every run. */
				snprintf(err->msg, sizeof err->msg,
					 "--pattern: the growslice calls of all runs do not fit in int64");
				return err->code = GG_ERR_RANGE;
			}
		}
		const advise_cost *b = a->best < 0 ? NULL : &a->totals[a->best];
		if (!b || t->allocated < b->allocated ||
		    (t->allocated == b->allocated && t->grows < b->grows))
			a->best = k;
	}
	return GG_OK;
}

typedef struct growcount {
	int64_t steps;
	uint64_t last_total;
} growcount;

static void count_step(void *ctx, const gg_mapstep *st)
{
	growcount *g = ctx;
	g->steps++;
	g->last_total = st->total;
}

/* Past the exact range (Swiss splits), or for classic overflow buckets, the
 * bytes depend on the hash seed: simulate, with as many runs as the
 * simulations take; none fits when n alone is past their limit. */
static gg_status simulate_from_empty(const gg_maptype *mt, advise_map_answer *a, gg_error *err)
{
	int64_t n = a->n;
	a->runs = n > 0 ? 20000000 / n : 101;
	a->runs = a->runs > 101 ? 101 : a->runs < 11 ? 11 : a->runs;
	if (n > 0 && a->runs > GG_SEEDED_MAX_WORK / n)
		a->runs = GG_SEEDED_MAX_WORK / n;
	if (!a->seeded || a->runs == 0)
		return GG_OK;
	gg_status st;
	if (mt->impl == GG_MAP_SWISS) {
		gg_swiss_seeded_runs ms;
		st = gg_swiss_seeded(mt, 0, n, (int)a->runs, 1, &ms, err);
		a->sim = ms.total;
	} else {
		gg_classic_seeded_runs cs;
		st = gg_classic_seeded(mt, 0, n, (int)a->runs, 1, &cs, err);
		a->sim = cs.total;
	}
	a->simulated = st == GG_OK;
	if (a->simulated)
		a->from_empty = a->sim.median;
	return st;
}

gg_status advise_map_build(advise_map_answer *a, const gg_type *t, const gg_target *tg, gg_error *err)
{
	gg_maptype mt;
	gg_mapmake withhint;
	gg_mapgrowth grow;
	growcount gc = {0};
	int64_t n = a->n;
	gg_status st = gg_map_type(tg, t, 0, &mt, err);
	if (st == GG_OK)
		st = gg_makemap(&mt, n, 0, &withhint, err);
	if (st == GG_OK)
		st = gg_mapgrow(&mt, 0, n, count_step, &gc, &grow, err);
	if (st != GG_OK)
		return st;
	a->go = tg->go;
	a->arch = tg->arch->name;
	a->impl = mt.impl;
	a->make_bytes = withhint.bytes;
	a->entries = gg_map_entry_bytes(&mt) * (uint64_t)n;
	a->with = withhint.bytes + a->entries;
	a->from_empty = gc.steps ? gc.last_total : grow.make.bytes + a->entries;
	a->steps = gc.steps;
	a->seeded = (mt.impl == GG_MAP_SWISS && n > grow.exact_until) || mt.impl == GG_MAP_CLASSIC;
	if ((st = simulate_from_empty(&mt, a, err)) != GG_OK)
		return st;
	/* The runtime drops a hint whose storage would pass maxAlloc (or
	 * overflow): make then allocates as with no hint and the map grows. */
	a->ignored = withhint.hint_used != n;
	if (a->ignored)
		a->with = a->from_empty;
	return GG_OK;
}
