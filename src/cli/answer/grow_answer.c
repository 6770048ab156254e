/* The numbers of gogrow grow: each target's growth steps up to n. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/answer/answer.h"
#include "gogrow/conform.h"

static void collect(void *ctx, const gg_grow *g, int final)
{
	grow_series *s = ctx;
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

static void one(grow_series *s, const gg_target *tg, const gg_type *elem, const grow_answer *a,
		int64_t *shown_n)
{
	gg_error err = {0};
	s->t.go = tg->go;
	s->t.arch = tg->arch->name;
	s->t.st = gg_elem_of(tg, elem, &s->e, &err);
	if (s->t.st == GG_OK && s->e.size == 0 && a->n > ((int64_t)1 << 20)) {
		/* Every append grows a zero-size slice: one row per element. */
		s->t.st = GG_ERR_RANGE;
		snprintf(err.msg, sizeof err.msg,
			 "zero-size elements grow at every append: --n must be <= %d", 1 << 20);
	}
	if (s->t.st == GG_OK) {
		int64_t limit = a->n > 0 ? a->n : gg_golden_grow_len(s->e.size);
		*shown_n = limit;
		s->t.st = gg_slice_fill(tg, s->e, a->esc, limit, collect, s, &err);
	}
	if (s->oom) {
		s->t.st = GG_ERR_NOMEM;
		snprintf(err.msg, sizeof err.msg, "out of memory");
	}
	snprintf(s->t.msg, sizeof s->t.msg, "%s", err.msg);
}

int grow_answer_build(grow_answer *a, const cli_common *c, const gg_type *elem)
{
	a->ss = calloc((size_t)c->ntargets + 1, sizeof *a->ss);
	if (!a->ss)
		return 0;
	a->nseries = c->ntargets;
	a->shown_n = a->n;
	for (int i = 0; i < c->ntargets; i++)
		one(&a->ss[i], &c->targets[i], elem, a, &a->shown_n);
	return 1;
}

void grow_answer_free(grow_answer *a)
{
	for (int i = 0; a->ss && i < a->nseries; i++)
		free(a->ss[i].steps);
	free(a->ss);
	a->ss = NULL;
	a->nseries = 0;
}
