/* gogrow grow: one target as a table of steps, several side by side (the
 * caps only), JSON with every step, and the SVG staircase. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/out/write.h"

static void print_single(const grow_series *s, cli_format fmt, out_sink *o)
{
	out_table tab;
	table_init(&tab);
	const char *heads[] = {"len", "cap", "factor", "bytes", "alloc", "class", "path"};
	for (int i = 0; i < 7; i++)
		table_col(&tab, heads[i], i < 6);
	int64_t prev = 0;
	for (size_t i = 0; i < s->n; i++) {
		const gg_grow *g = &s->steps[i];
		char a[24], b[24], f[24], by[24], al[24], cl[24];
		snprintf(a, sizeof a, "%lld", (long long)g->newlen);
		snprintf(b, sizeof b, "%lld", (long long)g->newcap);
		if (prev > 0)
			snprintf(f, sizeof f, "%.3f", (double)g->newcap / (double)prev);
		else
			snprintf(f, sizeof f, "-");
		snprintf(cl, sizeof cl, "%d", g->sizeclass);
		const char *path = gg_grow_path_name(g->path);
		if (s->final_move && i == s->n - 1)
			path = "move2heap";
		const char *cells[] = {
		    a, b, f, fmt_u64(by, g->capbytes), fmt_u64(al, g->alloc), g->sizeclass ? cl : "-", path};
		table_row(&tab, cells);
		prev = g->newcap;
	}
	if (fmt == FMT_TEXT)
		sink_printf(o, "%s/%s, element %llu bytes%s\n", cli_go_name(s->t.go, (char[16]){0}),
			    s->t.arch, (unsigned long long)s->e.size,
			    s->e.noscan ? ", noscan" : ", has pointers");
	table_print(&tab, fmt, o);
	table_free(&tab);
}

static void print_matrix(const grow_answer *a, cli_format fmt, out_sink *o)
{
	out_table tab;
	table_init(&tab);
	table_col(&tab, "step", 1);
	size_t rows = 0;
	const grow_series *ss = a->ss;
	for (int i = 0; i < a->nseries; i++) {
		char h[64], gb[16];
		snprintf(h, sizeof h, "%s/%s", cli_go_name(ss[i].t.go, gb), ss[i].t.arch);
		table_col(&tab, h, 1);
		if (ss[i].n > rows)
			rows = ss[i].n;
	}
	char(*cells)[24] = calloc((size_t)a->nseries + 1, 24);
	const char **ptrs = calloc((size_t)a->nseries + 1, sizeof *ptrs);
	if (!cells || !ptrs) {
		free(cells);
		free(ptrs);
		cli_error("out of memory");
		return;
	}
	for (size_t r = 0; r < rows; r++) {
		snprintf(cells[0], 24, "%zu", r + 1);
		ptrs[0] = cells[0];
		for (int i = 0; i < a->nseries; i++) {
			if (ss[i].t.st != GG_OK)
				snprintf(cells[i + 1], 24, r == 0 ? "error" : "");
			else if (r < ss[i].n)
				snprintf(cells[i + 1], 24, "%lld%s", (long long)ss[i].steps[r].newcap,
					 ss[i].final_move && r == ss[i].n - 1 ? "*" : "");
			else
				cells[i + 1][0] = 0;
			ptrs[i + 1] = cells[i + 1];
		}
		table_row(&tab, ptrs);
	}
	table_print(&tab, fmt, o);
	if (fmt == FMT_TEXT)
		for (int i = 0; i < a->nseries; i++)
			if (ss[i].final_move) {
				sink_puts(
				    o, "* the cap after the slice is moved to the heap at its escape point "
				       "(1.26+)\n");
				break;
			}
	table_free(&tab);
	free(cells);
	free(ptrs);
}

static void print_json(const grow_answer *a, out_sink *o)
{
	json_w w;
	jw_begin(&w, o);
	const grow_series *ss = a->ss;
	jw_obj(&w, NULL);
	jw_s(&w, "command", "grow");
	jw_s(&w, "type", a->type);
	jw_i(&w, "n", a->shown_n);
	jw_arr(&w, "results");
	for (int i = 0; i < a->nseries; i++) {
		char gb[16];
		jw_obj(&w, NULL);
		jw_s(&w, "go", cli_go_name(ss[i].t.go, gb));
		jw_s(&w, "arch", ss[i].t.arch);
		if (ss[i].t.st != GG_OK) {
			jw_s(&w, "error", ss[i].t.msg);
			jw_end_obj(&w);
			continue;
		}
		jw_u(&w, "elem_size", ss[i].e.size);
		jw_b(&w, "noscan", ss[i].e.noscan);
		jw_arr(&w, "steps");
		for (size_t k = 0; k < ss[i].n; k++) {
			const gg_grow *g = &ss[i].steps[k];
			jw_obj(&w, NULL);
			jw_i(&w, "len", g->newlen);
			jw_i(&w, "cap", g->newcap);
			jw_u(&w, "bytes", g->capbytes);
			jw_u(&w, "alloc", g->alloc);
			jw_i(&w, "class", g->sizeclass);
			jw_s(&w, "path",
			     ss[i].final_move && k == ss[i].n - 1 ? "move2heap" : gg_grow_path_name(g->path));
			jw_end_obj(&w);
		}
		jw_end_arr(&w);
		jw_end_obj(&w);
	}
	jw_end_arr(&w);
	jw_end_obj(&w);
	jw_finish(&w);
}

/* cap against len, one staircase per target. */
int grow_write_svg(const grow_answer *a, const char *path)
{
	const grow_series *ss = a->ss;
	svg_series *sv = calloc((size_t)a->nseries, sizeof *sv);
	char(*names)[64] = calloc((size_t)a->nseries, 64);
	double **xs = calloc((size_t)a->nseries, sizeof *xs), **ys = calloc((size_t)a->nseries, sizeof *ys);
	int ok = sv && names && xs && ys;
	size_t ns = 0;
	for (int i = 0; ok && i < a->nseries; i++) {
		if (ss[i].t.st != GG_OK || ss[i].n == 0)
			continue;
		xs[ns] = malloc(ss[i].n * sizeof(double));
		ys[ns] = malloc(ss[i].n * sizeof(double));
		if (!xs[ns] || !ys[ns]) {
			ok = 0;
			break;
		}
		for (size_t k = 0; k < ss[i].n; k++) {
			xs[ns][k] = (double)ss[i].steps[k].newlen;
			ys[ns][k] = (double)ss[i].steps[k].newcap;
		}
		char gb[16];
		snprintf(names[ns], 64, "%s/%s", cli_go_name(ss[i].t.go, gb), ss[i].t.arch);
		sv[ns] = (svg_series){names[ns], xs[ns], ys[ns], ss[i].n, 1};
		ns++;
	}
	char title[256];
	snprintf(title, sizeof title, "cap(s) while appending to %s", a->type);
	if (ok)
		ok = svg_plot(path, title, "len(s)", "cap(s)", sv, ns, 1, 1);
	else
		cli_error("out of memory");
	for (int i = 0; xs && ys && i < a->nseries; i++) {
		free(xs[i]);
		free(ys[i]);
	}
	free(xs);
	free(ys);
	free(sv);
	free(names);
	return ok;
}

void grow_write(const grow_answer *a, cli_format fmt, out_sink *o)
{
	if (fmt == FMT_JSON)
		print_json(a, o);
	else if (a->nseries == 1) {
		if (a->ss[0].t.st == GG_OK)
			print_single(&a->ss[0], fmt, o);
	} else
		print_matrix(a, fmt, o);
}
