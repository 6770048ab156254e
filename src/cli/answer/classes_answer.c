/* The numbers of gogrow classes: every size class for every target. */
#include <stdlib.h>

#include "cli/answer/answer.h"

int classes_answer_build(classes_answer *a, const cli_common *c)
{
	size_t per = GG_NUM_SIZE_CLASSES - 1; /* class 0 (large objects) is not listed */
	a->nrows = 0;
	a->rows = calloc((size_t)c->ntargets * per + 1, sizeof *a->rows);
	if (!a->rows)
		return 0;
	for (int t = 0; t < c->ntargets; t++)
		for (int k = 1; k < GG_NUM_SIZE_CLASSES; k++) {
			const gg_sizeclass *sc = gg_sizeclass_at(k);
			classes_row *r = &a->rows[a->nrows++];
			r->go = c->targets[t].go;
			r->arch = c->targets[t].arch->name;
			r->cls = k;
			r->bytes = sc->size;
			r->pages = sc->npages;
			r->objs_noscan = gg_sizeclass_objects(&c->targets[t], k, 1);
			r->objs_scan = gg_sizeclass_objects(&c->targets[t], k, 0);
			r->tail_waste = (sc->npages * GG_PAGE_SIZE) % sc->size;
		}
	return 1;
}

void classes_answer_free(classes_answer *a)
{
	free(a->rows);
	a->rows = NULL;
	a->nrows = 0;
}
