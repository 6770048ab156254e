/* gogrow explain 'map[K]V' --hint H | --count N: how make sizes a map and
 * how it grows, step by step, each step naming the Go source it follows.
 * The numbers come from the map model (include/gogrow/map.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/explain.h"
#include "gogrow/map.h"

static void allocs(explainer *x, const gg_mapalloc *a, int n, const char *src)
{
	for (int i = 0; i < n; i++) {
		char hdr[64] = "";
		if (a[i].header)
			snprintf(hdr, sizeof hdr, " (+8-byte malloc header, go1.22+)");
		explain_step(x, src, "allocate %llu x %s of %llu bytes: %llu bytes each on the heap, %s%s",
			     (unsigned long long)a[i].count, a[i].what, (unsigned long long)a[i].size,
			     (unsigned long long)a[i].bytes,
			     a[i].sizeclass ? "a size class" : "whole 8 KiB pages", hdr);
	}
}

static void layout_steps(explainer *x, const gg_maptype *m)
{
	explain_step(x, "cmd/compile/internal/types/size.go CalcSize",
		     "key %llu bytes, %s; elem %llu bytes, %s", (unsigned long long)m->key.size,
		     m->indirect_key ? "over 128: stored through a pointer" : "inline",
		     (unsigned long long)m->elem.size,
		     m->indirect_elem ? "over 128: stored through a pointer" : "inline");
	if (m->impl == GG_MAP_CLASSIC)
		explain_step(
		    x,
		    m->t.go >= 24 ? "runtime/map_noswiss.go, reflectdata/map_noswiss.go"
				  : "runtime/map.go, reflectdata MapBucketType",
		    "classic map: hmap header %llu bytes; bucket = tophash[8] + 8 keys + 8 elems + overflow "
		    "pointer = %llu bytes (%s)",
		    (unsigned long long)m->header_size, (unsigned long long)m->bucket_size,
		    m->bucket_noscan ? "no pointers" : "has pointers");
	else
		explain_step(x, "internal/runtime/maps/group.go, internal/abi/map.go",
			     "swiss map: Map header %llu bytes; slot {key; elem} = %llu bytes; group = 8 "
			     "control bytes "
			     "+ 8 slots = %llu bytes; table header %llu bytes",
			     (unsigned long long)m->header_size, (unsigned long long)m->slot_size,
			     (unsigned long long)m->group_size, (unsigned long long)m->table_size);
}

static int explain_make(explainer *x, const gg_maptype *m, int64_t hint)
{
	gg_mapmake mk;
	gg_error err = {0};
	if (gg_makemap(m, hint, 0, &mk, &err) != GG_OK) {
		explain_step(x, "runtime makemap", "make fails: %s", err.msg);
		return cli_exit(err.code);
	}
	if (mk.hint_used != hint)
		explain_step(x, "runtime makemap", "hint %lld is negative or too large: the runtime uses 0",
			     (long long)hint);
	if (m->impl == GG_MAP_CLASSIC) {
		int lf10 = m->t.go == 21 ? 60 : 65;
		explain_step(
		    x, "runtime/map.go makemap, overLoadFactor",
		    "B = %d: the smallest B with hint <= 8 or hint <= %d.%d x 2^B (load factor %d.%d%s)",
		    mk.B, lf10 / 10, lf10 % 10, lf10 / 10, lf10 % 10,
		    m->t.go == 21 ? ", go1.21's accidental 12/2" : "");
		if (mk.B == 0)
			explain_step(x, "runtime/map.go makemap",
				     "B = 0: no bucket array yet; the first insert allocates one bucket");
		else
			explain_step(x, "runtime/map.go makeBucketArray",
				     "%llu buckets: 2^%d%s, rounded up to fill the allocation's size class",
				     (unsigned long long)mk.nbuckets, mk.B,
				     mk.B >= 4 ? " plus 2^(B-4) preallocated overflow buckets" : "");
	} else if (mk.dirlen == 0)
		explain_step(
		    x, "internal/runtime/maps/map.go NewMap",
		    "hint <= 8: a small map, no table; the first insert allocates one group of 8 slots");
	else
		explain_step(
		    x, "internal/runtime/maps/map.go NewMap",
		    "target = hint x 8/7 = %llu slots; directory of %llu table(s) (global depth %d), each of "
		    "capacity %llu slots = %llu groups, %llu inserts before it must grow",
		    (unsigned long long)mk.target, (unsigned long long)mk.dirlen, mk.global_depth,
		    (unsigned long long)mk.table_cap, (unsigned long long)(mk.table_cap / 8),
		    (unsigned long long)mk.growth_left);
	allocs(x, mk.allocs, mk.nallocs, "runtime/malloc.go mallocgc, runtime/msize.go roundupsize");
	explain_step(x, "runtime.MemStats", "make allocates %llu bytes in %llu allocations",
		     (unsigned long long)mk.bytes, (unsigned long long)mk.mallocs);
	return EXIT_OK;
}

typedef struct growctx {
	explainer *x;
	const gg_maptype *m;
} growctx;

static void grow_step(void *ctx, const gg_mapstep *s)
{
	growctx *g = ctx;
	const char *src = g->m->impl == GG_MAP_CLASSIC ? "runtime/map.go mapassign, hashGrow, growWork"
						       : "internal/runtime/maps/table.go rehash, grow, split";
	char shape[96];
	if (g->m->impl == GG_MAP_CLASSIC)
		snprintf(shape, sizeof shape, "B = %d, %llu buckets", s->B, (unsigned long long)s->nbuckets);
	else
		snprintf(shape, sizeof shape, "%llu table(s), %llu slots", (unsigned long long)s->tables,
			 (unsigned long long)s->capacity);
	explain_step(
	    g->x, src,
	    "key %lld: %s -> %s; allocates %llu bytes; live %llu -> %llu while the old storage is referenced "
	    "-> %llu after; %llu allocated since make",
	    (long long)s->count, gg_mapevent_name(s->ev), shape, (unsigned long long)s->alloc,
	    (unsigned long long)s->before, (unsigned long long)s->during, (unsigned long long)s->after,
	    (unsigned long long)s->total);
}

int explain_map(explainer *x, const gg_type *t, const gg_target *tg, int64_t hint, int64_t count)
{
	gg_maptype m;
	gg_error err = {0};
	if (gg_map_type(tg, t, 0, &m, &err) != GG_OK) {
		cli_gg_error(&err);
		return cli_exit(err.code);
	}
	layout_steps(x, &m);
	int rc = explain_make(x, &m, hint);
	if (rc != EXIT_OK || count <= 0)
		return rc;
	growctx g = {x, &m};
	gg_mapgrowth gr;
	if (gg_mapgrow(&m, hint, count, grow_step, &g, &gr, &err) != GG_OK) {
		explain_step(x, "runtime mapassign", "inserting fails: %s", err.msg);
		return cli_exit(err.code);
	}
	if (gr.steps == 0)
		explain_step(x, "runtime mapassign", "%lld inserts fit: no growth", (long long)count);
	if (count > gr.exact_until)
		explain_step(
		    x, "internal/runtime/maps/table.go split",
		    "exact up to key %lld; after that which table fills and splits first depends on the hash "
		    "seed (gogrow map --grow %lld --sim R shows the spread)",
		    (long long)gr.exact_until, (long long)count);
	return EXIT_OK;
}
