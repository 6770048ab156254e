/* Map statements of a workload: set, delete and append to an entry.
 *
 * A map's growth follows the steps gg_mapgrow lists (computed on demand as
 * the map gets bigger), applied when len(m) reaches a new high-water mark;
 * classic maps hold their old buckets until evacuation is done; the keys a
 * map holds, and for maps of slices each entry's slice, live in a small
 * open-addressing table. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/workload/workload_internal.h"

static void collect_step(void *ctx, const gg_mapstep *st)
{
	rvar *v = ctx;
	if (v->nsteps == v->scap) {
		size_t cap = v->scap ? v->scap * 2 : 16;
		gg_mapstep *n = realloc(v->steps, cap * sizeof *n);
		if (!n)
			return; /* noticed by the caller: nsteps < steps */
		v->steps = n;
		v->scap = cap;
	}
	v->steps[v->nsteps++] = *st;
}

/* Makes sure the step list covers `need` keys: gg_mapgrow is closed form
 * (a few dozen steps at most), so it is simply asked again for more. */
int ggi_wl_cover_steps(runner *x, const stmt *s, rvar *v, int64_t need)
{
	if (v->steps && need <= v->steps_n)
		return 1;
	int64_t maxint = gg_target_maxint(&x->t);
	int64_t tries[2] = {need < 1024 ? 1024 : (need > maxint / 4 ? maxint : need * 4), need};
	gg_error err = {0};
	gg_status st = GG_OK;
	for (int k = 0; k < 2; k++) {
		gg_mapgrowth g;
		v->nsteps = 0;
		st = gg_mapgrow(&v->mt, v->hint, tries[k], collect_step, v, &g, &err);
		if (st == GG_OK && v->nsteps < (size_t)g.steps)
			return ggi_wl_oom(x, s);
		if (st == GG_OK) {
			v->steps_n = tries[k];
			v->exact_until = g.exact_until;
			return 1;
		}
	}
	return ggi_wl_diag(x->d, s->line, s->col, st, "%s", err.msg);
}

static const char *step_what(gg_mapevent ev)
{
	return gg_mapevent_name(ev);
}

/* Evacuation: each write to a growing classic map moves at least one old
 * bucket (growWork), so the old array is garbage after at most 2^(B-1)
 * writes; gogrow uses that bound. */
int ggi_wl_classic_write(runner *x, const stmt *s, int var)
{
	rvar *v = &x->rv[var];
	if (v->evac_left == 0)
		return 1;
	if (--v->evac_left > 0)
		return 1;
	gg_workload_var *vi = &x->r->vars[var];
	vi->evac_ops += x->r->ops - v->evac_start + 1;
	uint64_t b = v->evac_bytes;
	v->evac_bytes = 0;
	assert(v->bytes >= b); /* the old buckets are part of the map's live bytes */
	v->bytes -= b;
	return ggi_wl_emit(x, s, var, 0, 0, GG_WORKLOAD_EV_EVACUATED, "evacuated", 0, v->count, 0, b, 0);
}

/* Objects a growth step allocates: a step lists each kind once with its
 * count (a split makes two tables and two group arrays). */
static uint64_t step_objects(const gg_mapstep *st)
{
	uint64_t n = 0;
	for (int i = 0; i < st->nallocs; i++)
		n += st->allocs[i].count;
	return n;
}

int ggi_wl_apply_step(runner *x, const stmt *s, int var, const gg_mapstep *st)
{
	rvar *v = &x->rv[var];
	gg_workload_var *vi = &x->r->vars[var];
	uint64_t old = st->during - st->after;
	int classic = v->mt.impl == GG_MAP_CLASSIC;
	if (classic && v->evac_left > 0) {
		/* Cannot happen with the load factor's spacing; finish it to stay consistent. */
		v->evac_left = 1;
		if (!ggi_wl_classic_write(x, s, var))
			return 0;
	}
	if (st->ev != GG_EV_FIRST_BUCKET && st->ev != GG_EV_SMALL) {
		x->r->map_grows++;
		vi->grows++;
	}
	x->r->map_steps++;
	uint64_t objs = step_objects(st);
	vi->allocs += objs;
	vi->allocated += st->alloc;
	if (st->ev == GG_EV_TO_TABLE || st->ev == GG_EV_TABLE_GROW || st->ev == GG_EV_SPLIT) {
		v->has_table = 1;
		v->tables = st->tables;
	}
	if (st->ev == GG_EV_SMALL)
		v->small_group = 1;
	if (classic && st->ev == GG_EV_DOUBLE) {
		v->bytes += st->alloc;
		v->evac_bytes = old;
		v->evac_left = INT64_C(1) << (st->B - 1);
		v->evac_start = x->r->ops;
		if (old > vi->evac_peak)
			vi->evac_peak = old;
		if (!ggi_wl_emit(x, s, var, 0, 0, GG_WORKLOAD_EV_MAPSTEP, step_what(st->ev), 0, st->count,
				 st->alloc, 0, objs))
			return 0;
		uint64_t held = 0;
		for (int i = 0; i < x->r->nvars; i++)
			held += x->rv[i].evac_bytes;
		if (held > x->r->evac_peak)
			x->r->evac_peak = held;
		return 1;
	}
	v->bytes = v->bytes + st->alloc - old;
	return ggi_wl_emit(x, s, var, 0, 0, GG_WORKLOAD_EV_MAPSTEP, step_what(st->ev), 0, st->count,
			   st->alloc, old, objs);
}

void ggi_wl_note(runner *x, int var, const char *text)
{
	gg_workload_var *vi = &x->r->vars[var];
	if (strstr(vi->note, text))
		return;
	size_t n = strlen(vi->note);
	snprintf(vi->note + n, sizeof vi->note - n, "%s%s", n ? "; " : "", text);
	x->r->inexact = 1;
}

/* Past the count up to which the model lists every step, the variable
 * says so (and stops applying steps). */
void ggi_wl_past_exact(runner *x, int var)
{
	rvar *v = &x->rv[var];
	if (v->peak <= v->exact_until)
		return;
	v->beyond_exact = 1;
	x->r->vars[var].exact_until = v->exact_until;
	char buf[200];
	snprintf(buf, sizeof buf,
		 "growth past %lld keys depends on the hash seed (which table splits): not in the "
		 "deterministic figures; simulated with random seeds (gg_workload_seed)",
		 (long long)v->exact_until);
	ggi_wl_note(x, var, buf);
}

/* A new key: len(m) grows, and the steps the model lists for the new
 * high-water mark are applied (maps never shrink, so growth follows the
 * most keys ever held: exact for classic maps, see docs/simulate.md). */
static int map_insert(runner *x, const stmt *s, int var)
{
	rvar *v = &x->rv[var];
	if (x->keys >= x->lim->max_keys)
		return ggi_wl_diag(x->d, s->line, s->col, GG_ERR_RANGE,
				   "more than %lld live map keys (the limit)", (long long)x->lim->max_keys);
	x->keys++;
	v->count++;
	/* Keys and elems over 128 bytes: mapassign allocates one object each per new key. */
	uint64_t eb = gg_map_entry_bytes(&v->mt);
	if (eb) {
		gg_workload_var *vi = &x->r->vars[var];
		uint64_t objs = (uint64_t)(v->mt.indirect_key + v->mt.indirect_elem);
		v->bytes += eb;
		vi->allocs += objs;
		vi->allocated += eb;
		if (!ggi_wl_emit(x, s, var, 0, 0, GG_WORKLOAD_EV_ENTRY, "entry", 0, v->count, eb, 0, objs))
			return 0;
	}
	if (v->count <= v->peak)
		return 1;
	v->peak = v->count;
	if (v->beyond_exact)
		return 1;
	if (!ggi_wl_cover_steps(x, s, v, v->peak))
		return 0;
	while (v->next < v->nsteps && v->steps[v->next].count <= v->peak) {
		const gg_mapstep *st = &v->steps[v->next++];
		if (st->ev == GG_EV_TO_TABLE && v->to_table_early)
			continue;
		if (!ggi_wl_apply_step(x, s, var, st))
			return 0;
	}
	ggi_wl_past_exact(x, var);
	return 1;
}

/* An assignment to a key the map holds. 1.24-1.26 turn a full small map
 * into a table even then. */
static int map_overwrite(runner *x, const stmt *s, int var)
{
	rvar *v = &x->rv[var];
	if (v->mt.impl != GG_MAP_SWISS || v->has_table || v->count != GG_MAP_SLOTS ||
	    !gg_swiss_full_small_overwrite(&v->mt))
		return 1;
	if (!ggi_wl_cover_steps(x, s, v, GG_MAP_SLOTS + 1))
		return 0;
	for (size_t k = 0; k < v->nsteps; k++)
		if (v->steps[k].ev == GG_EV_TO_TABLE) {
			v->to_table_early = 1;
			return ggi_wl_apply_step(x, s, var, &v->steps[k]);
		}
	return 1;
}

static uint64_t hash64(int64_t k)
{
	uint64_t h = (uint64_t)k * UINT64_C(0x9E3779B97F4A7C15);
	return h ^ (h >> 29);
}

entry *ggi_wl_tab_find(rvar *v, int64_t key)
{
	if (!v->tcap)
		return NULL;
	for (size_t i = hash64(key) & (v->tcap - 1);; i = (i + 1) & (v->tcap - 1)) {
		entry *e = &v->tab[i];
		if (e->state == 0)
			return NULL;
		if (e->state == 1 && e->key == key)
			return e;
	}
}

entry *ggi_wl_tab_insert(rvar *v, int64_t key)
{
	if ((v->tfill + 1) * 4 > v->tcap * 3) {
		size_t live = 0;
		for (size_t i = 0; i < v->tcap; i++)
			live += v->tab[i].state == 1;
		size_t cap = 16;
		while (cap * 3 < (live + 1) * 4 * 2)
			cap *= 2;
		entry *n = calloc(cap, sizeof *n);
		if (!n)
			return NULL;
		for (size_t i = 0; i < v->tcap; i++)
			if (v->tab[i].state == 1) {
				size_t j = hash64(v->tab[i].key) & (cap - 1);
				while (n[j].state)
					j = (j + 1) & (cap - 1);
				n[j] = v->tab[i];
			}
		free(v->tab);
		v->tab = n;
		v->tcap = cap;
		v->tfill = live;
	}
	size_t i = hash64(key) & (v->tcap - 1);
	while (v->tab[i].state == 1)
		i = (i + 1) & (v->tcap - 1);
	if (v->tab[i].state == 0)
		v->tfill++;
	v->tab[i] = (entry){key, 0, 0, NO_ARR, 1};
	return &v->tab[i];
}

uint64_t ggi_wl_tab_drop(runner *x, int var)
{
	rvar *v = &x->rv[var];
	uint64_t freed = 0;
	for (size_t k = 0; k < v->tcap; k++)
		if (v->tab[k].state == 1)
			freed += ggi_wl_arr_free(x, var, 1, &v->tab[k].a);
	free(v->tab);
	v->tab = NULL;
	v->tcap = v->tfill = 0;
	x->r->vars[var].e_slices = 0;
	return freed;
}

int ggi_wl_map_entry(runner *x, const stmt *s, const evalctx *ec)
{
	rvar *v = &x->rv[s->var];
	gg_workload_var *vi = &x->r->vars[s->var];
	int64_t key, n;
	if (!ggi_wl_eval_key_n(ec, s, &key, &n))
		return 0;
	int classic = v->mt.impl == GG_MAP_CLASSIC;
	entry *e = ggi_wl_tab_find(v, key);
	if (s->k == S_DELETE) {
		if (classic && v->count > 0 && !ggi_wl_classic_write(x, s, s->var))
			return 0;
		if (!e)
			return 1;
		e->state = 2;
		vi->deletes++;
		v->count--;
		x->keys--;
		uint64_t eb = gg_map_entry_bytes(&v->mt);
		if (eb) {
			v->bytes -= eb;
			if (!ggi_wl_emit(x, s, s->var, 0, 0, GG_WORKLOAD_EV_FREE, "free-entry", 0, v->count,
					 0, eb, 0))
				return 0;
		}
		if (v->mt.impl == GG_MAP_SWISS && v->has_table && !v->table_deletes) {
			v->table_deletes = 1;
			ggi_wl_note(
			    x, s->var,
			    "a delete from a Swiss table may leave a tombstone, which makes it grow sooner "
			    "depending on the hash seed: growth after the first delete is a lower bound");
		}
		if (e->cap > 0) {
			uint64_t f = ggi_wl_arr_free(x, s->var, 1, &e->a);
			vi->e_slices--;
			return ggi_wl_emit(x, s, s->var, 1, key, GG_WORKLOAD_EV_FREE, "free", e->cap, 0, 0, f,
					   0);
		}
		return 1;
	}
	/* m[k] = append(m[k], ...): the append runs before the assignment. */
	entry tmp = e ? *e : (entry){key, 0, 0, NO_ARR, 1};
	if (s->k == S_APPEND) {
		int64_t before = tmp.cap;
		if (!ggi_wl_slice_append(x, s, s->var, 1, key, &tmp.len, &tmp.cap, &tmp.a, n))
			return 0;
		if (!before && tmp.cap)
			vi->e_slices++;
	} else if (tmp.cap > 0) { /* set: the zero value (nil) replaces the slice */
		uint64_t f = ggi_wl_arr_free(x, s->var, 1, &tmp.a);
		vi->e_slices--;
		if (!ggi_wl_emit(x, s, s->var, 1, key, GG_WORKLOAD_EV_FREE, "free", tmp.cap, 0, 0, f, 0))
			return 0;
		tmp.len = tmp.cap = 0;
	}
	if (classic && !ggi_wl_classic_write(x, s, s->var))
		return 0;
	if (e) {
		*e = tmp;
		return map_overwrite(x, s, s->var);
	}
	e = ggi_wl_tab_insert(v, key);
	if (!e)
		return ggi_wl_oom(x, s);
	*e = tmp;
	if (!map_insert(x, s, s->var))
		return 0;
	/* The insert that starts a classic grow evacuates too (mapassign's goto again). */
	if (classic && v->evac_left > 0 && v->evac_start == x->r->ops)
		return ggi_wl_classic_write(x, s, s->var);
	return 1;
}
