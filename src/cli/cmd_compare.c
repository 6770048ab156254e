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
	if (gg_map_type(t, tg, 0, &mt, &err) != GG_OK || gg_makemap(&mt, hint, 0, &mk, &err) != GG_OK)
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
		if (gg_layout_of(t, tg, &l, &err) == GG_OK)
			snprintf(out, CELL, "%llu/%llu", (unsigned long long)l.size,
				 (unsigned long long)l.align);
		else
			snprintf(out, CELL, "%s", err.code == GG_ERR_TOO_LARGE ? "too large" : "n/a");
		return err.code;
	}
	gg_elem e;
	gg_grow g;
	gg_slicestate s;
	if (gg_elem_of(t, tg, &e, &err) != GG_OK) {
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

int cmd_compare(int argc, char **argv)
{
	cli_common c;
	int64_t len = 0, cap = -1, add = 1, hint = 0;
	int has_len = 0, has_cap = 0, has_hint = 0, has_add = 0;
	cli_opt extra[] = {{"--len", OPT_INT, &len, &has_len},
			   {"--cap", OPT_INT, &cap, &has_cap},
			   {"--add", OPT_INT, &add, &has_add},
			   {"--hint", OPT_INT, &hint, &has_hint},
			   {NULL, 0, NULL, NULL}};
	if (!cli_parse("compare", argc, argv, extra, &c))
		return cli_usage_error("compare");
	if (c.npos != 1) {
		cli_error("compare needs one type");
		return cli_usage_error("compare");
	}
	if ((has_cap || has_add) && !has_len) {
		cli_error("--cap and --add ask about an append: give --len too (without it, compare shows "
			  "size/align)");
		return cli_usage_error("compare");
	}
	if (!has_cap)
		cap = len;
	if (len < 0 || add < 0 || cap < len) {
		cli_error("need 0 <= --len <= --cap and --add >= 0");
		return EXIT_USAGE;
	}
	if (!c.explicit_go)
		c.go = "all";
	if (!c.explicit_arch)
		c.arch = "all";
	if (!cli_targets(&c))
		return EXIT_USAGE;
	gg_typeexpr *e = cli_type(c.pos[0]);
	if (!e)
		return EXIT_USAGE;
	const gg_type *t = gg_typeexpr_root(e);
	int is_slice = has_len;
	if (has_hint && (has_len || t->kind != GG_MAP)) {
		cli_error("--hint asks about make(map[K]V, hint): give a map type and no --len");
		gg_typeexpr_free(e);
		return EXIT_USAGE;
	}
	if (is_slice && !(t = cli_slice_elem(t, c.pos[0]))) {
		gg_typeexpr_free(e);
		return EXIT_USAGE;
	}
	/* Collect the distinct releases and arches in target order. */
	int gos[GG_GO_MAX + 1], ngo = 0;
	const gg_arch *arches[16];
	int narch = 0;
	for (int i = 0; i < c.ntargets; i++) {
		int seen = 0;
		for (int k = 0; k < ngo; k++)
			seen |= gos[k] == c.targets[i].go;
		if (!seen)
			gos[ngo++] = c.targets[i].go;
	}
	/* Arches in the order the user gave them (--arch all: the ports' order). */
	for (size_t k = 0; k < gg_arch_count(); k++)
		for (int i = 0; i < c.ntargets; i++)
			if (c.targets[i].arch == gg_arch_at(k)) {
				arches[narch++] = gg_arch_at(k);
				break;
			}
	for (int i = 1; i < narch; i++)
		for (int k = i; k > 0 && arch_rank(c.arch, arches[k]) < arch_rank(c.arch, arches[k - 1]);
		     k--) {
			const gg_arch *tmp = arches[k];
			arches[k] = arches[k - 1];
			arches[k - 1] = tmp;
		}
	char(*cells)[CELL] = calloc((size_t)(ngo * narch), CELL);
	if (!cells) {
		gg_typeexpr_free(e);
		cli_error("out of memory");
		return EXIT_INTERNAL;
	}
	/* The grid is printed whatever its cells say; a cell Go itself rejects
	 * (too large, a panic) makes the exit status 3, as everywhere. A type
	 * that does not exist yet in a release is n/a, not an error. */
	int rc = EXIT_OK;
	for (int g = 0; g < ngo; g++)
		for (int a = 0; a < narch; a++) {
			gg_target tg;
			gg_status st = GG_OK;
			if (gg_target_make(arches[a]->name, gos[g], &tg, NULL) != GG_OK)
				snprintf(cells[g * narch + a], CELL, "-");
			else if (has_hint)
				st = map_answer(t, &tg, hint, cells[g * narch + a]);
			else
				st = answer(t, is_slice, &tg, len, cap, add, c.esc, cells[g * narch + a]);
			if (cli_exit(st) == EXIT_GO_REJECTS)
				rc = EXIT_GO_REJECTS;
		}
	out_table tab;
	table_init(&tab);
	table_col(&tab, "go", 0);
	for (int a = 0; a < narch; a++)
		table_col(&tab, arches[a]->name, 1);
	const char *row[17];
	char marked[16][CELL + 2], gb[16];
	int changes = 0;
	for (int g = 0; g < ngo; g++) {
		row[0] = cli_go_name(gos[g], gb);
		for (int a = 0; a < narch; a++) {
			const char *v = cells[g * narch + a];
			int changed = c.fmt == FMT_TEXT && g > 0 && strcmp(v, "-") &&
				      strcmp(cells[(g - 1) * narch + a], "-") &&
				      strcmp(v, cells[(g - 1) * narch + a]);
			changes += changed;
			snprintf(marked[a], sizeof marked[a], "%s%s", v, changed ? "*" : "");
			row[a + 1] = marked[a];
		}
		table_row(&tab, row);
	}
	if (c.fmt == FMT_TEXT) {
		if (has_hint)
			printf("heap bytes of make(%s, %lld) (MemStats.TotalAlloc)\n", c.pos[0],
			       (long long)hint);
		else if (is_slice)
			printf("cap after s := make(%s, %lld, %lld); s = append(s, <%lld elements>)\n",
			       c.pos[0], (long long)len, (long long)cap, (long long)add);
		else
			printf("size/align of %s\n", c.pos[0]);
	}
	table_print(&tab, c.fmt, stdout);
	table_free(&tab);
	if (c.fmt == FMT_TEXT) {
		if (changes)
			puts("* changed from the release above");
		/* Group the distinct answers. */
		puts("distinct answers:");
		for (int i = 0; i < ngo * narch; i++) {
			int first = 1;
			for (int k = 0; k < i; k++)
				first &= strcmp(cells[k], cells[i]) != 0;
			if (!first || !strcmp(cells[i], "-"))
				continue;
			int count = 0;
			for (int k = i; k < ngo * narch; k++)
				count += !strcmp(cells[k], cells[i]);
			printf("  %-10s on %d of %d targets (first: %s/%s)\n", cells[i], count, ngo * narch,
			       cli_go_name(gos[i / narch], gb), arches[i % narch]->name);
		}
	}
	free(cells);
	gg_typeexpr_free(e);
	return rc;
}
