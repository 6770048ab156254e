/* Slices that do not escape: `local s = make([]T, len, cap)`.
 *
 * make: a constant size of at most 64 KiB worth of elements puts the
 * backing array on the stack in every release (cmd/compile/internal/escape
 * utils.go HeapAllocReason: ir.MaxImplicitStackVarSize / elem size); a
 * larger one, or zero-size elements, go to the heap through makeslice.
 * (Sizes that use a counter are refused by the parser: 1.25+ would pick a
 * 32-byte stack buffer or makeslice at run time, walkMakeSlice, which is
 * not modelled here.)
 *
 * append: growth leaves the stack through growslice, except the 1.25+
 * stack buffer for the first append to an empty slice, which the model's
 * gg_slice_append (GG_ESC_STACK) knows. A script is one function
 * activation: the buffer is used at most once per variable over the run,
 * however often the variable is made again (real go1.25: 100 iterations
 * of make([]int, 0) and 10 appends save 3 objects, not 300). */
#include "model/workload/workload_internal.h"

#define MAX_STACK_VAR_BYTES 65536 /* ir.MaxImplicitStackVarSize */

int ggi_wl_local_on_stack(gg_elem e, int64_t cap)
{
	return e.size > 0 && cap >= 0 && (uint64_t)cap <= MAX_STACK_VAR_BYTES / e.size;
}

int ggi_wl_local_make(runner *x, const stmt *s, int64_t len, int64_t cap)
{
	rvar *v = &x->rv[s->var];
	uint64_t alloc = 0, counted = 0, objs = 0;
	gg_error err = {0};
	gg_status st = gg_makeslice(&x->t, v->e, len, cap, &alloc, &err);
	if (st != GG_OK)
		return ggi_wl_diag(x->d, s->line, s->col, st, "%s", err.msg);
	int stack = ggi_wl_local_on_stack(v->e, cap);
	arr na = NO_ARR;
	if (!stack) {
		objs = alloc != 0;
		if (!ggi_wl_arr_new(x, s->var, 0, (uint64_t)cap * v->e.size, v->e.noscan, alloc, &na,
				    &counted))
			return ggi_wl_oom(x, s);
	}
	uint64_t freed = ggi_wl_arr_free(x, s->var, 0, &v->a);
	int used = v->made && v->ss.buf_used;
	gg_slice_start(&v->ss, &x->t, v->e, GG_ESC_STACK, len, cap);
	v->ss.buf_used = used;
	return ggi_wl_slice_made(x, s, na, len, cap, counted, freed, objs, stack ? "make-stack" : "make");
}

int ggi_wl_local_append(runner *x, const stmt *s, int64_t n)
{
	rvar *v = &x->rv[s->var];
	gg_slicestate probe = v->ss;
	gg_grow g;
	gg_error err = {0};
	if (n < 0 || gg_slice_append(&probe, n, &g, &err) != GG_OK || g.path == GG_PATH_HEAP ||
	    g.path == GG_PATH_NONE || g.path == GG_PATH_ZEROSIZE) {
		/* Heap growth (and its errors) as for any slice. */
		if (!ggi_wl_slice_append(x, s, s->var, 0, 0, &v->len, &v->cap, &v->a, n))
			return 0;
		v->ss.len = v->len;
		v->ss.cap = v->cap;
		return 1;
	}
	/* Into the compiler's stack buffer: nothing allocated. */
	uint64_t freed = ggi_wl_arr_free(x, s->var, 0, &v->a);
	int64_t oldcap = v->cap;
	v->ss = probe;
	v->len = probe.len;
	v->cap = probe.cap;
	x->r->growslices++;
	x->r->vars[s->var].grows++;
	return ggi_wl_emit(x, s, s->var, 0, 0, GG_WORKLOAD_EV_GROW, gg_grow_path_name(g.path), oldcap, v->cap,
			   0, freed, 0);
}
