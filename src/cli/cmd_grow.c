/* gogrow grow '[]T': every capacity a slice goes through while appending
 * one element at a time, for one or several targets side by side. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "gogrow/conform.h"
#include "cli/output.h"

typedef struct series {
	gg_grow *steps;
	size_t n, cap;
	int final_move; /* the last step is the escape point's move to the heap */
	int oom;
	gg_status st;
	gg_error err;
	gg_elem e;
} series;

static void collect(void *ctx, const gg_grow *g, int final)
{
	series *s = ctx;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		gg_grow *n = realloc(s->steps, cap * sizeof *n);
		if (!n) {
			s->oom = 1;
			return;
		}
		s->steps = n;
		s->cap = cap;
	}
	s->steps[s->n++] = *g;
	if (final)
		s->final_move = 1;
}

static void print_single(const series *s, const gg_target *tg, cli_format fmt)
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
		printf("%s/%s, element %llu bytes%s\n", cli_go_name(tg->go, (char[16]){0}), tg->arch->name,
		       (unsigned long long)s->e.size, s->e.noscan ? ", noscan" : ", has pointers");
	table_print(&tab, fmt, stdout);
	table_free(&tab);
}

static void print_matrix(series *ss, const cli_common *c)
{
	out_table tab;
	table_init(&tab);
	table_col(&tab, "step", 1);
	size_t rows = 0;
	for (int i = 0; i < c->ntargets; i++) {
		char h[64], gb[16];
		snprintf(h, sizeof h, "%s/%s", cli_go_name(c->targets[i].go, gb), c->targets[i].arch->name);
		table_col(&tab, h, 1);
		if (ss[i].n > rows)
			rows = ss[i].n;
	}
	char(*cells)[24] = calloc((size_t)c->ntargets + 1, 24);
	const char **ptrs = calloc((size_t)c->ntargets + 1, sizeof *ptrs);
	if (!cells || !ptrs) {
		free(cells);
		free(ptrs);
		cli_error("out of memory");
		return;
	}
	for (size_t r = 0; r < rows; r++) {
		snprintf(cells[0], 24, "%zu", r + 1);
		ptrs[0] = cells[0];
		for (int i = 0; i < c->ntargets; i++) {
			if (ss[i].st != GG_OK)
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
	table_print(&tab, c->fmt, stdout);
	if (c->fmt == FMT_TEXT)
		for (int i = 0; i < c->ntargets; i++)
			if (ss[i].final_move) {
				puts("* the cap after the slice is moved to the heap at its escape point "
				     "(1.26+)");
				break;
			}
	table_free(&tab);
	free(cells);
	free(ptrs);
}

static void print_json(series *ss, const cli_common *c, int64_t n)
{
	json_w w;
	jw_begin(&w, stdout);
	jw_obj(&w, NULL);
	jw_s(&w, "command", "grow");
	jw_s(&w, "type", c->pos[0]);
	jw_i(&w, "n", n);
	jw_arr(&w, "results");
	for (int i = 0; i < c->ntargets; i++) {
		char gb[16];
		jw_obj(&w, NULL);
		jw_s(&w, "go", cli_go_name(c->targets[i].go, gb));
		jw_s(&w, "arch", c->targets[i].arch->name);
		if (ss[i].st != GG_OK) {
			jw_s(&w, "error", ss[i].err.msg);
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
static int write_svg(const char *path, series *ss, const cli_common *c)
{
	svg_series *sv = calloc((size_t)c->ntargets, sizeof *sv);
	char(*names)[64] = calloc((size_t)c->ntargets, 64);
	double **xs = calloc((size_t)c->ntargets, sizeof *xs), **ys = calloc((size_t)c->ntargets, sizeof *ys);
	int ok = sv && names && xs && ys;
	size_t ns = 0;
	for (int i = 0; ok && i < c->ntargets; i++) {
		if (ss[i].st != GG_OK || ss[i].n == 0)
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
		snprintf(names[ns], 64, "%s/%s", cli_go_name(c->targets[i].go, gb), c->targets[i].arch->name);
		sv[ns] = (svg_series){names[ns], xs[ns], ys[ns], ss[i].n, 1};
		ns++;
	}
	char title[256];
	snprintf(title, sizeof title, "cap(s) while appending to %s", c->pos[0]);
	if (ok)
		ok = svg_plot(path, title, "len(s)", "cap(s)", sv, ns, 1, 1);
	else
		cli_error("out of memory");
	for (int i = 0; xs && ys && i < c->ntargets; i++) {
		free(xs[i]);
		free(ys[i]);
	}
	free(xs);
	free(ys);
	free(sv);
	free(names);
	return ok;
}

int cmd_grow(int argc, char **argv)
{
	cli_common c;
	int64_t n = -1;
	int has_n = 0;
	const char *svg = NULL;
	cli_opt extra[] = {
	    {"--n", OPT_INT, &n, &has_n}, {"--svg", OPT_STR, &svg, NULL}, {NULL, 0, NULL, NULL}};
	if (!cli_parse("grow", argc, argv, extra, &c))
		return cli_usage_error("grow");
	if (c.npos != 1) {
		cli_error("grow needs exactly one slice type, such as '[]int'");
		return cli_usage_error("grow");
	}
	if (has_n && n < 1) {
		cli_error("--n must be at least 1");
		return EXIT_USAGE;
	}
	if (!cli_targets(&c))
		return EXIT_USAGE;
	const gg_type *elem;
	gg_typeexpr *e = cli_slice_type(c.pos[0], &elem);
	if (!e)
		return EXIT_USAGE;
	series *ss = calloc((size_t)c.ntargets, sizeof *ss);
	if (!ss) {
		gg_typeexpr_free(e);
		cli_error("out of memory");
		return EXIT_INTERNAL;
	}
	int rc = EXIT_OK;
	int64_t shown_n = n;
	for (int i = 0; i < c.ntargets; i++) {
		series *s = &ss[i];
		s->st = gg_elem_of(&c.targets[i], elem, &s->e, &s->err);
		if (s->st == GG_OK && s->e.size == 0 && n > ((int64_t)1 << 20)) {
			/* Every append grows a zero-size slice: one row per element. */
			s->st = GG_ERR_RANGE;
			snprintf(s->err.msg, sizeof s->err.msg,
				 "zero-size elements grow at every append: --n must be <= %d", 1 << 20);
		}
		if (s->st == GG_OK) {
			int64_t limit = n > 0 ? n : gg_golden_grow_len(s->e.size);
			shown_n = limit;
			s->st = gg_slice_fill(&c.targets[i], s->e, c.esc, limit, collect, s, &s->err);
		}
		if (s->oom) {
			s->st = GG_ERR_NOMEM;
			snprintf(s->err.msg, sizeof s->err.msg, "out of memory");
		}
		if (s->st != GG_OK) {
			char gb[16];
			if (c.fmt != FMT_JSON)
				cli_error("%s/%s: %s", cli_go_name(c.targets[i].go, gb),
					  c.targets[i].arch->name, s->err.msg);
			rc = cli_exit(s->st);
		}
	}
	if (c.fmt == FMT_JSON)
		print_json(ss, &c, shown_n);
	else if (c.ntargets == 1) {
		if (ss[0].st == GG_OK)
			print_single(&ss[0], &c.targets[0], c.fmt);
	} else
		print_matrix(ss, &c);
	if (svg && !write_svg(svg, ss, &c))
		rc = EXIT_USAGE;
	for (int i = 0; i < c.ntargets; i++)
		free(ss[i].steps);
	free(ss);
	gg_typeexpr_free(e);
	return rc;
}
