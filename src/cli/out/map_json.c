/* gogrow map --json: the question, then per target the layout, make, the
 * growth steps, the simulations and churn. */
#include <stdio.h>

#include "cli/out/write.h"

static void json_alloc(json_w *w, const gg_mapalloc *a)
{
	jw_obj(w, NULL);
	jw_s(w, "object", a->what);
	jw_u(w, "count", a->count);
	jw_u(w, "size", a->size);
	jw_u(w, "bytes", a->bytes);
	jw_i(w, "class", a->sizeclass);
	jw_b(w, "header", a->header);
	jw_b(w, "noscan", a->noscan);
	jw_end_obj(w);
}

static void json_layout(json_w *w, const gg_maptype *m)
{
	jw_obj(w, "layout");
	jw_u(w, "key_size", m->key.size);
	jw_u(w, "elem_size", m->elem.size);
	jw_b(w, "indirect_key", m->indirect_key);
	jw_b(w, "indirect_elem", m->indirect_elem);
	jw_u(w, "header_size", m->header_size);
	if (m->impl == GG_MAP_CLASSIC) {
		jw_u(w, "bucket_size", m->bucket_size);
		jw_u(w, "keys_offset", m->keys_off);
		jw_u(w, "elems_offset", m->elems_off);
		jw_u(w, "overflow_offset", m->overflow_off);
		jw_b(w, "bucket_noscan", m->bucket_noscan);
	} else {
		jw_u(w, "slot_size", m->slot_size);
		jw_u(w, "slot_elem_offset", m->slot_elem_off);
		jw_u(w, "group_size", m->group_size);
		jw_b(w, "group_noscan", m->group_noscan);
		jw_u(w, "table_size", m->table_size);
	}
	jw_end_obj(w);
}

static void json_make(json_w *w, const gg_maptype *m, const gg_mapmake *mk)
{
	jw_obj(w, "make");
	jw_i(w, "hint", mk->hint);
	jw_i(w, "hint_used", mk->hint_used);
	if (m->impl == GG_MAP_CLASSIC) {
		jw_i(w, "B", mk->B);
		jw_u(w, "buckets", mk->nbuckets);
		jw_u(w, "spare_buckets", mk->spare);
	} else {
		jw_u(w, "tables", mk->dirlen);
		jw_i(w, "global_depth", mk->global_depth);
		jw_u(w, "table_capacity", mk->table_cap);
		jw_u(w, "growth_left", mk->growth_left);
	}
	jw_arr(w, "allocs");
	for (int i = 0; i < mk->nallocs; i++)
		json_alloc(w, &mk->allocs[i]);
	jw_end_arr(w);
	jw_u(w, "bytes", mk->bytes);
	jw_u(w, "mallocs", mk->mallocs);
	jw_s(w, "escape", mk->stack ? "stack" : "heap");
	if (mk->stack) {
		jw_b(w, "stack_storage", mk->stack_storage);
		jw_u(w, "stack_bytes", mk->stack_bytes);
	}
	jw_end_obj(w);
}

static void json_grow(json_w *w, const map_result *r)
{
	const gg_maptype *m = &r->m;
	jw_obj(w, "grow");
	jw_i(w, "n", r->g.n);
	jw_i(w, "exact_until", r->g.exact_until);
	jw_arr(w, "steps");
	for (size_t i = 0; i < r->n; i++) {
		const gg_mapstep *s = &r->steps[i];
		jw_obj(w, NULL);
		jw_i(w, "count", s->count);
		jw_s(w, "event", gg_mapevent_name(s->ev));
		if (m->impl == GG_MAP_CLASSIC) {
			jw_i(w, "B", s->B);
			jw_u(w, "buckets", s->nbuckets);
		} else {
			jw_u(w, "dirlen", s->dirlen);
			jw_u(w, "tables", s->tables);
			jw_u(w, "capacity", s->capacity);
		}
		jw_arr(w, "allocs");
		for (int k = 0; k < s->nallocs; k++)
			json_alloc(w, &s->allocs[k]);
		jw_end_arr(w);
		jw_u(w, "alloc", s->alloc);
		jw_u(w, "before", s->before);
		jw_u(w, "during", s->during);
		jw_u(w, "after", s->after);
		jw_u(w, "total", s->total);
		jw_end_obj(w);
	}
	jw_end_arr(w);
	jw_end_obj(w);
}

/* What every seeded simulation says of its runs: never exact, how many, from
 * which seed, of how many keys. */
static void json_runs(json_w *w, int runs, uint64_t seed, int64_t n)
{
	jw_b(w, "exact", 0);
	jw_i(w, "runs", runs);
	jw_u(w, "seed", seed);
	jw_i(w, "n", n);
}

/* --sim: the seeded runs of inserts. */
static void json_seeded(json_w *w, const map_result *r)
{
	const gg_maptype *m = &r->m;
	if (m->impl == GG_MAP_CLASSIC) {
		const gg_classic_seeded_runs *s = &r->csim;
		jw_obj(w, "simulation");
		jw_s(w, "hash", out_hash_assumption_json);
		json_runs(w, s->runs, s->seed, s->n);
		jw_dist(w, "B", &s->B);
		jw_dist(w, "overflow_buckets", &s->overflow);
		jw_dist(w, "overflow_buckets_allocated", &s->newoverflow);
		jw_dist(w, "same_size_grows", &s->samesize);
		jw_dist(w, "last_grow_at", &s->lastgrow);
		jw_dist(w, "total", &s->total);
		jw_end_obj(w);
	} else {
		const gg_swiss_seeded_runs *s = &r->sim;
		jw_obj(w, "simulation");
		jw_s(w, "hash", out_hash_assumption_json);
		json_runs(w, s->runs, s->seed, s->n);
		jw_dist(w, "tables", &s->tables);
		jw_dist(w, "dirlen", &s->dirlen);
		jw_dist(w, "capacity", &s->capacity);
		jw_dist(w, "total", &s->total);
		jw_dist(w, "live", &s->live);
		if (s->split2_runs)
			jw_dist(w, "second_split_at", &s->split2);
		jw_i(w, "second_split_runs", s->split2_runs);
		jw_end_obj(w);
	}
}

/* --churn: the seeded runs of deletes and inserts. */
static void json_churn(json_w *w, const map_result *r)
{
	const gg_maptype *m = &r->m;
	if (m->impl == GG_MAP_SWISS) {
		const gg_mapchurn *s = &r->churn;
		jw_obj(w, "churn");
		jw_s(w, "hash", out_hash_assumption_json);
		json_runs(w, s->runs, s->seed, s->n);
		jw_i(w, "k", s->k);
		jw_dist(w, "tables", &s->tables);
		jw_dist(w, "dirlen", &s->dirlen);
		jw_dist(w, "capacity", &s->capacity);
		jw_dist(w, "tombstones", &s->tombstones);
		jw_dist(w, "total", &s->total);
		jw_dist(w, "live", &s->live);
		jw_dist(w, "rehashes", &s->rehashes);
		jw_dist(w, "prunes", &s->prunes);
		jw_end_obj(w);
	} else {
		const gg_classic_seeded_runs *s = &r->csim;
		jw_obj(w, "churn");
		jw_s(w, "hash", out_hash_assumption_json);
		jw_i(w, "B", r->churn_B);
		jw_b(w, "B_exact", 1);
		json_runs(w, s->runs, s->seed, s->n);
		jw_dist(w, "same_size_grows", &s->samesize);
		jw_dist(w, "overflow_buckets", &s->overflow);
		jw_dist(w, "overflow_buckets_allocated", &s->newoverflow);
		jw_dist(w, "total", &s->total);
		jw_end_obj(w);
	}
}

static void json_result(json_w *w, const map_result *r, int grow)
{
	char gb[16];
	jw_obj(w, NULL);
	jw_s(w, "go", cli_go_name(r->go, gb));
	jw_s(w, "arch", r->arch);
	if (r->st != GG_OK) {
		jw_s(w, "error", r->err.msg);
		jw_end_obj(w);
		return;
	}
	jw_s(w, "impl", impl_name(r->m.impl));
	json_layout(w, &r->m);
	json_make(w, &r->m, grow ? &r->g.make : &r->mk);
	if (r->m.impl == GG_MAP_SWISS)
		jw_u(w, "full_small_overwrite_bytes", r->small_overwrite);
	if (grow)
		json_grow(w, r);
	if (r->sim_st != GG_OK && (r->simulated || r->churned))
		jw_s(w, "simulation_error", r->sim_err.msg);
	else if (r->simulated)
		json_seeded(w, r);
	else if (r->churned)
		json_churn(w, r);
	jw_end_obj(w);
}

void map_write_json(const map_answer *m, out_sink *o)
{
	json_w w;
	jw_begin(&w, o);
	jw_obj(&w, NULL);
	jw_s(&w, "command", "map");
	jw_s(&w, "type", m->type);
	jw_i(&w, "hint", m->hint);
	if (m->grow)
		jw_i(&w, "grow", m->n);
	if (m->churn) {
		jw_i(&w, "churn_n", m->cn);
		jw_i(&w, "churn_k", m->ck);
	}
	jw_arr(&w, "results");
	for (int i = 0; i < m->nrs; i++)
		json_result(&w, &m->rs[i], m->grow);
	jw_end_arr(&w);
	jw_end_obj(&w);
	jw_finish(&w);
}
