/* gogrow compare: one question over a grid of releases x arches, with the
 * cells that changed from one release to the next marked, and the distinct
 * answers grouped. A slice type with --len asks for the cap after an append,
 * a map type with --hint for the heap bytes of make; any other type asks for
 * its size/alignment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "gogrow/map.h"

#define CELL 48

/* Heap bytes of make(map[K]V, hint), or n/a where the release has no such
 * map; returns the cell's status. */
static gg_status map_answer(const gg_type *t, const gg_target *tg, int64_t hint, char *out)
{
	gg_error err = {0};
	gg_maptype mt;
	gg_mapmake mk;
	if (gg_map_type(tg, t, 0, &mt, &err) != GG_OK || gg_makemap(&mt, hint, 0, &mk, &err) != GG_OK)
		snprintf(out, CELL, "%s", err.code == GG_ERR_TOO_LARGE ? "too large" : "n/a");
	else
		snprintf(out, CELL, "%llu", (unsigned long long)mk.bytes);
	return err.code;
}

static gg_status answer(const gg_type *t, int is_slice, const gg_target *tg, int64_t len, int64_t cap,
			int64_t add, gg_escape esc, char *out)
{
	gg_error err = {0};
	gg_layout l;
	if (!is_slice) {
		if (gg_layout_of(tg, t, &l, &err) == GG_OK)
			snprintf(out, CELL, "%llu/%llu", (unsigned long long)l.size,
				 (unsigned long long)l.align);
		else
			snprintf(out, CELL, "%s", err.code == GG_ERR_TOO_LARGE ? "too large" : "n/a");
		return err.code;
	}
	gg_elem e;
	gg_grow g;
	gg_slicestate s;
	if (gg_elem_of(tg, t, &e, &err) != GG_OK) {
		snprintf(out, CELL, "%s", err.code == GG_ERR_TOO_LARGE ? "too large" : "n/a");
		return err.code;
	}
	gg_slice_start(&s, tg, e, esc, len, cap);
	if (gg_makeslice(tg, e, len, cap, NULL, &err) != GG_OK || gg_slice_append(&s, add, &g, &err) != GG_OK)
		snprintf(out, CELL, "panic");
	else
		snprintf(out, CELL, "%lld", (long long)g.newcap);
	return err.code;
}

/* Where `a` stands in a comma-separated --arch list; past the end if the
 * list does not name it ("all"). */
static int arch_rank(const char *list, const gg_arch *a)
{
	int rank = 0;
	size_t n = strlen(a->name);
	for (const char *p = list ? list : ""; *p; rank++) {
		size_t len = strcspn(p, ",");
		if (len == n && !strncmp(p, a->name, n))
			return rank;
		p += len + (p[len] == ',');
	}
	return rank + (int)(a - gg_arch_at(0));
}

/* The question and the grid of answers: releases down, arches across. */
typedef struct grid {
	cli_common c;
	int64_t len, cap, add, hint;
	int has_len, has_cap, has_hint, has_add;
	int is_slice;
	int gos[GG_GO_MAX + 1], ngo;
	const gg_arch *arches[16];
	int narch;
	char (*cells)[CELL];
} grid;

static int check_grid_args(grid *g)
{
	if (g->c.npos != 1)
		return cli_error("compare needs one type"), 0;
	if ((g->has_cap || g->has_add) && !g->has_len)
		return cli_error(
			   "--cap and --add ask about an append: give --len too (without it, compare shows "
			   "size/align)"),
		       0;
	if (!g->has_cap)
		g->cap = g->len;
	if (g->len < 0 || g->add < 0 || g->cap < g->len)
		return cli_error("need 0 <= --len <= --cap and --add >= 0"), 0;
	return 1;
}

/* The distinct releases in target order; the arches in the order the user
 * gave them (--arch all: the ports' order). */
static void grid_axes(grid *g)
{
	const cli_common *c = &g->c;
	for (int i = 0; i < c->ntargets; i++) {
		int seen = 0;
		for (int k = 0; k < g->ngo; k++)
			seen |= g->gos[k] == c->targets[i].go;
		if (!seen)
			g->gos[g->ngo++] = c->targets[i].go;
	}
	for (size_t k = 0; k < gg_arch_count(); k++)
		for (int i = 0; i < c->ntargets; i++)
			if (c->targets[i].arch == gg_arch_at(k)) {
				g->arches[g->narch++] = gg_arch_at(k);
				break;
			}
	for (int i = 1; i < g->narch; i++)
		for (int k = i;
		     k > 0 && arch_rank(c->arch, g->arches[k]) < arch_rank(c->arch, g->arches[k - 1]); k--) {
			const gg_arch *tmp = g->arches[k];
			g->arches[k] = g->arches[k - 1];
			g->arches[k - 1] = tmp;
		}
}

/* Fills the cells; a cell Go itself rejects (too large, a panic) makes
 * the exit status 3, as everywhere, while the grid is still printed. A
 * type that does not exist yet in a release is n/a, not an error. */
static int fill_grid(grid *g, const gg_type *t)
{
	int rc = EXIT_OK;
	for (int r = 0; r < g->ngo; r++)
		for (int a = 0; a < g->narch; a++) {
			gg_target tg;
			gg_status st = GG_OK;
			char *cell = g->cells[r * g->narch + a];
			if (gg_target_make(g->arches[a]->name, g->gos[r], &tg, NULL) != GG_OK)
				snprintf(cell, CELL, "-");
			else if (g->has_hint)
				st = map_answer(t, &tg, g->hint, cell);
			else
				st = answer(t, g->is_slice, &tg, g->len, g->cap, g->add, g->c.esc, cell);
			if (cli_exit(st) == EXIT_GO_REJECTS)
				rc = EXIT_GO_REJECTS;
		}
	return rc;
}

/* The table, text cells marked where they changed from the row above;
 * returns how many were. */
static int print_grid(const grid *g)
{
	out_table tab;
	table_init(&tab);
	table_col(&tab, "go", 0);
	for (int a = 0; a < g->narch; a++)
		table_col(&tab, g->arches[a]->name, 1);
	const char *row[17];
	char marked[16][CELL + 2], gb[16];
	int changes = 0;
	for (int r = 0; r < g->ngo; r++) {
		row[0] = cli_go_name(g->gos[r], gb);
		for (int a = 0; a < g->narch; a++) {
			const char *v = g->cells[r * g->narch + a],
				   *above = r ? g->cells[(r - 1) * g->narch + a] : "-";
			int changed =
			    g->c.fmt == FMT_TEXT && strcmp(v, "-") && strcmp(above, "-") && strcmp(v, above);
			changes += changed;
			snprintf(marked[a], sizeof marked[a], "%s%s", v, changed ? "*" : "");
			row[a + 1] = marked[a];
		}
		table_row(&tab, row);
	}
	table_print(&tab, g->c.fmt, stdout);
	table_free(&tab);
	return changes;
}

static void print_title(const grid *g)
{
	const char *type = g->c.pos[0];
	if (g->has_hint)
		printf("heap bytes of make(%s, %lld) (MemStats.TotalAlloc)\n", type, (long long)g->hint);
	else if (g->is_slice)
		printf("cap after s := make(%s, %lld, %lld); s = append(s, <%lld elements>)\n", type,
		       (long long)g->len, (long long)g->cap, (long long)g->add);
	else
		printf("size/align of %s\n", type);
}

/* Each distinct answer once, with how many targets give it. */
static void print_distinct(const grid *g)
{
	char gb[16];
	int n = g->ngo * g->narch;
	puts("distinct answers:");
	for (int i = 0; i < n; i++) {
		int first = 1;
		for (int k = 0; k < i; k++)
			first &= strcmp(g->cells[k], g->cells[i]) != 0;
		if (!first || !strcmp(g->cells[i], "-"))
			continue;
		int count = 0;
		for (int k = i; k < n; k++)
			count += !strcmp(g->cells[k], g->cells[i]);
		printf("  %-10s on %d of %d targets (first: %s/%s)\n", g->cells[i], count, n,
		       cli_go_name(g->gos[i / g->narch], gb), g->arches[i % g->narch]->name);
	}
}

/* The type the cells are about: the element of a slice for --len, the map
 * for --hint, else the type itself; NULL after saying why. */
static const gg_type *grid_type(grid *g, const gg_type *t)
{
	g->is_slice = g->has_len;
	if (g->has_hint && (g->has_len || t->kind != GG_MAP)) {
		cli_error("--hint asks about make(map[K]V, hint): give a map type and no --len");
		return NULL;
	}
	return g->is_slice ? cli_slice_elem(t, g->c.pos[0]) : t;
}

int cmd_compare(int argc, char **argv)
{
	grid g = {.add = 1, .cap = -1};
	cli_opt extra[] = {{"--len", OPT_INT, &g.len, &g.has_len},
			   {"--cap", OPT_INT, &g.cap, &g.has_cap},
			   {"--add", OPT_INT, &g.add, &g.has_add},
			   {"--hint", OPT_INT, &g.hint, &g.has_hint},
			   {NULL, 0, NULL, NULL}};
	if (!cli_parse("compare", argc, argv, extra, &g.c) || !check_grid_args(&g))
		return cli_usage_error("compare");
	if (!g.c.explicit_go)
		g.c.go = "all";
	if (!g.c.explicit_arch)
		g.c.arch = "all";
	if (!cli_targets(&g.c))
		return EXIT_USAGE;
	gg_typeexpr *e = cli_type(g.c.pos[0]);
	if (!e)
		return EXIT_USAGE;
	const gg_type *t = grid_type(&g, gg_typeexpr_root(e));
	if (!t) {
		gg_typeexpr_free(e);
		return EXIT_USAGE;
	}
	grid_axes(&g);
	if (!(g.cells = calloc((size_t)(g.ngo * g.narch), CELL))) {
		gg_typeexpr_free(e);
		cli_error("out of memory");
		return EXIT_INTERNAL;
	}
	int rc = fill_grid(&g, t);
	if (g.c.fmt == FMT_TEXT)
		print_title(&g);
	int changes = print_grid(&g);
	if (g.c.fmt == FMT_TEXT) {
		if (changes)
			puts("* changed from the release above");
		print_distinct(&g);
	}
	free(g.cells);
	gg_typeexpr_free(e);
	return rc;
}
