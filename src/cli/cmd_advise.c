/* gogrow advise '[]T' --n N: the make() capacity that avoids regrowth and
 * fills its size class, and what it saves against growing from empty.
 * With --pattern L1,L2,...: the lengths the slice reaches in different runs;
 * each candidate capacity is scored by the heap bytes all runs allocate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out/write.h"

/* --pattern's lengths into a->lens; EXIT_OK, or the exit status after
 * printing what is wrong. */
static int parse_pattern(advise_pattern_answer *a, const char *pattern)
{
	int64_t *lens = a->lens;
	int nl = 0;
	char buf[1024];
	snprintf(buf, sizeof buf, "%s", pattern);
	char *save = NULL;
	for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (nl == ADVISE_MAX_LENS) {
			cli_error("--pattern: at most 64 lengths");
			return EXIT_USAGE;
		}
		if (!cli_int("--pattern", tok, &lens[nl]))
			return EXIT_USAGE;
		if (lens[nl] < 0) {
			cli_error("--pattern: lengths must not be negative");
			return EXIT_USAGE;
		}
		nl++;
	}
	if (nl == 0) {
		cli_error("--pattern needs a comma-separated list of lengths");
		return EXIT_USAGE;
	}
	a->nl = nl;
	return EXIT_OK;
}

static int advise_pattern(const gg_target *tg, gg_elem e, const char *pattern, const char *type,
			  cli_format fmt)
{
	advise_pattern_answer a = {.type = type, .pattern = pattern};
	int rc = parse_pattern(&a, pattern);
	if (rc != EXIT_OK)
		return rc;
	gg_error err = {0};
	if (advise_pattern_build(&a, tg, e, &err) != GG_OK) {
		cli_gg_error(&err);
		return cli_exit(err.code);
	}
	advise_pattern_write(&a, fmt, sink_stdout());
	return EXIT_OK;
}

static int advise_n(const gg_target *tg, gg_elem e, int64_t n, const char *type, cli_format fmt)
{
	advise_slice_answer a = {.type = type, .n = n};
	gg_error err = {0};
	if (advise_slice_build(&a, tg, e, &err) != GG_OK) {
		cli_gg_error(&err);
		return cli_exit(err.code);
	}
	advise_slice_write(&a, fmt, sink_stdout());
	return EXIT_OK;
}

static int advise_map(const gg_type *t, const gg_target *tg, int64_t n, const char *type, cli_format fmt)
{
	advise_map_answer a = {.type = type, .n = n};
	gg_error err = {0};
	if (advise_map_build(&a, t, tg, &err) != GG_OK) {
		cli_gg_error(&err);
		return cli_exit(err.code);
	}
	advise_map_write(&a, fmt, sink_stdout());
	return EXIT_OK;
}

int cmd_advise(int argc, char **argv)
{
	cli_common c;
	int64_t n = -1;
	const char *pattern = NULL;
	cli_opt extra[] = {
	    {"--n", OPT_INT, &n, NULL}, {"--pattern", OPT_STR, &pattern, NULL}, {NULL, 0, NULL, NULL}};
	if (!cli_parse("advise", argc, argv, extra, &c))
		return cli_usage_error("advise");
	if (c.npos != 1 || (n < 0 && !pattern)) {
		cli_error("advise needs a slice type and --n N (or --pattern L1,L2,...)");
		return cli_usage_error("advise");
	}
	if (!cli_targets(&c))
		return EXIT_USAGE;
	if (c.ntargets != 1) {
		cli_error("advise answers for one release and arch at a time");
		return EXIT_USAGE;
	}
	gg_typeexpr *e = cli_type(c.pos[0]);
	if (!e)
		return EXIT_USAGE;
	const gg_type *root = gg_typeexpr_root(e);
	if (root->kind == GG_MAP) {
		int r = EXIT_USAGE;
		if (pattern || n < 0)
			cli_error("for a map type, advise takes --n N (the number of distinct keys)");
		else
			r = advise_map(root, &c.targets[0], n, c.pos[0], c.fmt);
		gg_typeexpr_free(e);
		return r;
	}
	const gg_type *elem = cli_slice_elem(root, c.pos[0]);
	int rc = EXIT_USAGE;
	gg_elem el;
	gg_error err = {0};
	if (elem && gg_elem_of(&c.targets[0], elem, &el, &err) != GG_OK)
		cli_gg_error(&err);
	else if (elem)
		rc = pattern ? advise_pattern(&c.targets[0], el, pattern, c.pos[0], c.fmt)
			     : advise_n(&c.targets[0], el, n, c.pos[0], c.fmt);
	gg_typeexpr_free(e);
	return rc;
}
