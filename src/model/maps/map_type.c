/* Map types: which implementation a release uses and how the compiler lays
 * out its storage.
 *
 * The compiler builds the storage type as an ordinary struct and lays it
 * out with the normal rules (cmd/compile/internal/types/size.go), so we do
 * the same: we build the struct gc builds and hand it to gg_layout_of.
 *  - classic: MapBucketType in cmd/compile/internal/reflectdata/reflect.go
 *    (1.16-1.23; map_noswiss.go in 1.24-1.25):
 *      struct{topbits [8]uint8; keys [8]K'; elems [8]E'; overflow P}
 *    where the overflow field is uintptr when neither K' nor E' holds
 *    pointers (so the bucket is noscan) and unsafe.Pointer otherwise. gc
 *    then insists the overflow word ends the struct; an 8-aligned key on a
 *    32-bit port breaks that and the compiler dies with an internal error.
 *  - Swiss: MapGroupType in reflectdata/map_swiss.go (1.24-1.25) / map.go
 *    (1.26+): struct{ctrl uint64; slots [8]struct{key K'; elem E'}}. The
 *    slot is a plain struct, so a zero-size elem after a key gets the
 *    trailing-zero-size-field byte (map[int64]struct{} has 16-byte slots).
 * K'/E' is the type itself, or a pointer to it above 128 bytes.
 *
 * Headers: hmap is {count int; flags, B uint8; noverflow uint16; hash0
 * uint32; buckets, oldbuckets unsafe.Pointer; nevacuate uintptr; extra
 * *mapextra} = 8+5P, and 1.24-1.25's map_noswiss.go inserts clearSeq
 * uint64 before extra: 16+5P. maps.Map (internal/runtime/maps/map.go) is
 * {used uint64; seed uintptr; dirPtr unsafe.Pointer; dirLen int;
 * globalDepth, globalShift, writing uint8 (+ tombstonePossible bool in
 * 1.25+, inside the padding); clearSeq uint64} = 16+4P; a table (table.go)
 * {used, capacity, growthLeft uint16; localDepth uint8; index int; groups
 * {data unsafe.Pointer; lengthMask uint64}} = 16+2P. The uint64 fields are
 * only 4-aligned on 32-bit ports, which is why these sums need no padding
 * there. */
#include <stdio.h>

#include "gogrow/malloc.h"
#include "gogrow/map.h"
#include "model/maps/internal.h"
#include "model/util.h"

gg_status gg_map_impl(int go, int noswissmap, gg_mapimpl *out, gg_error *err)
{
	if (go < GG_GO_MIN || go > GG_GO_MAX)
		return gg_fail(err, GG_ERR_RELEASE, 0, "go1.%d is outside go1.%d..go1.%d", go, GG_GO_MIN,
			       GG_GO_MAX);
	if (noswissmap && go >= 26)
		return gg_fail(
		    err, GG_ERR_UNSUPPORTED, 0,
		    "go1.%d has no classic map: GOEXPERIMENT=noswissmap exists only in go1.24 and go1.25",
		    go);
	*out = go >= 24 && !noswissmap ? GG_MAP_SWISS : GG_MAP_CLASSIC;
	return GG_OK;
}

static const gg_type t_u8 = {.kind = GG_UINT8};
static const gg_type t_u64 = {.kind = GG_UINT64};
static const gg_type t_uintptr = {.kind = GG_UINTPTR};
static const gg_type t_unsafeptr = {.kind = GG_UNSAFE_POINTER};
static const gg_type t_ptr = {.kind = GG_POINTER};

static gg_status bucket_layout(gg_maptype *m, const gg_type *k, const gg_type *e, gg_error *err)
{
	const gg_type tophash = {.kind = GG_ARRAY, .elem = &t_u8, .len = GG_MAP_SLOTS};
	const gg_type keys = {.kind = GG_ARRAY, .elem = k, .len = GG_MAP_SLOTS};
	const gg_type elems = {.kind = GG_ARRAY, .elem = e, .len = GG_MAP_SLOTS};
	const gg_field f[4] = {
	    {"topbits", &tophash, 0},
	    {"keys", &keys, 0},
	    {"elems", &elems, 0},
	    {"overflow", m->bucket_noscan ? &t_uintptr : &t_unsafeptr, 0},
	};
	const gg_type bucket = {.kind = GG_STRUCT, .nfields = 4, .fields = f};
	gg_layout l;
	uint64_t offs[4];
	size_t n;
	gg_status st = gg_struct_offsets(&bucket, &m->t, offs, 4, &n, err);
	if (st == GG_OK)
		st = gg_layout_of(&bucket, &m->t, &l, err);
	if (st != GG_OK)
		return st;
	m->bucket_size = l.size;
	m->keys_off = offs[1];
	m->elems_off = offs[2];
	m->overflow_off = offs[3];
	if (m->overflow_off != l.size - (uint64_t)m->t.arch->ptr_size)
		return gg_fail(
		    err, GG_ERR_TYPE, 0,
		    "the gc compiler fails on this map type on %s (internal compiler error: bad offset of "
		    "overflow in bmap: overflow at %llu, bucket size %llu)",
		    m->t.arch->name, (unsigned long long)m->overflow_off, (unsigned long long)l.size);
	return GG_OK;
}

static gg_status group_layout(gg_maptype *m, const gg_type *k, const gg_type *e, gg_error *err)
{
	const gg_field sf[2] = {{"key", k, 0}, {"elem", e, 0}};
	const gg_type slot = {.kind = GG_STRUCT, .nfields = 2, .fields = sf};
	const gg_type slots = {.kind = GG_ARRAY, .elem = &slot, .len = GG_MAP_SLOTS};
	const gg_field gf[2] = {{"ctrl", &t_u64, 0}, {"slots", &slots, 0}};
	const gg_type group = {.kind = GG_STRUCT, .nfields = 2, .fields = gf};
	gg_layout sl, gl;
	uint64_t offs[2];
	size_t n;
	gg_status st = gg_layout_of(&slot, &m->t, &sl, err);
	if (st == GG_OK)
		st = gg_struct_offsets(&slot, &m->t, offs, 2, &n, err);
	if (st == GG_OK)
		st = gg_layout_of(&group, &m->t, &gl, err);
	if (st != GG_OK)
		return st;
	m->slot_size = sl.size;
	m->slot_elem_off = offs[1];
	m->group_size = gl.size;
	m->group_noscan = gl.ptrdata == 0;
	return GG_OK;
}

gg_status gg_map_type(const gg_type *mt, const gg_target *t, int noswissmap, gg_maptype *out, gg_error *err)
{
	*out = (gg_maptype){.t = *t};
	if (!mt || mt->kind != GG_MAP || !mt->key || !mt->elem)
		return gg_fail(err, GG_ERR_TYPE, mt ? mt->column : 0, "not a map type");
	gg_status st = gg_map_impl(t->go, noswissmap, &out->impl, err);
	if (st == GG_OK)
		st = gg_layout_of(mt->key, t, &out->key, err);
	if (st == GG_OK)
		st = gg_layout_of(mt->elem, t, &out->elem, err);
	if (st != GG_OK)
		return st;
	const uint64_t P = (uint64_t)t->arch->ptr_size;
	const gg_layout ptr = {P, P, P};
	const gg_type *k = mt->key, *e = mt->elem;
	out->indirect_key = out->key.size > GG_MAP_MAX_INLINE;
	out->indirect_elem = out->elem.size > GG_MAP_MAX_INLINE;
	out->kslot = out->indirect_key ? ptr : out->key;
	out->eslot = out->indirect_elem ? ptr : out->elem;
	if (out->indirect_key)
		k = &t_ptr;
	if (out->indirect_elem)
		e = &t_ptr;
	if (out->impl == GG_MAP_CLASSIC) {
		out->header_size = (t->go >= 24 ? 16 : 8) + 5 * P;
		out->bucket_noscan = out->kslot.ptrdata == 0 && out->eslot.ptrdata == 0;
		return bucket_layout(out, k, e, err);
	}
	out->header_size = 16 + 4 * P;
	out->table_size = 16 + 2 * P;
	return group_layout(out, k, e, err);
}

uint64_t gg_map_alloc(const gg_maptype *m, const char *what, uint64_t size, int noscan, uint64_t count,
		      gg_mapalloc *out)
{
	gg_mapalloc a = {what, count, size, 0, 0, 0, noscan};
	a.bytes = gg_alloc_bytes(size, noscan, &m->t, &a.sizeclass);
	a.header = gg_malloc_has_header(size, noscan, &m->t);
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

void gg_mapmake_add(gg_mapmake *mk, const gg_maptype *m, const char *what, uint64_t size, int noscan,
		    uint64_t count)
{
	if (mk->nallocs == GG_MAP_MAX_ALLOCS)
		return;
	mk->bytes += gg_map_alloc(m, what, size, noscan, count, &mk->allocs[mk->nallocs++]);
	mk->mallocs += count;
}

void gg_mapstep_add(gg_mapstep *s, const gg_maptype *m, const char *what, uint64_t size, int noscan,
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

gg_status gg_makemap(const gg_maptype *m, int64_t hint, int small, gg_mapmake *out, gg_error *err)
{
	return gg_makemap_esc(m, hint, small, GG_MAPESC_HEAP, out, err);
}

gg_status gg_makemap_esc(const gg_maptype *m, int64_t hint, int small, gg_mapesc esc, gg_mapmake *out,
			 gg_error *err)
{
	*out = (gg_mapmake){.hint = hint, .small = small};
	if (esc != GG_MAPESC_HEAP && esc != GG_MAPESC_STACK)
		return gg_fail(err, GG_ERR_RANGE, 0, "escape must be heap or stack");
	set_escape(out, esc, hint);
	if (out->stack)
		small = 0; /* no makemap_small call: the stack header is initialised inline */
	if (small && (hint < 0 || hint > GG_MAP_SLOTS))
		return gg_fail(
		    err, GG_ERR_RANGE, 0,
		    "makemap_small is only used for make without a hint or a constant hint 0..8, not %lld",
		    (long long)hint);
	hint = word_hint(m, hint);
	return m->impl == GG_MAP_CLASSIC ? gg_classic_make(m, hint, small, out, err)
					 : gg_swiss_make(m, hint, small, out, err);
}

uint64_t gg_map_entry_bytes(const gg_maptype *m)
{
	uint64_t b = 0;
	if (m->indirect_key)
		b += gg_alloc_bytes(m->key.size, m->key.ptrdata == 0, &m->t, NULL);
	if (m->indirect_elem)
		b += gg_alloc_bytes(m->elem.size, m->elem.ptrdata == 0, &m->t, NULL);
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
		return gg_fail(err, GG_ERR_RANGE, 0, "escape must be heap or stack");
	set_escape(&out->make, esc, hint);
	if (n < 0 || n > gg_target_maxint(&m->t))
		return gg_fail(err, GG_ERR_RANGE, 0, "the number of inserts must be 0..%lld on %s",
			       (long long)gg_target_maxint(&m->t), m->t.arch->name);
	hint = word_hint(m, hint);
	entry_ctx e = {fn, ctx, gg_map_entry_bytes(m)};
	return m->impl == GG_MAP_CLASSIC ? gg_classic_grow(m, hint, n, add_entries, &e, out, err)
					 : gg_swiss_grow(m, hint, n, add_entries, &e, out, err);
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
		uint64_t first = gg_alloc_bytes(classic ? m->bucket_size : m->group_size,
						classic ? m->bucket_noscan : m->group_noscan, &m->t, NULL);
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
