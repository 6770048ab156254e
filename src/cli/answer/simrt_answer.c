/* gogrow simulate --runtime: one script run twice, on the model
 * (gg_workload_run) and on the runtime over a gogrow heap
 * (gg_rt_workload_run), the figures paired row by row. A figure is checked
 * where the model calls it exact (no note on the variables it involves)
 * and the runtime allocates it as Go does; the writers mark the rest.
 * Left out of the browser build (src/web/web_stubs.c): the runtime is not
 * compiled to WebAssembly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/answer/answer.h"
#include "gogrow/rt_alloc.h"
#include "gogrow/rt_workload.h"

static int var_exact(const gg_workload_result *m, int var)
{
	return var < 0 || m->vars[var].note[0] == 0;
}

static simrt_fig fig(uint64_t model, uint64_t runtime, int exact, int comparable)
{
	return (simrt_fig){model, runtime, exact, comparable};
}

static void count(simrt_answer *a, const simrt_fig *f)
{
	a->checked += f->exact && f->comparable;
	a->differ += SIMRT_DIFFERS(*f);
}

/* Appends the parts to a NUL-terminated buffer of `cap` bytes, cut short
 * where it is full. */
static void append(char *dst, size_t cap, const char *const *parts, int n)
{
	size_t len = strlen(dst);
	for (int i = 0; i < n && len + 1 < cap; i++) {
		size_t k = strlen(parts[i]);
		if (k > cap - 1 - len)
			k = cap - 1 - len;
		memcpy(dst + len, parts[i], k);
		len += k;
		dst[len] = 0;
	}
}

/* The model's notes, one per variable that has one. */
static void model_notes(simrt_answer *a, const gg_workload_result *m)
{
	for (int i = 0; i < m->nvars; i++)
		if (m->vars[i].note[0]) {
			const char *parts[] = {a->model_note[0] ? "; " : "", m->vars[i].name, ": ",
					       m->vars[i].note};
			append(a->model_note, sizeof a->model_note, parts, 4);
		}
}

static void fill(simrt_answer *a, const gg_workload_result *m, const gg_rt_workload_result *r)
{
	for (int i = 0; i < a->nrows; i++) {
		const gg_rt_workload_site *rs = &r->sites[i];
		int exact = var_exact(m, rs->var) && var_exact(m, rs->src);
		simrt_row *row = &a->rows[i];
		row->line = m->sites[i].line;
		row->text = m->sites[i].text;
		row->bytes = fig(m->sites[i].bytes, rs->bytes, exact, rs->comparable);
		row->objects = fig(m->sites[i].allocs, rs->mallocs, exact, rs->comparable);
		count(a, &row->bytes);
		count(a, &row->objects);
	}
	int exact = !m->inexact;
	a->total = fig(m->total_alloc, r->total_alloc, exact, r->comparable);
	a->objects = fig(m->allocs, r->mallocs, exact, r->comparable);
	a->peak = fig(m->peak, r->peak, exact, r->peak_comparable);
	a->final_live = fig(m->final_live, r->final_live, exact, r->comparable);
	count(a, &a->total);
	count(a, &a->objects);
	count(a, &a->peak);
	count(a, &a->final_live);
	a->ops = r->ops;
	a->stand_ins = r->stand_ins;
	a->tiny_allocs = r->tiny_allocs;
	model_notes(a, m);
	snprintf(a->runtime_note, sizeof a->runtime_note, "%s", r->note);
}

gg_status simrt_answer_build(simrt_answer *a, const gg_workload *p, const gg_target *t, gg_mapexp noswiss,
			     uint64_t seed, gg_workload_diag *d)
{
	memset(a, 0, sizeof *a);
	a->go = t->go;
	a->arch = t->arch->name;
	gg_error err = {0};
	if (gg_map_impl(t->go, noswiss, &a->maps, &err) != GG_OK)
		a->maps = GG_MAP_SWISS; /* a script without maps runs anyway */
	gg_workload_limits lim;
	gg_workload_default_limits(&lim);
	gg_workload_result m;
	gg_rt_workload_result r;
	gg_status st = gg_workload_run(t, p, noswiss, &lim, &m, d);
	if (st == GG_OK)
		st = gg_rt_workload_run(t, p, noswiss, seed, &r, d);
	else
		memset(&r, 0, sizeof r);
	if (st == GG_OK) {
		a->nrows = m.nsites;
		a->rows = calloc((size_t)(a->nrows ? a->nrows : 1), sizeof *a->rows);
		if (a->rows) {
			fill(a, &m, &r);
		} else {
			st = d->code = GG_ERR_NOMEM;
			snprintf(d->msg, sizeof d->msg, "out of memory");
		}
	}
	gg_rt_workload_result_free(&r);
	gg_workload_result_free(&m);
	return st;
}

void simrt_answer_free(simrt_answer *a)
{
	free(a->rows);
	a->rows = NULL;
}

const char *simrt_host_arch(void)
{
	return gg_rt_host_arch();
}
