/* Classic hash maps: make and the exact part of growth.
 *
 * Source: runtime/map.go (1.16-1.23) and runtime/map_noswiss.go (1.24-1.25,
 * GOEXPERIMENT=noswissmap): makemap, makeBucketArray, mapassign, hashGrow.
 * The rules themselves (load factor, bucket array, mapextra) are in
 * classic_rules.c; the layouts and the hmap size per release in
 * map_type.c.
 *
 * makemap drops a hint whose bucket bytes would overflow or exceed maxAlloc
 * (it behaves like 0), picks the smallest B that is not over the load
 * factor, and allocates the bucket array when B > 0; when that array has
 * spare overflow buckets, a mapextra records where they start.
 *
 * Growth from there depends only on the count: mapassign calls hashGrow
 * when the new count is over the load factor, which allocates the array
 * for B+1; the old one stays referenced until every old bucket is
 * evacuated (at least one per later write). What is hash dependent, and so
 * not here, are overflow buckets beyond the spares and same-size grows,
 * which happen only when a map has 2^min(B,15) overflow buckets: the
 * seeded simulations (classic_state.c) follow those. */
#include "gogrow/map_rules.h"
#include "model/maps/internal.h"
#include "model/util.h"

/* makeBucketArray's count for this map type. */
static uint64_t bucket_count(const gg_maptype *m, int B)
{
	return gg_classic_bucket_array(&m->t, m->bucket_size, m->bucket_noscan, B);
}

gg_status ggi_classic_make(const gg_maptype *m, int64_t hint, gg_mapmaker small, gg_mapmake *out,
			   gg_error *err)
{
	(void)err;
	hint = gg_classic_makemap_hint(&m->t, m->bucket_size, hint);
	out->hint_used = hint;
	if (out->stack)
		out->stack_bytes += m->header_size;
	else
		ggi_mapmake_add(out, m, "hmap", m->header_size, 0, 1);
	if (small)
		return GG_OK;
	out->B = gg_classic_B(m->t.go, hint);
	if (out->stack_storage)
		out->stack_bytes += m->bucket_size; /* B is 0: hint <= 8 */
	if (out->B == 0)
		return GG_OK; /* buckets come with the first insert, or are on the stack */
	out->nbuckets = bucket_count(m, out->B);
	out->spare = out->nbuckets - (UINT64_C(1) << out->B);
	ggi_mapmake_add(out, m, "buckets", out->nbuckets * m->bucket_size, m->bucket_noscan, 1);
	if (gg_classic_spares_need_mapextra(0, out->nbuckets, out->B))
		ggi_mapmake_add(out, m, "mapextra", gg_classic_mapextra_size(&m->t), 0, 1);
	return GG_OK;
}

gg_status ggi_classic_grow(const gg_maptype *m, int64_t hint, int64_t n, gg_mapstep_fn fn, void *ctx,
			   gg_mapgrowth *out, gg_error *err)
{
	gg_status st = ggi_classic_make(m, hint, 0, &out->make, err);
	if (st != GG_OK)
		return st;
	const uint64_t extra_size = gg_classic_mapextra_size(&m->t);
	int B = out->make.B;
	uint64_t nb = out->make.nbuckets;
	int extra = out->make.spare != 0;
	uint64_t hdr = out->make.stack ? 0 : ggi_map_bytes(m, m->header_size, 0);
	uint64_t extra_bytes = ggi_map_bytes(m, extra_size, 0);
	uint64_t arr = nb ? ggi_map_bytes(m, nb * m->bucket_size, m->bucket_noscan) : 0;
	uint64_t total = out->make.bytes;
	out->exact_until = n;
	if (out->make.stack_storage)
		nb = 1; /* the stack bucket: hashGrow leaves it to the stack frame, arr stays 0 */
	if (n >= 1 && nb == 0) {
		/* mapassign: h.buckets = newobject(t.bucket) */
		gg_mapstep s = {.ev = GG_EV_FIRST_BUCKET, .count = 1, .B = 0, .nbuckets = 1};
		s.before = hdr;
		ggi_mapstep_add(&s, m, "bucket", m->bucket_size, m->bucket_noscan, 1);
		nb = 1;
		arr = s.alloc;
		s.during = s.after = s.before + s.alloc;
		total += s.alloc;
		s.total = total;
		out->steps++;
		if (fn)
			fn(ctx, &s);
	}
	for (;;) {
		int64_t at = gg_classic_grow_at(m->t.go, B);
		if (at > n)
			break;
		if (!gg_classic_bucket_array_fits(&m->t, m->bucket_size, m->bucket_noscan, B + 1))
			return ggi_fail(err, GG_ERR_RANGE, 0,
					"at %lld keys the bucket array for B=%d would exceed maxAlloc on %s",
					(long long)at, B + 1, m->t.arch->name);
		gg_mapstep s = {.ev = GG_EV_DOUBLE, .count = at, .B = B + 1};
		s.before = hdr + arr + (extra ? extra_bytes : 0);
		s.nbuckets = bucket_count(m, B + 1);
		ggi_mapstep_add(&s, m, "buckets", s.nbuckets * m->bucket_size, m->bucket_noscan, 1);
		uint64_t newarr = s.alloc;
		if (gg_classic_spares_need_mapextra(extra, s.nbuckets, B + 1)) {
			ggi_mapstep_add(&s, m, "mapextra", extra_size, 0, 1);
			extra = 1;
		}
		s.during = s.before + s.alloc;
		s.after = s.during - arr;
		total += s.alloc;
		s.total = total;
		B++;
		nb = s.nbuckets;
		arr = newarr;
		out->steps++;
		if (fn)
			fn(ctx, &s);
	}
	return GG_OK;
}
