/* The workload runner: executes a parsed program for one release and
 * GOARCH, statement by statement, asking the model what each make, append
 * and map write allocates, and records every allocation as an event. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/workload/workload_internal.h"

int ggi_wl_oom(runner *x, const stmt *s)
{
	return ggi_wl_diag(x->d, s->line, s->col, GG_ERR_NOMEM, "out of memory");
}

/* Records an event and keeps the totals: at the moment of an allocation
 * both the old and the new storage are referenced (during), then `freed`
 * bytes become garbage. */
int ggi_wl_emit(runner *x, const stmt *s, int var, int ent, int64_t key, gg_workload_evkind k,
		const char *what, int64_t oldcap, int64_t newcap, uint64_t alloc, uint64_t freed,
		uint64_t objects)
{
	gg_workload_result *r = x->r;
	/* A tiny block whose arrays were all garbage is reachable again when a
	 * new array is packed into it: live grows, TotalAlloc does not. */
	uint64_t during = r->final_live + alloc + x->revived;
	/* Only what is live can become garbage. */
	assert(freed <= during);
	x->revived = 0;
	if (during > r->peak) {
		r->peak = during;
		r->peak_op = r->ops;
	}
	r->final_live = during - freed;
	r->total_alloc += alloc;
	r->allocs += objects;
	r->sites[s->site].allocs += objects;
	r->sites[s->site].bytes += alloc;
	r->events_total++;
	if (r->nevents < x->lim->max_events) {
		if (r->nevents == x->evcap) {
			size_t cap = x->evcap ? x->evcap * 2 : 256;
			if (cap > x->lim->max_events)
				cap = x->lim->max_events;
			gg_workload_event *n = realloc(r->events, cap * sizeof *n);
			if (!n)
				return ggi_wl_oom(x, s);
			r->events = n;
			x->evcap = cap;
		}
		r->events[r->nevents++] =
		    (gg_workload_event){r->ops, s->line, var,	ent,	key,	      k, what, oldcap,
					newcap, alloc,	 freed, during, r->final_live};
	}
	return 1;
}

/* A map made again: its structure, old buckets being evacuated included,
 * its key objects and its entries' slices become garbage. Returns the
 * bytes freed; the map is then empty, without storage. */
uint64_t ggi_wl_map_reset(runner *x, int var)
{
	rvar *v = &x->rv[var];
	gg_workload_var *vi = &x->r->vars[var];
	uint64_t freed = v->bytes;
	v->bytes = 0;
	if (v->evac_left > 0)
		vi->evac_ops += x->r->ops - v->evac_start;
	freed += ggi_wl_tab_drop(x, var);
	x->keys -= v->count;
	free(v->steps);
	v->steps = NULL;
	v->nsteps = v->scap = v->next = 0;
	v->count = v->peak = 0;
	v->has_table = v->to_table_early = v->table_deletes = v->beyond_exact = v->small_group = 0;
	v->tables = 0;
	v->evac_left = 0;
	v->evac_bytes = 0;
	return freed;
}

/* make(map[K]V, hint) into variable var (`what` names the event). */
int ggi_wl_map_make(runner *x, const stmt *s, int var, int64_t hint, const char *what)
{
	rvar *v = &x->rv[var];
	gg_workload_var *vi = &x->r->vars[var];
	uint64_t freed = ggi_wl_map_reset(x, var);
	v->hint = hint;
	if (!ggi_wl_cover_steps(x, s, v, 0))
		return 0;
	gg_mapmake mk;
	gg_error err = {0};
	gg_status st = gg_makemap(&v->mt, hint, 0, &mk, &err);
	if (st != GG_OK)
		return ggi_wl_diag(x->d, s->line, s->col, st, "%s", err.msg);
	v->made = 1;
	vi->makes++;
	vi->hint = hint;
	v->bytes = mk.bytes;
	v->has_table = mk.dirlen > 0;
	v->tables = mk.dirlen;
	v->small_group = !mk.dirlen && mk.mallocs > 1;
	vi->allocs += mk.mallocs;
	vi->allocated += mk.bytes;
	return ggi_wl_emit(x, s, var, 0, 0, GG_WORKLOAD_EV_MAPMAKE, what, 0, 0, mk.bytes, freed, mk.mallocs);
}

int ggi_wl_slice_made(runner *x, const stmt *s, arr na, int64_t len, int64_t cap, uint64_t counted,
		      uint64_t freed, uint64_t objs, const char *what)
{
	rvar *v = &x->rv[s->var];
	gg_workload_var *vi = &x->r->vars[s->var];
	v->a = na;
	v->made = 1;
	v->len = len;
	v->cap = cap;
	vi->allocs += objs;
	vi->allocated += counted;
	return ggi_wl_emit(x, s, s->var, 0, 0, GG_WORKLOAD_EV_MAKE, what, 0, cap, counted, freed, objs);
}

static int do_make(runner *x, const stmt *s, const evalctx *ec)
{
	const pvar *pv = &x->p->vars[s->var];
	rvar *v = &x->rv[s->var];
	int64_t n, cap;
	if (!ggi_wl_eval_make(ec, s, &n, &cap))
		return 0;
	gg_error err = {0};
	gg_status st;
	if (pv->local)
		return ggi_wl_local_make(x, s, n, cap);
	if (!pv->is_map) {
		/* The new array is allocated, then the old one is garbage. */
		uint64_t alloc = 0, counted;
		st = gg_makeslice(&x->t, v->e, n, cap, &alloc, &err);
		if (st != GG_OK)
			return ggi_wl_diag(x->d, s->line, s->col, st, "%s", err.msg);
		uint64_t objs = alloc != 0;
		arr na;
		if (!ggi_wl_arr_new(x, s->var, 0, (uint64_t)cap * v->e.size, v->e.noscan, alloc, &na,
				    &counted))
			return ggi_wl_oom(x, s);
		uint64_t freed = ggi_wl_arr_free(x, s->var, 0, &v->a);
		/* Rows: the old outer slice's rows go with it. */
		x->keys -= v->count;
		v->count = 0;
		freed += ggi_wl_tab_drop(x, s->var);
		return ggi_wl_slice_made(x, s, na, n, cap, counted, freed, objs, "make");
	}
	return ggi_wl_map_make(x, s, s->var, n, "make");
}

static int not_made(runner *x, const stmt *s)
{
	return ggi_wl_diag(x->d, s->line, s->col, GG_ERR_RANGE, "%s is used before its make runs",
			   x->p->vars[s->var].name);
}

/* len/cap/array of one slice: a variable or a map entry's. */
int ggi_wl_slice_append(runner *x, const stmt *s, int var, int ent, int64_t key, int64_t *len, int64_t *cap,
			arr *a, int64_t n)
{
	rvar *v = &x->rv[var];
	gg_workload_var *vi = &x->r->vars[var];
	if (n < 0)
		return ggi_wl_diag(x->d, s->line, s->col, GG_ERR_RANGE, "cannot append %lld elements",
				   (long long)n);
	if (n <= *cap - *len) {
		*len += n;
		return 1;
	}
	gg_grow g;
	gg_error err = {0};
	gg_elem e = ent ? v->re : v->e;
	gg_status st = gg_growslice(&x->t, e, *len, *cap, n, &g, &err);
	if (st != GG_OK)
		return ggi_wl_diag(x->d, s->line, s->col, st, "%s", err.msg);
	if (g.newcap < g.newlen) /* 32-bit: int(capmem) wrapped, as gogrow append shows */
		return ggi_wl_diag(
		    x->d, s->line, s->col, GG_ERR_PANIC,
		    "growslice: the new cap wraps around to %lld in a 32-bit int; the slice is unusable",
		    (long long)g.newcap);
	x->r->growslices++;
	uint64_t objs = g.alloc != 0, counted;
	arr na;
	/* growslice asks mallocgc for newcap*size bytes (capmem). */
	if (!ggi_wl_arr_new(x, var, ent, g.capbytes, e.noscan, g.alloc, &na, &counted))
		return ggi_wl_oom(x, s);
	uint64_t freed = ggi_wl_arr_free(x, var, ent, a);
	*a = na;
	int64_t oldcap = *cap;
	*len = g.newlen;
	*cap = g.newcap;
	if (ent) {
		vi->e_grows++;
		vi->e_allocs += objs;
		vi->e_allocated += counted;
	} else {
		vi->grows++;
		vi->allocs += objs;
		vi->allocated += counted;
	}
	return ggi_wl_emit(x, s, var, ent, key, GG_WORKLOAD_EV_GROW, "growslice", oldcap, g.newcap, counted,
			   freed, objs);
}

static int exec(runner *x, int from, int to)
{
	const gg_workload *p = x->p;
	for (int k = from; k < to; k++) {
		const stmt *s = &p->s[k];
		evalctx ec = {p, x->loopi, x->depth, x->d};
		if (s->k == S_REPEAT) {
			x->depth++;
			for (int64_t i = 0; i < s->count; i++) {
				x->loopi[x->depth - 1] = i;
				if (!exec(x, k + 1, s->end))
					return 0;
			}
			x->depth--;
			k = s->end;
			continue;
		}
		x->r->ops++;
		if (s->k == S_MAKE) {
			if (!do_make(x, s, &ec))
				return 0;
			continue;
		}
		if (s->k == S_CLONE) {
			if (!x->rv[s->src].made)
				return ggi_wl_diag(x->d, s->line, s->tcol, GG_ERR_RANGE,
						   "%s is used before its make runs",
						   x->p->vars[s->src].name);
			if (!ggi_wl_clone(x, s))
				return 0;
			continue;
		}
		if (!x->rv[s->var].made)
			return not_made(x, s);
		if (s->k == S_CLEAR) {
			if (!ggi_wl_clear(x, s))
				return 0;
			continue;
		}
		if (s->key >= 0) {
			if (!(x->p->vars[s->var].is_map ? ggi_wl_map_entry(x, s, &ec)
							: ggi_wl_row_entry(x, s, &ec)))
				return 0;
			continue;
		}
		/* append s n */
		rvar *v = &x->rv[s->var];
		int64_t n = 1;
		if (s->n >= 0 && !ggi_wl_eval(&ec, s->n, &n))
			return 0;
		if (p->vars[s->var].local
			? !ggi_wl_local_append(x, s, n)
			: !ggi_wl_slice_append(x, s, s->var, 0, 0, &v->len, &v->cap, &v->a, n))
			return 0;
	}
	return 1;
}

/* Types are laid out per target: a type may not exist in a release or be
 * too large on a 32-bit port. */
static int bind(runner *x)
{
	for (int i = 0; i < x->p->nvars; i++) {
		const pvar *pv = &x->p->vars[i];
		rvar *v = &x->rv[i];
		gg_workload_var *vi = &x->r->vars[i];
		v->a = NO_ARR;
		snprintf(vi->name, sizeof vi->name, "%s", pv->name);
		vi->type = pv->type;
		vi->is_map = pv->is_map;
		vi->entry_slices = pv->entry_slices;
		vi->line = pv->line;
		vi->exact_until = -1;
		const gg_type *t = gg_typeexpr_root(pv->te);
		gg_error err = {0};
		gg_status st = GG_OK;
		if (pv->is_map) {
			st = gg_map_type(&x->t, t, x->noswiss, &v->mt, &err);
			if (st == GG_OK && pv->entry_slices)
				st = gg_elem_of(&x->t, t->elem->elem, &v->re, &err);
			vi->impl = v->mt.impl;
			if (st == GG_OK && v->mt.impl == GG_MAP_CLASSIC)
				ggi_wl_note(
				    x, i,
				    "overflow buckets beyond the preallocated spares and same-size grows "
				    "depend on the hash seed: not in the deterministic figures; simulated "
				    "with random seeds (gg_workload_seed); old buckets are held for the most "
				    "writes evacuation can take, 2^(B-1)");
		} else {
			st = gg_elem_of(&x->t, t->elem, &v->e, &err);
			if (st == GG_OK && pv->entry_slices)
				st = gg_elem_of(&x->t, t->elem->elem, &v->re, &err);
		}
		if (st != GG_OK)
			return ggi_wl_diag(x->d, pv->line, pv->type_col, st, "%s", err.msg);
	}
	return 1;
}

static int run_script(const gg_workload *p, const gg_target *t, gg_mapexp noswissmap,
		      const gg_workload_limits *lim, gg_workload_result *r, gg_workload_diag *d)
{
	memset(r, 0, sizeof *r);
	memset(d, 0, sizeof *d);
	r->t = *t;
	runner x = {.p = p, .t = *t, .noswiss = noswissmap, .lim = lim, .r = r, .d = d, .cur = -1};
	r->vars = calloc((size_t)(p->nvars ? p->nvars : 1), sizeof *r->vars);
	r->sites = calloc((size_t)(p->nsites ? p->nsites : 1), sizeof *r->sites);
	x.rv = calloc((size_t)(p->nvars ? p->nvars : 1), sizeof *x.rv);
	if (!r->vars || !r->sites || !x.rv) {
		free(x.rv);
		return ggi_wl_diag(d, 0, 0, GG_ERR_NOMEM, "out of memory");
	}
	r->nvars = p->nvars;
	r->nsites = p->nsites;
	for (int i = 0; i < p->nsites; i++)
		r->sites[i] = (gg_workload_site){p->sites[i].line, p->sites[i].text, 0, 0};
	int ok = bind(&x) && exec(&x, 0, p->ns);
	for (int i = 0; i < p->nvars; i++) {
		rvar *v = &x.rv[i];
		gg_workload_var *vi = &r->vars[i];
		vi->live = v->bytes;
		vi->len = v->len;
		vi->cap = v->cap;
		vi->count = v->count;
		vi->peak_count = v->peak;
		vi->mt = v->mt;
		if (v->evac_left > 0) /* still evacuating at the end */
			vi->evac_ops += r->ops - v->evac_start;
		free(v->steps);
		free(v->tab);
	}
	free(x.rv);
	free(x.blk);
	free(x.freeblk);
	return ok;
}

void gg_workload_result_free(gg_workload_result *r)
{
	if (r) {
		free(r->vars);
		free(r->events);
		free(r->sites);
		*r = (gg_workload_result){0};
	}
}

gg_status gg_workload_run(const gg_target *t, const gg_workload *p, gg_mapexp noswissmap,
			  const gg_workload_limits *lim, gg_workload_result *r, gg_workload_diag *d)
{
	return run_script(p, t, noswissmap, lim, r, d) ? GG_OK : d->code;
}

gg_status gg_workload_script(const gg_target *t, const char *src, size_t len, gg_mapexp noswissmap,
			     const gg_workload_limits *lim, gg_workload_result *r, gg_workload_diag *d)
{
	gg_workload *p;
	memset(r, 0, sizeof *r);
	gg_status st = gg_workload_parse(src, len, lim, &p, d);
	if (st != GG_OK)
		return st;
	st = gg_workload_run(t, p, noswissmap, lim, r, d);
	/* The result points into the program (types, site texts): keep them. */
	for (int i = 0; i < r->nvars; i++)
		r->vars[i].type = NULL;
	for (int i = 0; i < r->nsites; i++)
		r->sites[i].text = NULL;
	gg_workload_free(p);
	return st;
}
