/* gogrow explain '[]T' --len L [--cap C] --add N: every step that decides
 * the new capacity, with the numbers filled in and the Go source each step
 * comes from. One target at a time, so that every number can be read. */
#include <stdio.h>

#include "cli/answer/explain.h"
#include "cli/cli.h"
#include "cli/out/write.h"

/* Every target's steps (the question already in x), then the writer. */
static int explain_all(explainer *x, const cli_common *c, const gg_type *t)
{
	if (!explain_alloc(x, c->ntargets)) {
		cli_error("out of memory");
		return EXIT_INTERNAL;
	}
	int rc = EXIT_OK;
	for (int i = 0; i < c->ntargets; i++) {
		const gg_target *tg = &c->targets[i];
		explain_begin(x, tg);
		int r = x->is_map ? explain_map(x, t, tg, x->hint, x->count)
				  : explain_slice(x, tg, t, x->len, x->cap, x->add, c->esc);
		if (r != EXIT_OK)
			rc = r;
	}
	if (x->oom) {
		cli_error("out of memory");
		rc = EXIT_INTERNAL;
	} else
		explain_write(x, c->fmt, sink_stdout());
	explain_free(x);
	return rc;
}

static int explain_map_cmd(cli_common *c, int64_t hint, int64_t count)
{
	if (count < 0) {
		cli_error("--count must not be negative");
		return EXIT_USAGE;
	}
	if (!cli_targets(c))
		return EXIT_USAGE;
	gg_typeexpr *e = cli_type(c->pos[0]);
	if (!e)
		return EXIT_USAGE;
	const gg_type *t = gg_typeexpr_root(e);
	if (t->kind != GG_MAP) {
		cli_error("--hint and --count explain a map type such as 'map[string]int'");
		gg_typeexpr_free(e);
		return EXIT_USAGE;
	}
	explainer x = {.type = c->pos[0], .is_map = 1, .hint = hint, .count = count};
	int rc = explain_all(&x, c, t);
	gg_typeexpr_free(e);
	return rc;
}

/* Whether the argument is a map type: `explain 'map[K]V'` alone explains
 * make(map[K]V). A type that does not parse is reported later, once. */
static int is_map_type(const char *src)
{
	gg_typeexpr *e;
	gg_error err;
	if (gg_type_parse(src, &e, &err) != GG_OK)
		return 0;
	int is_map = gg_typeexpr_root(e)->kind == GG_MAP;
	gg_typeexpr_free(e);
	return is_map;
}

int cmd_explain(int argc, char **argv)
{
	cli_common c;
	int64_t len = 0, cap = -1, add = 1, hint = 0, count = 0;
	int has_len = 0, has_cap = 0, has_hint = 0, has_count = 0;
	cli_opt extra[] = {{"--len", OPT_INT, &len, &has_len},	     {"--cap", OPT_INT, &cap, &has_cap},
			   {"--add", OPT_INT, &add, NULL},	     {"--hint", OPT_INT, &hint, &has_hint},
			   {"--count", OPT_INT, &count, &has_count}, {NULL, 0, NULL, NULL}};
	if (!cli_parse("explain", argc, argv, extra, &c))
		return cli_usage_error("explain");
	if (c.npos == 1 && (has_hint || has_count || (!has_len && is_map_type(c.pos[0]))))
		return explain_map_cmd(&c, hint, count);
	if (c.npos != 1 || !has_len) {
		cli_error("explain needs a slice type and --len, or a map type and --hint/--count");
		return cli_usage_error("explain");
	}
	if (!has_cap)
		cap = len;
	if (len < 0 || add < 0 || cap < len) {
		cli_error("need 0 <= --len <= --cap and --add >= 0");
		return EXIT_USAGE;
	}
	const gg_type *elem;
	gg_typeexpr *e = cli_slice_args(&c, &elem);
	if (!e)
		return EXIT_USAGE;
	explainer x = {.type = c.pos[0], .len = len, .cap = cap, .add = add};
	int rc = explain_all(&x, &c, elem);
	gg_typeexpr_free(e);
	return rc;
}
