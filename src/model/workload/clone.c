/* c = clone m: maps.Clone (Go 1.21+, which calls runtime mapclone).
 *
 * What it allocates depends on the release (read in each one's sources):
 * - classic maps (1.21-1.23, noswissmap 1.24-1.25; runtime/map.go
 *   mapclone2): makemap(t, len(m)), a first bucket when that B is 0, and
 *   the entries copied bucket by bucket (moveToBmap): an elem over 128
 *   bytes gets a new object; such a key is shared unless it needs an update
 *   (floats, strings, interfaces: not modelled, noted). Overflow buckets of
 *   the copy depend on the hash seed, as for any classic map.
 * - Swiss 1.24 (runtime/map_swiss.go mapclone2): makemap(t, len(m)) and a
 *   Put of every entry: a map made with the hint, filled.
 * - Swiss 1.25+ (internal/runtime/maps Map.Clone): a copy of the structure
 *   as it is: a new Map, the small group or the directory with a copy of
 *   every table and its groups, and new key/elem objects over 128 bytes.
 *   The clone is as big as the source got (not as its length), and grows
 *   from there as the source would. */
#include <stdlib.h>
#include <string.h>

#include "model/workload/workload_internal.h"

/* The source's key table, copied (the clone holds the same keys). */
static int copy_keys(runner *x, const stmt *s, const rvar *src, entry **tab, size_t *tcap)
{
	*tab = NULL;
	*tcap = src->tcap;
	if (!src->tcap)
		return 1;
	if (x->keys + src->count > x->lim->max_keys)
		return ggi_wl_diag(x->d, s->line, s->col, GG_ERR_RANGE,
				   "more than %lld live map keys (the limit)", (long long)x->lim->max_keys);
	if (!(*tab = malloc(src->tcap * sizeof **tab)))
		return ggi_wl_oom(x, s);
	memcpy(*tab, src->tab, src->tcap * sizeof **tab);
	return 1;
}

/* Key and elem objects (over 128 bytes) the copy allocates. */
static int copy_entries(runner *x, const stmt *s, int var, int64_t count, int keys_too)
{
	rvar *v = &x->rv[var];
	gg_workload_var *vi = &x->r->vars[var];
	uint64_t per = (uint64_t)(keys_too ? v->mt.indirect_key : 0) + (uint64_t)v->mt.indirect_elem;
	if (!per || !count)
		return 1;
	gg_maptype only = v->mt;
	if (!keys_too && v->mt.indirect_key) {
		only.indirect_key = 0; /* the key objects are shared */
		ggi_wl_note(x, var,
			    "clone shares keys over 128 bytes; Go copies those that need an update "
			    "(floats, strings, interfaces): not counted");
	}
	uint64_t eb = gg_map_entry_bytes(&only);
	uint64_t bytes = eb * (uint64_t)count, objs = per * (uint64_t)count;
	v->bytes += bytes;
	vi->allocs += objs;
	vi->allocated += bytes;
	return ggi_wl_emit(x, s, var, 0, 0, GG_WORKLOAD_EV_ENTRY, "entry", 0, count, bytes, 0, objs);
}

/* Classic and 1.24: make(map, len(m)) filled with len(m) keys. */
static int clone_by_make(runner *x, const stmt *s, int64_t count, entry *tab, size_t tcap, size_t tfill)
{
	rvar *v = &x->rv[s->var];
	if (!ggi_wl_map_make(x, s, s->var, count, "clone"))
		return free(tab), 0;
	v->tab = tab;
	v->tcap = tcap;
	v->tfill = tfill;
	v->count = v->peak = count;
	x->keys += count;
	if (!ggi_wl_cover_steps(x, s, v, count))
		return 0;
	while (v->next < v->nsteps && v->steps[v->next].count <= count)
		if (!ggi_wl_apply_step(x, s, s->var, &v->steps[v->next++]))
			return 0;
	ggi_wl_past_exact(x, s->var);
	return copy_entries(x, s, s->var, count, v->mt.impl == GG_MAP_SWISS);
}

/* Objects the structure of a Swiss map is made of: the Map, and its small
 * group or its directory and each table with its group array. */
static uint64_t swiss_objects(const rvar *v)
{
	if (v->tables)
		return 1 + 1 + 2 * v->tables;
	return 1 + (uint64_t)v->small_group;
}

/* 1.25+: the structure copied as it is; the clone's state is the source's. */
static int clone_structure(runner *x, const stmt *s, const rvar *src, entry *tab, size_t tcap)
{
	rvar snap = *src; /* the source may be the variable being replaced */
	gg_mapstep *steps = NULL;
	if (snap.nsteps && !(steps = malloc(snap.nsteps * sizeof *steps)))
		return free(tab), ggi_wl_oom(x, s);
	if (steps)
		memcpy(steps, snap.steps, snap.nsteps * sizeof *steps);
	rvar *v = &x->rv[s->var];
	gg_workload_var *vi = &x->r->vars[s->var];
	uint64_t freed = ggi_wl_map_reset(x, s->var);
	uint64_t bytes = snap.bytes - snap.evac_bytes; /* Swiss: no old buckets */
	uint64_t objs = swiss_objects(&snap) +
			(uint64_t)(snap.mt.indirect_key + snap.mt.indirect_elem) * (uint64_t)snap.count;
	*v = snap;
	v->made = 1;
	v->steps = steps;
	v->scap = snap.nsteps;
	v->tab = tab;
	v->tcap = tcap;
	v->bytes = bytes;
	x->keys += snap.count;
	vi->makes++;
	vi->copies++;
	vi->hint = snap.hint;
	vi->allocs += objs;
	vi->allocated += bytes;
	if (snap.beyond_exact)
		ggi_wl_past_exact(x, s->var);
	return ggi_wl_emit(x, s, s->var, 0, 0, GG_WORKLOAD_EV_MAPMAKE, "clone", 0, snap.count, bytes, freed,
			   objs);
}

int ggi_wl_clone(runner *x, const stmt *s)
{
	const rvar *src = &x->rv[s->src];
	entry *tab;
	size_t tcap;
	if (x->t.go < 21) /* package maps came with go1.21 */
		return ggi_wl_diag(x->d, s->line, s->col, GG_ERR_RELEASE,
				   "clone (maps.Clone) needs go1.21 or later (the target is go1.%d)",
				   x->t.go);
	if (!copy_keys(x, s, src, &tab, &tcap))
		return 0;
	if (src->mt.impl == GG_MAP_SWISS && x->t.go >= 25)
		return clone_structure(x, s, src, tab, tcap);
	return clone_by_make(x, s, src->count, tab, tcap, src->tfill);
}
