/* The numbers of gogrow compare: a grid of releases x arches, each cell
 * the answer as text ("1536", "24/8", "n/a", "too large", "panic"), so
 * that equal answers compare equal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/answer/answer.h"
#include "gogrow/map.h"

#define CELL COMPARE_CELL

/* Heap bytes of make(map[K]V, hint), or n/a where the release has no such
 * map; returns the cell's status. */
static gg_status map_cell(const gg_type *t, const gg_target *tg, int64_t hint, char *out)
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

/* The distinct releases in target order; the arches in the order the user
 * gave them (--arch all: the ports' order). */
static void grid_axes(compare_answer *g, const cli_common *c)
{
	const gg_arch *arches[16];
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
				arches[g->narch++] = gg_arch_at(k);
				break;
			}
	for (int i = 1; i < g->narch; i++)
		for (int k = i; k > 0 && arch_rank(c->arch, arches[k]) < arch_rank(c->arch, arches[k - 1]);
		     k--) {
			const gg_arch *tmp = arches[k];
			arches[k] = arches[k - 1];
			arches[k - 1] = tmp;
		}
	for (int i = 0; i < g->narch; i++)
		g->arches[i] = arches[i]->name;
}

/* Fills the cells; a cell Go itself rejects (too large, a panic) makes
 * the exit status 3, as everywhere, while the grid is still printed. A
 * type that does not exist yet in a release is n/a, not an error. */
static int fill_grid(compare_answer *g, const gg_type *t, gg_escape esc)
{
	int rc = EXIT_OK;
	for (int r = 0; r < g->ngo; r++)
		for (int a = 0; a < g->narch; a++) {
			gg_target tg;
			gg_status st = GG_OK;
			char *cell = g->cells[r * g->narch + a];
			if (gg_target_make(g->arches[a], g->gos[r], &tg, NULL) != GG_OK)
				snprintf(cell, CELL, "-");
			else if (g->has_hint)
				st = map_cell(t, &tg, g->hint, cell);
			else
				st = answer(t, g->is_slice, &tg, g->len, g->cap, g->add, esc, cell);
			if (cli_exit(st) == EXIT_GO_REJECTS)
				rc = EXIT_GO_REJECTS;
		}
	return rc;
}

int compare_answer_build(compare_answer *a, const cli_common *c, const gg_type *t)
{
	grid_axes(a, c);
	if (!(a->cells = calloc((size_t)(a->ngo * a->narch) + 1, CELL)))
		return 0;
	a->rc = fill_grid(a, t, c->esc);
	return 1;
}

void compare_answer_free(compare_answer *a)
{
	free(a->cells);
	a->cells = NULL;
}
