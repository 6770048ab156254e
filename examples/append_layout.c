/* How does []struct{val int64; ptr *int} lay out, and what is cap() after
 * appending one element to a full slice of 1000, on amd64 and 386, in go1.17
 * and go1.22? A program asking libgogrow the question a blog post guessed. */
#include <stdio.h>

#include "gogrow/gogrow.h"

static int answer(const gg_type *elem, const char *arch, int go)
{
	gg_error err;
	gg_target t;
	gg_layout l;
	gg_grow g;
	if (gg_target_make(arch, go, &t, &err) != GG_OK || gg_layout_of(&t, elem, &l, &err) != GG_OK)
		goto fail;
	gg_elem e = {.size = l.size, .noscan = l.ptrdata == 0};
	if (gg_growslice(&t, e, 1000, 1000, 1, &g, &err) != GG_OK)
		goto fail;
	printf("go1.%d %-6s size %2llu align %llu  cap 1000 -> %lld (%llu bytes)\n", go, arch,
	       (unsigned long long)l.size, (unsigned long long)l.align, (long long)g.newcap,
	       (unsigned long long)g.alloc);
	return 0;
fail:
	fprintf(stderr, "go1.%d %s: %s\n", go, arch, err.msg);
	return 1;
}

int main(void)
{
	gg_error err;
	gg_typeexpr *te;
	if (gg_type_parse("struct{val int64; ptr *int}", &te, &err) != GG_OK) {
		fprintf(stderr, "column %d: %s\n", err.column, err.msg);
		return 1;
	}
	printf("libgogrow %s\n", gg_version());
	int bad = 0;
	const char *arches[] = {"amd64", "386"};
	for (int go = 17; go <= 22; go += 5)
		for (int a = 0; a < 2; a++)
			bad |= answer(gg_typeexpr_root(te), arches[a], go);
	gg_typeexpr_free(te);
	return bad;
}
