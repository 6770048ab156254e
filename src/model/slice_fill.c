/* Names of the growth paths and escape situations, and a slice filled one
 * append at a time, as `for ... { s = append(s, x) }`
 * does: the sequence of growths the golden growth vectors record and
 * `gogrow grow` prints. Appends that fit change nothing, so the loop jumps
 * from one growth to the next. */
#include <string.h>

#include "gogrow/slice.h"

gg_status gg_slice_fill(const gg_target *tg, gg_elem e, gg_escape esc, int64_t n, gg_fill_step_fn step,
			void *ctx, gg_error *err)
{
	gg_slicestate s;
	gg_slice_start(&s, tg, e, esc, 0, 0);
	while (s.len < n) {
		if (s.len < s.cap) {
			s.len = s.cap < n ? s.cap : n;
			continue;
		}
		gg_grow g;
		gg_status st = gg_slice_append(&s, 1, &g, err);
		if (st != GG_OK)
			return st;
		step(ctx, &g, 0);
	}
	/* The escape point (1.26+ move2heap) may move the slice once more. */
	gg_grow g;
	int64_t before = s.cap;
	if (gg_slice_finish(&s, &g) != before || g.path != GG_PATH_NONE)
		step(ctx, &g, 1);
	return GG_OK;
}

const char *gg_grow_path_name(gg_grow_path p)
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

int gg_escape_parse(const char *s, gg_escape *out)
{
	static const struct {
		const char *name;
		gg_escape e;
	} names[] = {{"heap", GG_ESC_HEAP},  {"stack", GG_ESC_STACK},	{"ret", GG_ESC_RET},
		     {"return", GG_ESC_RET}, {"retcap", GG_ESC_RETCAP}, {"return-cap", GG_ESC_RETCAP}};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i].name) == 0) {
			*out = names[i].e;
			return 1;
		}
	return 0;
}
