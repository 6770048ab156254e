/* The answers of gogrow map: per target, the map layout and make, the
 * growth steps (--grow), the seeded simulations (--sim) and churn
 * (--churn), from the map model (gogrow/map.h). */
#include <stdio.h>
#include <stdlib.h>

#include "cli/answer/answer.h"

/* The simulations model a heap map; a map that does not escape allocates
 * the same minus a constant (gg_map_stack_saving), taken off here. */
static void dist_sub(gg_dist *d, uint64_t v)
{
	d->min -= v;
	d->median -= v;
	d->max -= v;
}

static void stack_adjust(map_result *r, int64_t hint, int64_t n)
{
	uint64_t t, l;
	gg_error err;
	if (gg_map_stack_saving(&r->m, hint, n, &t, &l, &err) != GG_OK)
		return;
	r->stack_saving = t;
	if (r->churned && r->m.impl == GG_MAP_SWISS) {
		dist_sub(&r->churn.total, t);
		dist_sub(&r->churn.live, l);
	} else if (r->m.impl == GG_MAP_CLASSIC)
		dist_sub(&r->csim.total, t);
	else {
		dist_sub(&r->sim.total, t);
		dist_sub(&r->sim.live, l);
	}
}

static void collect(void *ctx, const gg_mapstep *s)
{
	map_result *r = ctx;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 32;
		gg_mapstep *n = realloc(r->steps, cap * sizeof *n);
		if (!n) {
			r->oom = 1;
			return;
		}
		r->steps = n;
		r->cap = cap;
	}
	r->steps[r->n++] = *s;
}

/* --churn: make (for the JSON make object), the exact classic part, then
 * the simulation; a simulation error is the target's error. */
static gg_status run_churn(map_result *r, int64_t hint, int64_t n, int64_t k, int runs, uint64_t seed)
{
	gg_status st = gg_makemap(&r->m, hint, 0, &r->mk, &r->err);
	if (st == GG_OK && r->m.impl == GG_MAP_CLASSIC)
		st = gg_mapgrow(&r->m, hint, n, NULL, NULL, &r->cfill, &r->err);
	if (st != GG_OK)
		return st;
	if (r->m.impl == GG_MAP_CLASSIC)
		r->sim_st = gg_classic_churn(&r->m, hint, n, k, runs, seed, &r->csim, &r->sim_err);
	else
		r->sim_st = gg_swiss_churn(&r->m, hint, n, k, runs, seed, &r->churn, &r->sim_err);
	if (r->sim_st != GG_OK)
		r->err = r->sim_err;
	return r->sim_st;
}

/* The --sim part of one target: the seeded runs, on the stack if asked. */
static void seed_target(map_result *r, const map_answer *m)
{
	r->simulated = 1;
	if (r->m.impl == GG_MAP_SWISS)
		r->sim_st = gg_swiss_seeded(&r->m, m->hint, m->n, (int)m->runs, (uint64_t)m->seed, &r->sim,
					    &r->sim_err);
	else
		r->sim_st = gg_classic_seeded(&r->m, m->hint, m->n, (int)m->runs, (uint64_t)m->seed, &r->csim,
					      &r->sim_err);
}

/* The rule values the writers print, once the map type is known. */
static void rules(map_result *r)
{
	const gg_maptype *mt = &r->m;
	r->entry_bytes = gg_map_entry_bytes(mt);
	r->small_overwrite = gg_swiss_full_small_overwrite(mt);
	if (mt->impl == GG_MAP_CLASSIC) {
		r->grow_at = gg_classic_grow_at(mt->t.go, r->mk.B);
		int B = gg_classic_B(mt->t.go, r->churn.n);
		r->churn_B = r->cfill.make.B > B ? r->cfill.make.B : B;
	}
}

/* Answers one target; r->st and r->sim_st say what failed. */
static void one(map_result *r, const gg_type *t, const gg_target *tg, const map_answer *m)
{
	r->go = tg->go;
	r->arch = tg->arch->name;
	r->st = gg_map_type(tg, t, m->noswiss, &r->m, &r->err);
	int typed = r->st == GG_OK;
	if (r->st == GG_OK && m->churn) {
		r->churned = 1;
		r->churn.n = m->cn;
		r->st = run_churn(r, m->hint, m->cn, m->ck, (int)m->runs, (uint64_t)m->seed);
	} else if (r->st == GG_OK && m->grow)
		r->st = gg_mapgrow_esc(&r->m, m->hint, m->esc, m->n, collect, r, &r->g, &r->err);
	else if (r->st == GG_OK)
		r->st = gg_makemap_esc(&r->m, m->hint, 0, m->esc, &r->mk, &r->err);
	if (r->st == GG_OK && m->sim && !m->churn)
		seed_target(r, m);
	if (r->st == GG_OK && m->esc == GG_MAPESC_STACK && (r->simulated || r->churned) && r->sim_st == GG_OK)
		stack_adjust(r, m->hint, m->churn ? m->cn : m->n);
	if (r->st == GG_OK && r->oom) {
		r->st = GG_ERR_NOMEM;
		snprintf(r->err.msg, sizeof r->err.msg, "out of memory");
	}
	if (typed)
		rules(r);
}

int map_answer_build(map_answer *a, const cli_common *c, const gg_type *t)
{
	a->rs = calloc((size_t)c->ntargets + 1, sizeof *a->rs);
	if (!a->rs)
		return 0;
	a->nrs = c->ntargets;
	for (int i = 0; i < c->ntargets; i++)
		one(&a->rs[i], t, &c->targets[i], a);
	return 1;
}

void map_answer_free(map_answer *a)
{
	for (int i = 0; a->rs && i < a->nrs; i++)
		free(a->rs[i].steps);
	free(a->rs);
	a->rs = NULL;
	a->nrs = 0;
}
