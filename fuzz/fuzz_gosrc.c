/* libFuzzer target: any byte string as a Go source file through the
 * declaration reader (gosrc.h); every type it declares resolved, laid out
 * on a 64-bit and a 32-bit target, and its fields reordered
 * (fieldorder.h). Nothing may crash, leak, loop or trip a sanitizer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gogrow/fieldorder.h"
#include "gogrow/gosrc.h"
#include "gogrow/types.h"

/* Lays out `t` on `tg` and asks for both field orders. */
static void exercise(const gg_type *t, const gg_target *tg)
{
	gg_layout l;
	gg_error err;
	if (gg_layout_of(tg, t, &l, &err) != GG_OK || t->kind != GG_STRUCT || t->measured || t->nfields > 64)
		return;
	size_t order[64];
	uint64_t offs[64];
	gg_struct_best_order(tg, t, GG_ORDER_SIZE, order, 64, &l, &err);
	gg_struct_best_order(tg, t, GG_ORDER_PTRDATA, order, 64, &l, &err);
	gg_struct_layout_in_order(tg, t, order, &l, offs, &err);
}

/* "Name" or "Name[int, string, ...]" for a generic type. */
static void name_expr(const gg_gosrc *p, size_t i, char *buf, size_t n)
{
	size_t np = gg_gosrc_type_nparams(p, i);
	int w = snprintf(buf, n, "%s", gg_gosrc_type_name(p, i));
	for (size_t k = 0; k < np && w > 0 && (size_t)w < n; k++)
		w += snprintf(buf + w, n - (size_t)w, "%s%s", k ? ", " : "[", k % 2 ? "string" : "*int");
	if (np && w > 0 && (size_t)w < n)
		snprintf(buf + w, n - (size_t)w, "]");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gg_gosrc *p = gg_gosrc_new();
	if (!p)
		return 0;
	gg_error err;
	if (gg_gosrc_add_file(p, "f.go", (const char *)data, size, &err) == GG_OK) {
		gg_gosrc_check(p, &err);
		gg_target t64, t32;
		gg_target_make("amd64", GG_GO_MAX, &t64, &err);
		gg_target_make("386", 21, &t32, &err);
		for (size_t i = 0; i < gg_gosrc_ntypes(p) && i < 64; i++) {
			char expr[512];
			name_expr(p, i, expr, sizeof expr);
			gg_typeexpr *e;
			if (gg_gosrc_type(p, expr, &e, &err) != GG_OK)
				continue;
			exercise(gg_typeexpr_root(e), &t64);
			exercise(gg_typeexpr_root(e), &t32);
			gg_typeexpr_free(e);
		}
	}
	gg_gosrc_free(p);
	return 0;
}
