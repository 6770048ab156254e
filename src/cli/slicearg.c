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

gg_typeexpr *cli_slice_args(cli_common *c, const gg_type **elem)
{
	if (!cli_targets(c))
		return NULL;
	const char *src = c->pos[0];
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
