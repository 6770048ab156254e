/* Helpers for the commands that take a slice type and append to it. */
#include <string.h>

#include "cli/cli.h"

const gg_type *cli_slice_elem(const gg_type *t, const char *src)
{
	if (t->kind == GG_SLICE)
		return t->elem;
	cli_error("expected a slice type such as '[]%s', got '%s'", src, src);
	return NULL;
}

gg_typeexpr *cli_slice_type(const char *src, const gg_type **elem)
{
	gg_typeexpr *e = cli_type(src);
	if (!e)
		return NULL;
	*elem = cli_slice_elem(gg_typeexpr_root(e), src);
	if (!*elem) {
		gg_typeexpr_free(e);
		return NULL;
	}
	return e;
}

gg_status cli_elem(const gg_type *t, const gg_target *tg, gg_elem *e, gg_error *err)
{
	gg_layout l;
	gg_status st = gg_layout_of(t, tg, &l, err);
	if (st != GG_OK)
		return st;
	e->size = l.size;
	e->noscan = l.ptrdata == 0;
	return GG_OK;
}

int64_t cli_golden_grow_n(uint64_t size)
{
	if (size == 0)
		return 5000;
	int64_t n = (int64_t)((UINT64_C(1) << 27) / size);
	if (n > (1 << 20))
		n = 1 << 20;
	if (size >= 4096 && n > 2000)
		n = 2000;
	return n;
}

gg_status cli_grow_seq(const gg_target *tg, gg_elem e, gg_escape esc, int64_t n, cli_step_fn step, void *ctx,
		       gg_error *err)
{
	gg_slicesim s;
	gg_slice_start(&s, tg, e, esc, 0, 0);
	while (s.len < n) {
		if (s.len < s.cap) {
			/* Appends that fit change nothing: skip to the next growth. */
			s.len = s.cap < n ? s.cap : n;
			continue;
		}
		gg_grow g;
		gg_status st = gg_slice_append(&s, 1, &g, err);
		if (st != GG_OK)
			return st;
		step(ctx, &g, 0);
	}
	gg_grow g;
	int64_t before = s.cap;
	if (gg_slice_finish(&s, &g) != before || g.path != GG_PATH_NONE)
		step(ctx, &g, 1);
	return GG_OK;
}

const char *cli_path_name(gg_grow_path p)
{
	switch (p) {
	case GG_PATH_NONE: return "fits";
	case GG_PATH_ZEROSIZE: return "zero-size";
	case GG_PATH_HEAP: return "growslice";
	case GG_PATH_STACKBUF: return "stack-buffer";
	case GG_PATH_BUFLADDER: return "growsliceBuf";
	}
	return "?";
}
