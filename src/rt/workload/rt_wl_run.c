/* The runtime executor of workload scripts: the model's program walked
 * statement by statement on real slices and maps over a fresh gogrow heap,
 * the heap's MemStats read after every operation and charged to its
 * statement (rt_workload.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt/workload/rt_wl_internal.h"

int ggi_rt_wl_fail(ggi_rt_wl *x, const stmt *s, gg_status st, const gg_error *err)
{
	if (st == GG_ERR_NOMEM)
		return ggi_wl_diag(x->d, s->line, s->col, st,
				   "out of memory: the run passed the runtime heap's limit of %llu MiB",
				   (unsigned long long)(GG_RT_WORKLOAD_HEAP_LIMIT >> 20));
	return ggi_wl_diag(x->d, s->line, s->col, st, "%s", err->msg);
}

int ggi_rt_wl_oom(ggi_rt_wl *x, const stmt *s)
{
	return ggi_rt_wl_fail(x, s, GG_ERR_NOMEM, NULL);
}

void ggi_rt_wl_not_comparable(ggi_rt_wl *x, const stmt *s, const char *why)
{
	gg_rt_workload_result *r = x->r;
	r->sites[s->site].comparable = 0;
	r->comparable = 0;
	if (strstr(r->note, why))
		return;
	size_t n = strlen(r->note);
	snprintf(r->note + n, sizeof r->note - n, "%sline %d: %s", n ? "; " : "", s->line, why);
}

gg_rt_slice *ggi_rt_wl_slice_new(ggi_rt_wl *x, const ggi_rt_wl_var *v)
{
	(void)x;
	gg_rt_slice *s = malloc(sizeof *s);
	gg_error err;
	if (s && gg_rt_slice_init(s, &v->rc, &err) != GG_OK) {
		free(s);
		return NULL;
	}
	return s;
}

void ggi_rt_wl_slice_drop(gg_rt_slice *s)
{
	if (!s)
		return;
	gg_rt_slice_free(s);
	free(s);
}

static void drop_rows(ggi_rt_wl_var *v)
{
	for (int64_t i = 0; i < v->nrows; i++) {
		ggi_rt_wl_slice_drop(v->rows[i]);
		v->rows[i] = NULL;
	}
}

/* The rows array follows len(rows): new rows are nil. */
static int fit_rows(ggi_rt_wl_var *v)
{
	if (!v->entry_slices || v->s.len <= v->nrows)
		return 1;
	gg_rt_slice **n = realloc(v->rows, (size_t)v->s.len * sizeof *n);
	if (!n)
		return 0;
	memset(n + v->nrows, 0, (size_t)(v->s.len - v->nrows) * sizeof *n);
	v->rows = n;
	v->nrows = v->s.len;
	return 1;
}

/* A local make: the array on the frame when the compiler puts it on the
 * stack (the model's rule), the 32-byte buffer for an empty one until it
 * has served once (one activation, as the model reads it). */
static gg_status local_make(ggi_rt_wl *x, ggi_rt_wl_var *v, int64_t len, int64_t cap, gg_rt_slice *ns,
			    gg_error *err)
{
	gg_elem e = {v->sc.elem.size, v->sc.elem.noscan};
	int stack = ggi_wl_local_on_stack(e, cap);
	(void)x;
	if (stack && cap == 0 && !v->buf_used)
		return gg_rt_slice_init_buf(ns, &v->sc, v->buf, sizeof v->buf, err);
	v->frame.on_stack = stack;
	gg_status st = gg_rt_slice_make(ns, &v->sc, len, cap, err);
	v->frame.on_stack = 0;
	return st;
}

/* s = make([]T, len, cap): the new array, then the old one (and rows) go. */
static int slice_make(ggi_rt_wl *x, const stmt *s, int64_t len, int64_t cap)
{
	ggi_rt_wl_var *v = &x->v[s->var];
	gg_rt_slice ns;
	gg_error err = {0};
	gg_status st = x->p->vars[s->var].local ? local_make(x, v, len, cap, &ns, &err)
						: gg_rt_slice_make(&ns, &v->sc, len, cap, &err);
	if (st != GG_OK)
		return ggi_rt_wl_fail(x, s, st, &err);
	if (v->made)
		gg_rt_slice_free(&v->s);
	drop_rows(v);
	v->nrows = 0;
	v->s = ns;
	v->made = 1;
	return fit_rows(v) ? 1 : ggi_rt_wl_oom(x, s);
}

static int slice_append(ggi_rt_wl *x, const stmt *s, int64_t n)
{
	ggi_rt_wl_var *v = &x->v[s->var];
	gg_error err = {0};
	gg_status st = gg_rt_slice_append_n(&v->s, NULL, n, &err);
	if (st != GG_OK)
		return ggi_rt_wl_fail(x, s, st, &err);
	if (v->s.buf && v->s.data == v->s.buf)
		v->buf_used = 1;
	return fit_rows(v) ? 1 : ggi_rt_wl_oom(x, s);
}

/* append rows[k] n, set rows[k] (= nil). */
static int row_entry(ggi_rt_wl *x, const stmt *s, int64_t k, int64_t n)
{
	ggi_rt_wl_var *v = &x->v[s->var];
	if (k < 0 || k >= v->s.len)
		return ggi_wl_diag(x->d, s->line, s->tcol, GG_ERR_PANIC,
				   "panic: runtime error: index out of range [%lld] with length %lld",
				   (long long)k, (long long)v->s.len);
	if (s->k == S_SET) {
		ggi_rt_wl_slice_drop(v->rows[k]);
		v->rows[k] = NULL;
		return 1;
	}
	if (!v->rows[k] && !(v->rows[k] = ggi_rt_wl_slice_new(x, v)))
		return ggi_rt_wl_oom(x, s);
	gg_error err = {0};
	gg_status st = gg_rt_slice_append_n(v->rows[k], NULL, n, &err);
	return st == GG_OK ? 1 : ggi_rt_wl_fail(x, s, st, &err);
}

static int not_made(ggi_rt_wl *x, const stmt *s, int var)
{
	return ggi_wl_diag(x->d, s->line, s->col, GG_ERR_RANGE, "%s is used before its make runs",
			   x->p->vars[var].name);
}

static int do_make(ggi_rt_wl *x, const stmt *s, const evalctx *ec)
{
	int64_t n, cap;
	if (!ggi_wl_eval_make(ec, s, &n, &cap))
		return 0;
	if (x->p->vars[s->var].is_map)
		return ggi_rt_wl_map_make(x, s, n);
	return slice_make(x, s, n, cap);
}

static int do_clear(ggi_rt_wl *x, const stmt *s)
{
	if (x->p->vars[s->var].is_map)
		return ggi_rt_wl_map_clear(x, s);
	if (x->t.go < 21)
		return ggi_wl_diag(x->d, s->line, s->col, GG_ERR_RELEASE,
				   "clear needs go1.21 or later (the target is go1.%d)", x->t.go);
	drop_rows(&x->v[s->var]); /* a plain slice is zeroed in place */
	return 1;
}

/* One operation (not a repeat). */
static int op(ggi_rt_wl *x, const stmt *s, const evalctx *ec)
{
	if (s->k == S_MAKE)
		return do_make(x, s, ec);
	if (s->k == S_CLONE)
		return x->v[s->src].made ? ggi_rt_wl_map_clone(x, s) : not_made(x, s, s->src);
	if (!x->v[s->var].made)
		return not_made(x, s, s->var);
	if (s->k == S_CLEAR)
		return do_clear(x, s);
	int64_t n = 1, key = 0;
	if (s->key >= 0 && !ggi_wl_eval(ec, s->key, &key))
		return 0;
	if (s->n >= 0 && !ggi_wl_eval(ec, s->n, &n))
		return 0;
	if (n < 0)
		return ggi_wl_diag(x->d, s->line, s->col, GG_ERR_RANGE, "cannot append %lld elements",
				   (long long)n);
	if (s->key >= 0)
		return x->p->vars[s->var].is_map ? ggi_rt_wl_map_entry(x, s, key, n)
						 : row_entry(x, s, key, n);
	return slice_append(x, s, n);
}

/* Charges the heap's deltas since the last read to the statement's site. */
static void account(ggi_rt_wl *x, const stmt *s, uint64_t *total, uint64_t *mallocs)
{
	gg_rt_heap_stats st;
	gg_rt_heap_stats_read(x->m.h, &st);
	gg_rt_workload_site *site = &x->r->sites[s->site];
	site->bytes += st.TotalAlloc - *total;
	site->mallocs += st.Mallocs - *mallocs;
	*total = st.TotalAlloc;
	*mallocs = st.Mallocs;
}

/* A statement on a variable the runtime cannot run as Go does. */
static void flag(ggi_rt_wl *x, const stmt *s)
{
	const ggi_rt_wl_var *v = &x->v[s->var];
	const char *why = v->why ? v->why : v->copied;
	if (!why && s->k == S_CLONE)
		why = x->v[s->src].why ? x->v[s->src].why : x->v[s->src].copied;
	if (why)
		ggi_rt_wl_not_comparable(x, s, why);
}

static int exec(ggi_rt_wl *x, int from, int to, uint64_t *total, uint64_t *mallocs)
{
	const gg_workload *p = x->p;
	for (int k = from; k < to; k++) {
		const stmt *s = &p->s[k];
		if (s->k == S_REPEAT) {
			x->depth++;
			for (int64_t i = 0; i < s->count; i++) {
				x->loopi[x->depth - 1] = i;
				if (!exec(x, k + 1, s->end, total, mallocs))
					return 0;
			}
			x->depth--;
			k = s->end;
			continue;
		}
		evalctx ec = {p, x->loopi, x->depth, x->d};
		x->r->ops++;
		int ok = op(x, s, &ec);
		account(x, s, total, mallocs);
		flag(x, s);
		if (!ok)
			return 0;
	}
	return 1;
}

static gg_status elem_config(const gg_target *t, const gg_type *ty, gg_rt_slice_config *c, gg_error *err)
{
	gg_layout l;
	gg_status st = gg_layout_of(t, ty, &l, err);
	if (st != GG_OK)
		return st;
	c->elem = (gg_rt_elemtype){(size_t)l.size, (size_t)l.align, l.ptrdata == 0};
	c->go = t->go;
	c->esc = GG_ESC_STACK; /* used by init_buf only */
	return GG_OK;
}

/* Lays out every variable's types for the host, as the model does for
 * the target. */
static int bind(ggi_rt_wl *x)
{
	for (int i = 0; i < x->p->nvars; i++) {
		const pvar *pv = &x->p->vars[i];
		ggi_rt_wl_var *v = &x->v[i];
		const gg_type *t = gg_typeexpr_root(pv->te);
		gg_error err = {0};
		gg_status st = GG_OK;
		v->entry_slices = pv->entry_slices;
		ggi_rt_wl_frame_init(&v->frame, &x->m);
		if (pv->is_map && !ggi_rt_wl_map_bind(x, i, t))
			return 0;
		if (!pv->is_map) {
			st = elem_config(&x->t, t->elem, &v->sc, &err);
			v->sc.alloc = pv->local ? &v->frame.a : &x->m.a;
		}
		if (st == GG_OK && pv->entry_slices) {
			st = elem_config(&x->t, t->elem->elem, &v->rc, &err);
			v->rc.alloc = &x->m.a;
		}
		if (st != GG_OK)
			return ggi_wl_diag(x->d, pv->line, pv->type_col, st, "%s", err.msg);
	}
	return 1;
}

static void free_vars(ggi_rt_wl *x)
{
	for (int i = 0; i < x->p->nvars; i++) {
		ggi_rt_wl_var *v = &x->v[i];
		drop_rows(v);
		free(v->rows);
		if (v->made && !x->p->vars[i].is_map)
			gg_rt_slice_free(&v->s);
		ggi_rt_wl_map_free(v);
		ggi_rt_wl_frame_done(&v->frame);
	}
	free(x->v);
}

/* Sites, each with the variables its statements work on. */
static int make_sites(ggi_rt_wl *x)
{
	const gg_workload *p = x->p;
	gg_rt_workload_result *r = x->r;
	r->sites = calloc((size_t)(p->nsites ? p->nsites : 1), sizeof *r->sites);
	if (!r->sites)
		return 0;
	r->nsites = p->nsites;
	for (int i = 0; i < p->nsites; i++)
		r->sites[i] = (gg_rt_workload_site){p->sites[i].line, 0, 0, -1, -1, 1};
	for (int k = 0; k < p->ns; k++) {
		const stmt *s = &p->s[k];
		if (s->k == S_REPEAT || s->k == S_END)
			continue;
		r->sites[s->site].var = s->var;
		r->sites[s->site].src = s->k == S_CLONE ? s->src : -1;
	}
	return 1;
}

static int start(ggi_rt_wl *x, gg_rt_heap **h)
{
	const char *host = gg_rt_host_arch();
	if (!host || strcmp(host, x->t.arch->name) != 0)
		return ggi_wl_diag(x->d, 0, 0, GG_ERR_ARCH,
				   "the runtime runs on this host's GOARCH (%s) only, not %s",
				   host ? host : "unknown", x->t.arch->name);
	gg_rt_heap_config cfg = {.go = x->t.go, .limit = GG_RT_WORKLOAD_HEAP_LIMIT, .scavenge_ns = -1};
	gg_error err = {0};
	gg_status st = gg_rt_heap_create(&cfg, h, &err);
	if (st != GG_OK)
		return ggi_wl_diag(x->d, 0, 0, st, "%s", err.msg);
	ggi_rt_wl_meter_init(&x->m, *h);
	x->v = calloc((size_t)(x->p->nvars ? x->p->nvars : 1), sizeof *x->v);
	if (!x->v || !make_sites(x))
		return ggi_wl_diag(x->d, 0, 0, GG_ERR_NOMEM, "out of memory");
	return 1;
}

gg_status gg_rt_workload_run(const gg_target *t, const gg_workload *p, gg_mapexp noswissmap, uint64_t seed,
			     gg_rt_workload_result *r, gg_workload_diag *d)
{
	memset(r, 0, sizeof *r);
	memset(d, 0, sizeof *d);
	r->t = *t;
	r->comparable = 1;
	ggi_rt_wl x = {.p = p, .t = *t, .noswiss = noswissmap, .seed = seed, .r = r, .d = d};
	gg_rt_heap *h = NULL;
	int ok = start(&x, &h);
	if (ok && bind(&x)) {
		uint64_t total = 0, mallocs = 0;
		ok = exec(&x, 0, p->ns, &total, &mallocs);
		gg_rt_heap_stats st;
		gg_rt_heap_flush(h); /* lets go of the tiny block being filled */
		gg_rt_heap_stats_read(h, &st);
		r->tiny_allocs = st.TinyAllocs;
		r->peak_comparable = r->comparable && st.TinyAllocs == 0;
		r->total_alloc = st.TotalAlloc;
		r->mallocs = st.Mallocs;
		r->final_live = st.HeapAlloc;
		r->peak = x.m.peak;
	} else
		ok = 0;
	r->stand_ins = x.m.stand_ins;
	if (x.v)
		free_vars(&x);
	if (h)
		gg_rt_heap_destroy(h);
	return ok ? GG_OK : d->code;
}

void gg_rt_workload_result_free(gg_rt_workload_result *r)
{
	free(r->sites);
	memset(r, 0, sizeof *r);
}
