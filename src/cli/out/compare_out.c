/* gogrow compare: the grid as a table (text cells marked where they
 * changed from the release above), then, in text, the distinct answers. */
#include <stdio.h>
#include <string.h>

#include "cli/out/write.h"

/* The table, text cells marked where they changed from the row above;
 * returns how many were. */
static int print_grid(const compare_answer *g, cli_format fmt, out_sink *o)
{
	out_table tab;
	table_init(&tab);
	table_col(&tab, "go", 0);
	for (int a = 0; a < g->narch; a++)
		table_col(&tab, g->arches[a], 1);
	const char *row[17];
	char marked[16][COMPARE_CELL + 2], gb[16];
	int changes = 0;
	for (int r = 0; r < g->ngo; r++) {
		row[0] = cli_go_name(g->gos[r], gb);
		for (int a = 0; a < g->narch; a++) {
			const char *v = g->cells[r * g->narch + a],
				   *above = r ? g->cells[(r - 1) * g->narch + a] : "-";
			int changed =
			    fmt == FMT_TEXT && strcmp(v, "-") && strcmp(above, "-") && strcmp(v, above);
			changes += changed;
			snprintf(marked[a], sizeof marked[a], "%s%s", v, changed ? "*" : "");
			row[a + 1] = marked[a];
		}
		table_row(&tab, row);
	}
	table_print(&tab, fmt, o);
	table_free(&tab);
	return changes;
}

static void print_title(const compare_answer *g, out_sink *o)
{
	const char *type = g->type;
	if (g->has_hint)
		sink_printf(o, "heap bytes of make(%s, %lld) (MemStats.TotalAlloc)\n", type,
			    (long long)g->hint);
	else if (g->is_slice)
		sink_printf(o, "cap after s := make(%s, %lld, %lld); s = append(s, <%lld elements>)\n", type,
			    (long long)g->len, (long long)g->cap, (long long)g->add);
	else
		sink_printf(o, "size/align of %s\n", type);
}

/* Each distinct answer once, with how many targets give it. */
static void print_distinct(const compare_answer *g, out_sink *o)
{
	char gb[16];
	int n = g->ngo * g->narch;
	sink_puts(o, "distinct answers:\n");
	for (int i = 0; i < n; i++) {
		int first = 1;
		for (int k = 0; k < i; k++)
			first &= strcmp(g->cells[k], g->cells[i]) != 0;
		if (!first || !strcmp(g->cells[i], "-"))
			continue;
		int count = 0;
		for (int k = i; k < n; k++)
			count += !strcmp(g->cells[k], g->cells[i]);
		sink_printf(o, "  %-10s on %d of %d targets (first: %s/%s)\n", g->cells[i], count, n,
			    cli_go_name(g->gos[i / g->narch], gb), g->arches[i % g->narch]);
	}
}

void compare_write(const compare_answer *a, cli_format fmt, out_sink *o)
{
	if (fmt == FMT_TEXT)
		print_title(a, o);
	int changes = print_grid(a, fmt, o);
	if (fmt == FMT_TEXT) {
		if (changes)
			sink_puts(o, "* changed from the release above\n");
		print_distinct(a, o);
	}
}
