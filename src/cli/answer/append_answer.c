/* The numbers of gogrow append, one row per target. */
#include <stdlib.h>
#include <string.h>

#include "cli/answer/answer.h"

/* One target: the element's descriptor, make's checks, then the growth. */
static gg_status one(const gg_type *elem, const gg_target *tg, const append_answer *a, append_row *r,
		     gg_error *err)
{
	gg_status st = gg_elem_of(tg, elem, &r->el, err);
	if (st == GG_OK)
		st = gg_makeslice(tg, r->el, a->len, a->cap, NULL, err);
	if (st == GG_OK) {
		gg_slicestate s;
		gg_slice_start(&s, tg, r->el, a->esc, a->len, a->cap);
		st = gg_slice_append(&s, a->add, &r->g, err);
	}
	return st;
}

int append_answer_build(append_answer *a, const cli_common *c, const gg_type *elem)
{
	a->nrows = 0;
	a->rows = calloc((size_t)c->ntargets + 1, sizeof *a->rows);
	if (!a->rows)
		return 0;
	for (int i = 0; i < c->ntargets; i++) {
		const gg_target *tg = &c->targets[i];
		append_row *r = &a->rows[a->nrows++];
		gg_error err = {0};
		r->t.go = tg->go;
		r->t.arch = tg->arch->name;
		r->t.st = one(elem, tg, a, r, &err);
		if (r->t.st != GG_OK)
			memcpy(r->t.msg, err.msg, sizeof r->t.msg);
	}
	return 1;
}

void append_answer_free(append_answer *a)
{
	free(a->rows);
	a->rows = NULL;
	a->nrows = 0;
}
