/* make and growth of a map, whichever the family: the public entry points
 * of gogrow/map.h and the bookkeeping every family shares.
 *
 * The runtime's makemap and mapassign differ per family, but what
 * surrounds them does not: the compiler (cmd/compile/internal/walk,
 * walkMakeMap) decides whether the header and one bucket or group live on
 * the stack; a hint that does not fit a Go int goes through makemap64 and
 * counts as 0; keys and elems over 128 bytes are separate objects that
 * mapassign allocates per key. This file applies those and hands the rest
 * to classic_exact.c or swiss_exact.c; the seeded simulations start from
 * the same gg_makemap. Every allocation is counted through gg_map_alloc,
 * so the byte counts of make, growth and simulation agree by construction. */
#include "gogrow/malloc.h"
#include "model/maps/internal.h"
#include "model/util.h"

uint64_t gg_map_alloc(const gg_maptype *m, const char *what, uint64_t size, gg_scan noscan, uint64_t count,
		      gg_mapalloc *out)
{
	gg_mapalloc a = {what, count, size, 0, 0, 0, noscan};
	a.bytes = gg_alloc_bytes(&m->t, size, noscan, &a.sizeclass);
	a.header = gg_malloc_has_header(&m->t, size, noscan);
	if (out)
		*out = a;
	return a.bytes * count;
}

const char *gg_mapevent_name(gg_mapevent ev)
{
	switch (ev) {
	case GG_EV_FIRST_BUCKET: return "first-bucket";
	case GG_EV_DOUBLE: return "double";
	case GG_EV_SMALL: return "small-group";
	case GG_EV_TO_TABLE: return "to-table";
	case GG_EV_TABLE_GROW: return "table-grow";
	case GG_EV_SPLIT: return "split";
	}
	return "?";
}

void ggi_mapmake_add(gg_mapmake *mk, const gg_maptype *m, const char *what, uint64_t size, gg_scan noscan,
		     uint64_t count)
{
	if (mk->nallocs == GG_MAP_MAX_ALLOCS)
		return;
	mk->bytes += gg_map_alloc(m, what, size, noscan, count, &mk->allocs[mk->nallocs++]);
	mk->mallocs += count;
}

void ggi_mapstep_add(gg_mapstep *s, const gg_maptype *m, const char *what, uint64_t size, gg_scan noscan,
		     uint64_t count)
{
	if (s->nallocs == (int)(sizeof s->allocs / sizeof s->allocs[0]))
		return;
	s->alloc += gg_map_alloc(m, what, size, noscan, count, &s->allocs[s->nallocs++]);
}

/* A hint is a Go int; an int64 hint that does not fit one (32-bit ports)
 * goes through makemap64, which treats it as 0. */
static int64_t word_hint(const gg_maptype *m, int64_t hint)
{
	int64_t maxint = gg_target_maxint(&m->t);
	return hint > maxint || hint < -maxint - 1 ? 0 : hint;
}

/* walkMakeMap: a non-escaping map's header is a stack temporary, and
 * `if hint <= 8 { h.buckets = &stackBucket }` (Swiss: m.dirPtr = &group)
 * runs before makemap, compared in the hint's own type: a negative hint
 * gets the stack bucket, a hint too large for an int (makemap64 makes it
 * 0) does not. */
static void set_escape(gg_mapmake *mk, gg_mapesc esc, int64_t hint)
{
	mk->stack = esc == GG_MAPESC_STACK;
	mk->stack_storage = mk->stack && hint <= GG_MAP_SLOTS;
}

gg_status gg_makemap(const gg_maptype *m, int64_t hint, gg_mapmaker small, gg_mapmake *out, gg_error *err)
{
	return gg_makemap_esc(m, hint, small, GG_MAPESC_HEAP, out, err);
}

gg_status gg_makemap_esc(const gg_maptype *m, int64_t hint, gg_mapmaker small, gg_mapesc esc, gg_mapmake *out,
			 gg_error *err)
{
	*out = (gg_mapmake){.hint = hint, .small = small};
	if (esc != GG_MAPESC_HEAP && esc != GG_MAPESC_STACK)
		return ggi_fail(err, GG_ERR_RANGE, 0, "escape must be heap or stack");
	set_escape(out, esc, hint);
	if (out->stack)
		small = 0; /* no makemap_small call: the stack header is initialised inline */
	if (small && (hint < 0 || hint > GG_MAP_SLOTS))
		return ggi_fail(
		    err, GG_ERR_RANGE, 0,
		    "makemap_small is only used for make without a hint or a constant hint 0..8, not %lld",
		    (long long)hint);
	hint = word_hint(m, hint);
	return m->impl == GG_MAP_CLASSIC ? ggi_classic_make(m, hint, small, out, err)
					 : ggi_swiss_make(m, hint, small, out, err);
}

uint64_t ggi_map_bytes(const gg_maptype *m, uint64_t size, gg_scan noscan)
{
	return gg_alloc_bytes(&m->t, size, noscan, NULL);
}

uint64_t gg_map_entry_bytes(const gg_maptype *m)
{
	uint64_t b = 0;
	if (m->indirect_key)
		b += ggi_map_bytes(m, m->key.size, m->key.ptrdata == 0);
	if (m->indirect_elem)
		b += ggi_map_bytes(m, m->elem.size, m->elem.ptrdata == 0);
	return b;
}

/* The implementations count the map's own storage; the keys and elems
 * stored through pointers are added here, per key inserted so far. */
typedef struct entry_ctx {
	gg_mapstep_fn fn;
	void *ctx;
	uint64_t entry;
} entry_ctx;

static void add_entries(void *ctx, const gg_mapstep *s)
{
	const entry_ctx *e = ctx;
	gg_mapstep t = *s;
	uint64_t before = (uint64_t)(s->count - 1) * e->entry, now = (uint64_t)s->count * e->entry;
	t.before += before;
	t.during += now;
	t.after += now;
	t.total += now;
	if (e->fn)
		e->fn(e->ctx, &t);
}

gg_status gg_mapgrow(const gg_maptype *m, int64_t hint, int64_t n, gg_mapstep_fn fn, void *ctx,
		     gg_mapgrowth *out, gg_error *err)
{
	return gg_mapgrow_esc(m, hint, GG_MAPESC_HEAP, n, fn, ctx, out, err);
}

gg_status gg_mapgrow_esc(const gg_maptype *m, int64_t hint, gg_mapesc esc, int64_t n, gg_mapstep_fn fn,
			 void *ctx, gg_mapgrowth *out, gg_error *err)
{
	*out = (gg_mapgrowth){.n = n};
	out->make.hint = hint;
	if (esc != GG_MAPESC_HEAP && esc != GG_MAPESC_STACK)
		return ggi_fail(err, GG_ERR_RANGE, 0, "escape must be heap or stack");
	set_escape(&out->make, esc, hint);
	if (n < 0 || n > gg_target_maxint(&m->t))
		return ggi_fail(err, GG_ERR_RANGE, 0, "the number of inserts must be 0..%lld on %s",
				(long long)gg_target_maxint(&m->t), m->t.arch->name);
	hint = word_hint(m, hint);
	entry_ctx e = {fn, ctx, gg_map_entry_bytes(m)};
	return m->impl == GG_MAP_CLASSIC ? ggi_classic_grow(m, hint, n, add_entries, &e, out, err)
					 : ggi_swiss_grow(m, hint, n, add_entries, &e, out, err);
}

gg_status gg_map_stack_saving(const gg_maptype *m, int64_t hint, int64_t n, uint64_t *total, uint64_t *live,
			      gg_error *err)
{
	gg_mapmake heap, stack;
	gg_status st = gg_makemap(m, hint, 0, &heap, err);
	if (st == GG_OK)
		st = gg_makemap_esc(m, hint, 0, GG_MAPESC_STACK, &stack, err);
	if (st != GG_OK)
		return st;
	uint64_t t = heap.bytes - stack.bytes; /* the header */
	uint64_t l = t;
	if (stack.stack_storage && n >= 1) {
		int classic = m->impl == GG_MAP_CLASSIC;
		uint64_t first = ggi_map_bytes(m, classic ? m->bucket_size : m->group_size,
					       classic ? m->bucket_noscan : m->group_noscan);
		t += first;
		/* still the first bucket or group: 8 keys at most (deletes never
		 * shrink a map, so churn at len n <= 8 never grows it) */
		if (n <= GG_MAP_SLOTS)
			l += first;
	}
	*total = t;
	*live = l;
	return GG_OK;
}
