/* libFuzzer target: any byte string through the type parser and, when it
 * parses, through layout on a 64-bit and a 32-bit target, through slice
 * growth and, for map types, through the map model (make with odd hints,
 * growth). Nothing may crash, leak or trip a sanitizer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gogrow/map.h"
#include "gogrow/slice.h"
#include "gogrow/types.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *src = malloc(size + 1);
	if (!src)
		return 0;
	memcpy(src, data, size);
	src[size] = 0;
	gg_typeexpr *e;
	gg_error err;
	if (gg_type_parse(src, &e, &err) == GG_OK) {
		const gg_type *t = gg_typeexpr_root(e);
		static const char *arches[] = {"amd64", "386", "mips"};
		for (int a = 0; a < 3; a++) {
			for (int go = GG_GO_MIN; go <= GG_GO_MAX; go += 5) {
				gg_target tg;
				gg_layout l;
				if (gg_target_make(arches[a], go, &tg, &err) != GG_OK)
					continue;
				if (gg_layout_of(&tg, t, &l, &err) != GG_OK)
					continue;
				uint64_t offs[8];
				size_t n;
				if (t->kind == GG_STRUCT)
					gg_struct_offsets(&tg, t, offs, 8, &n, &err);
				gg_grow g;
				gg_elem el = {l.size, l.ptrdata == 0};
				gg_growslice(&tg, el, 1000, 1000, 1 + (int64_t)(size % 5000), &g, &err);
				gg_growslice(&tg, el, 0, 0, INT32_MAX, &g, &err);
				gg_maptype m;
				for (int ns = 0; t->kind == GG_MAP && ns < 2; ns++) {
					if (gg_map_type(&tg, t, ns, &m, &err) != GG_OK)
						continue;
					static const int64_t hints[] = {-1,	0,	   9,	     897,
									100000, INT32_MAX, INT64_MAX};
					gg_mapmake mk;
					for (int h = 0; h < 7; h++) {
						gg_makemap(&m, hints[h], 0, &mk, &err);
						gg_makemap_esc(&m, hints[h], 0, GG_MAPESC_STACK, &mk, &err);
					}
					gg_mapgrowth gr;
					gg_mapgrow(&m, (int64_t)(size % 2000), 5000, NULL, NULL, &gr, &err);
					gg_mapgrow_esc(&m, (int64_t)(size % 20) - 5, GG_MAPESC_STACK, 1000,
						       NULL, NULL, &gr, &err);
					gg_mapchurn ch;
					gg_classic_seeded_runs cs;
					gg_swiss_churn(&m, (int64_t)(size % 50), (int64_t)(size % 1200), 2000,
						       1, size, &ch, &err);
					gg_classic_churn(&m, (int64_t)(size % 50), (int64_t)(size % 1200),
							 2000, 1, size, &cs, &err);
					gg_swiss_full_small_overwrite(&m);
					gg_swiss_seeded_runs ss;
					gg_swiss_seeded(&m, 0, 1000, 1, size, &ss, &err);
					gg_classic_seeded(&m, 0, 1000, 1, size, &cs, &err);
				}
			}
		}
		(void)gg_type_comparable(t);
		gg_typeexpr_free(e);
	} else {
		char caret[64];
		gg_error_caret(&err, caret, sizeof caret);
	}
	free(src);
	return 0;
}
