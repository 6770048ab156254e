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
#include "gogrow/map.h"
#include "model/util.h"

gg_status gg_map_impl(int go, gg_mapexp noswissmap, gg_mapimpl *out, gg_error *err)
{
	if (go < GG_GO_MIN || go > GG_GO_MAX)
		return ggi_fail(err, GG_ERR_RELEASE, 0, "go1.%d is outside go1.%d..go1.%d", go, GG_GO_MIN,
				GG_GO_MAX);
	if (noswissmap && go >= 26)
		return ggi_fail(
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

/* The layout of a struct gc builds and the offsets of its fields. */
static gg_status struct_layout(const gg_type *st, const gg_target *t, gg_layout *l, uint64_t *offs,
			       gg_error *err)
{
	size_t n;
	gg_status r = gg_struct_offsets(t, st, offs, st->nfields, &n, err);
	return r == GG_OK ? gg_layout_of(t, st, l, err) : r;
}

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
	gg_status st = struct_layout(&bucket, &m->t, &l, offs, err);
	if (st != GG_OK)
		return st;
	m->bucket_size = l.size;
	m->keys_off = offs[1];
	m->elems_off = offs[2];
	m->overflow_off = offs[3];
	if (m->overflow_off != l.size - (uint64_t)m->t.arch->ptr_size)
		return ggi_fail(
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
	gg_status st = struct_layout(&slot, &m->t, &sl, offs, err);
	if (st == GG_OK)
		st = gg_layout_of(&m->t, &group, &gl, err);
	if (st != GG_OK)
		return st;
	m->slot_size = sl.size;
	m->slot_elem_off = offs[1];
	m->group_size = gl.size;
	m->group_noscan = gl.ptrdata == 0;
	return GG_OK;
}

gg_status gg_map_type(const gg_target *t, const gg_type *mt, gg_mapexp noswissmap, gg_maptype *out,
		      gg_error *err)
{
	*out = (gg_maptype){.t = *t};
	if (!mt || mt->kind != GG_MAP || !mt->key || !mt->elem)
		return ggi_fail(err, GG_ERR_TYPE, mt ? mt->column : 0, "not a map type");
	gg_status st = gg_map_impl(t->go, noswissmap, &out->impl, err);
	if (st == GG_OK)
		st = gg_layout_of(t, mt->key, &out->key, err);
	if (st == GG_OK)
		st = gg_layout_of(t, mt->elem, &out->elem, err);
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
