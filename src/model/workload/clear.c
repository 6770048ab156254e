/* clear(m) and clear(s), Go 1.21+.
 *
 * A map keeps its storage: runtime.mapclear empties the buckets in place
 * (classic, runtime/map.go mapclear: same B, the old buckets of a grow and
 * the overflow buckets dropped) or each table and the small group (Swiss,
 * internal/runtime/maps Map.Clear, 1.24-1.27, which leaves the directory at
 * its size; Go's source notes shrinking it as a possible change, not made).
 * So it refills without growing up to the most keys it held, which is how
 * the runner already counts growth (by the high-water mark). What the map
 * referenced becomes garbage: key and elem objects over 128 bytes, the
 * slices in its values. Both return at once for an empty map.
 *
 * A slice is zeroed in place (memclr): nothing is allocated, and for a
 * slice of slices every row becomes nil, its array garbage. */
#include "model/workload/workload_internal.h"

static int clear_map(runner *x, const stmt *s, int var)
{
	rvar *v = &x->rv[var];
	gg_workload_var *vi = &x->r->vars[var];
	if (v->count == 0)
		return 1;
	uint64_t freed = 0;
	if (v->evac_left > 0) { /* classic: the grow's old buckets are dropped */
		vi->evac_ops += x->r->ops - v->evac_start + 1;
		freed += v->evac_bytes;
		v->bytes -= v->evac_bytes;
		v->evac_bytes = 0;
		v->evac_left = 0;
	}
	uint64_t eb = gg_map_entry_bytes(&v->mt) * (uint64_t)v->count;
	v->bytes -= eb;
	freed += eb + ggi_wl_tab_drop(x, var);
	x->keys -= v->count;
	v->count = 0;
	vi->clears++;
	return ggi_wl_emit(x, s, var, 0, 0, GG_WORKLOAD_EV_FREE, "clear", 0, 0, 0, freed, 0);
}

int ggi_wl_clear(runner *x, const stmt *s)
{
	const pvar *pv = &x->p->vars[s->var];
	rvar *v = &x->rv[s->var];
	if (x->t.go < 21) /* the builtin came with go1.21 */
		return ggi_wl_diag(x->d, s->line, s->col, GG_ERR_RELEASE,
				   "clear needs go1.21 or later (the target is go1.%d)", x->t.go);
	if (pv->is_map)
		return clear_map(x, s, s->var);
	if (!pv->entry_slices || v->count == 0)
		return 1;
	uint64_t freed = ggi_wl_tab_drop(x, s->var);
	x->keys -= v->count;
	v->count = 0;
	return ggi_wl_emit(x, s, s->var, 0, 0, GG_WORKLOAD_EV_FREE, "clear", 0, 0, 0, freed, 0);
}
