/* Slices of slices: `rows = make([][]T, n)`, then `append rows[k] N` grows
 * row k (rows[k] = append(rows[k], ...)) and `set rows[k]` makes it nil.
 *
 * The outer slice holds only the rows' headers: growing it (append rows N,
 * growslice of the headers) copies them, so every row keeps its array.
 * Rows live in the variable's entry table keyed by index, like the slices
 * of a map of slices; v->count is how many rows are in it. */
#include "model/workload/workload_internal.h"

/* rows[k] for a k outside [0, len(rows)) panics as Go's bounds check does
 * (runtime.goPanicIndex). */
static int index_ok(runner *x, const stmt *s, const rvar *v, int64_t k)
{
	if (k >= 0 && k < v->len)
		return 1;
	return ggi_wl_diag(x->d, s->line, s->tcol, GG_ERR_PANIC,
			   "panic: runtime error: index out of range [%lld] with length %lld", (long long)k,
			   (long long)v->len);
}

/* set rows[k]: rows[k] = nil, its array becomes garbage. */
static int row_nil(runner *x, const stmt *s, int var, entry *e)
{
	rvar *v = &x->rv[var];
	gg_workload_var *vi = &x->r->vars[var];
	if (!e)
		return 1;
	int64_t key = e->key, cap = e->cap;
	uint64_t f = cap > 0 ? ggi_wl_arr_free(x, var, 1, &e->a) : 0;
	e->state = 2;
	v->count--;
	x->keys--;
	if (cap <= 0)
		return 1;
	vi->e_slices--;
	return ggi_wl_emit(x, s, var, 1, key, GG_WORKLOAD_EV_FREE, "free", cap, 0, 0, f, 0);
}

int ggi_wl_row_entry(runner *x, const stmt *s, const evalctx *ec)
{
	int64_t k, n;
	if (!ggi_wl_eval_key_n(ec, s, &k, &n))
		return 0;
	rvar *v = &x->rv[s->var];
	gg_workload_var *vi = &x->r->vars[s->var];
	if (!index_ok(x, s, v, k))
		return 0;
	entry *e = ggi_wl_tab_find(v, k);
	if (s->k == S_SET)
		return row_nil(x, s, s->var, e);
	entry tmp = e ? *e : (entry){k, 0, 0, NO_ARR, 1};
	int64_t before = tmp.cap;
	if (!ggi_wl_slice_append(x, s, s->var, 1, k, &tmp.len, &tmp.cap, &tmp.a, n))
		return 0;
	if (!before && tmp.cap)
		vi->e_slices++;
	if (!e) {
		/* Rows count against the live-keys limit, which bounds the table. */
		if (x->keys >= x->lim->max_keys)
			return ggi_wl_diag(x->d, s->line, s->col, GG_ERR_RANGE,
					   "more than %lld live map keys and rows (the limit)",
					   (long long)x->lim->max_keys);
		if (!(e = ggi_wl_tab_insert(v, k)))
			return ggi_wl_oom(x, s);
		x->keys++;
		v->count++;
	}
	*e = tmp;
	return 1;
}
