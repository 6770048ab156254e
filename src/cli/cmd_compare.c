/* gogrow compare: one question over a grid of releases x arches, with the
 * cells that changed from one release to the next marked, and the distinct
 * answers grouped. A slice type with --len asks for the cap after an append,
 * a map type with --hint for the heap bytes of make; any other type asks for
 * its size/alignment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out/write.h"

/* The options; the question's numbers travel in the answer. */
typedef struct grid {
	cli_common c;
	compare_answer a;
	int has_len, has_cap, has_hint, has_add;
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
		g->a.cap = g->a.len;
	if (g->a.len < 0 || g->a.add < 0 || g->a.cap < g->a.len)
		return cli_error("need 0 <= --len <= --cap and --add >= 0"), 0;
	return 1;
}

/* The type the cells are about: the element of a slice for --len, the map
 * for --hint, else the type itself; NULL after saying why. */
static const gg_type *grid_type(grid *g, const gg_type *t)
{
	g->a.is_slice = g->has_len;
	g->a.has_hint = g->has_hint;
	if (g->has_hint && (g->has_len || t->kind != GG_MAP)) {
		cli_error("--hint asks about make(map[K]V, hint): give a map type and no --len");
		return NULL;
	}
	return g->a.is_slice ? cli_slice_elem(t, g->c.pos[0]) : t;
}

int cmd_compare(int argc, char **argv)
{
	grid g = {.a.add = 1, .a.cap = -1};
	cli_opt extra[] = {{"--len", OPT_INT, &g.a.len, &g.has_len},
			   {"--cap", OPT_INT, &g.a.cap, &g.has_cap},
			   {"--add", OPT_INT, &g.a.add, &g.has_add},
			   {"--hint", OPT_INT, &g.a.hint, &g.has_hint},
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
	g.a.type = g.c.pos[0];
	if (!compare_answer_build(&g.a, &g.c, t)) {
		gg_typeexpr_free(e);
		cli_error("out of memory");
		return EXIT_INTERNAL;
	}
	compare_write(&g.a, g.c.fmt, sink_stdout());
	int rc = g.a.rc;
	compare_answer_free(&g.a);
	gg_typeexpr_free(e);
	return rc;
}
