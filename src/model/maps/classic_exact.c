/* Classic hash maps: make and growth.
 *
 * Source: runtime/map.go (1.16-1.23) and runtime/map_noswiss.go (1.24-1.25,
 * GOEXPERIMENT=noswissmap): makemap, makeBucketArray, overLoadFactor,
 * mapassign, hashGrow. The code is the same in every release apart from
 * three things we model: the load factor is 13/2 except in 1.21, where
 * loadFactorNum was written (bucketCnt*13/16)*loadFactorDen and truncates
 * to 12 (golang/go#63438, never back-ported); 1.22+ round the bucket array
 * with roundupsize(size, noscan) (the malloc header); 1.24-1.25's hmap has
 * an extra clearSeq field (see map.c).
 *
 * makemap drops a hint whose bucket bytes would overflow or exceed maxAlloc
 * (it behaves like 0; a negative hint overflows as a uintptr), picks the
 * smallest B that is not over the load factor, and allocates 2^B buckets
 * when B > 0. From B = 4 makeBucketArray adds 2^(B-4) spare overflow
 * buckets and then as many more as fit in the rounded-up allocation; when
 * there are spares, a mapextra records where they start.
 *
 * Growth from there only depends on the count: mapassign calls hashGrow
 * when the new count is over the load factor, which allocates the array for
 * B+1; the old one stays referenced until every old bucket is evacuated
 * (at least one per later write). What is hash dependent, and so not here,
 * are overflow buckets beyond the spares and same-size grows, which happen
 * only when a map has 2^min(B,15) overflow buckets. */
#include "gogrow/malloc.h"
#include "model/maps/internal.h"
#include "model/util.h"

static uint64_t word_mask(const gg_target *t)
{
	return t->arch->ptr_size == 8 ? UINT64_MAX : UINT64_C(0xffffffff);
}

static uint64_t load_num(int go)
{
	return go == 21 ? 12 : 13; /* loadFactorDen is 2 */
}

/* overLoadFactor(count, B): count > bucketCnt && count > num*(2^B/2).
 * Saturating arithmetic: B never gets near 64 in a real map. */
static int over_load(int64_t count, int B, int go)
{
	if (count <= GG_MAP_SLOTS)
		return 0;
	if (B >= 62)
		return 0;
	uint64_t lim = load_num(go) * ((UINT64_C(1) << B) / 2);
	return (uint64_t)count > lim;
}

int gg_classic_B(int64_t count, int go)
{
	int B = 0;
	while (over_load(count, B, go))
		B++;
	return B;
}

int64_t gg_classic_grow_at(int B, int go)
{
	if (B < 0 || B >= 62)
		return INT64_MAX;
	uint64_t lim = load_num(go) * ((UINT64_C(1) << B) / 2);
	if (lim < GG_MAP_SLOTS)
		lim = GG_MAP_SLOTS;
	return lim >= (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)lim + 1;
}

/* makeBucketArray(B): buckets allocated, spares included. */
static uint64_t bucket_count(const gg_maptype *m, int B)
{
	const uint64_t mask = word_mask(&m->t);
	uint64_t base = UINT64_C(1) << B, n = base;
	if (B >= 4) {
		n += UINT64_C(1) << (B - 4);
		uint64_t sz = (m->bucket_size * n) & mask;
		uint64_t up = gg_roundupsize(sz, m->bucket_noscan, &m->t);
		if (up != sz)
			n = up / m->bucket_size;
	}
	return n;
}

/* Whether newarray(bucket, n) stays within maxAlloc (else it panics). */
static int array_fits(const gg_maptype *m, int B)
{
	if (B >= 62)
		return 0;
	uint64_t base = UINT64_C(1) << B;
	if (base > m->t.arch->max_alloc / m->bucket_size)
		return 0;
	return bucket_count(m, B) <= m->t.arch->max_alloc / m->bucket_size;
}

gg_status gg_classic_make(const gg_maptype *m, int64_t hint, int small, gg_mapmake *out, gg_error *err)
{
	(void)err;
	const uint64_t mask = word_mask(&m->t);
	uint64_t uh = (uint64_t)hint & mask;
	/* math.MulUintptr(uintptr(hint), bucketsize) */
	if ((uh != 0 && m->bucket_size > mask / uh) || uh * m->bucket_size > m->t.arch->max_alloc)
		hint = 0;
	out->hint_used = hint;
	if (out->stack)
		out->stack_bytes += m->header_size;
	else
		gg_mapmake_add(out, m, "hmap", m->header_size, 0, 1);
	if (small)
		return GG_OK;
	out->B = gg_classic_B(hint, m->t.go);
	if (out->stack_storage)
		out->stack_bytes += m->bucket_size; /* B is 0: hint <= 8 */
	if (out->B == 0)
		return GG_OK; /* buckets come with the first insert, or are on the stack */
	out->nbuckets = bucket_count(m, out->B);
	out->spare = out->nbuckets - (UINT64_C(1) << out->B);
	gg_mapmake_add(out, m, "buckets", out->nbuckets * m->bucket_size, m->bucket_noscan, 1);
	if (out->spare)
		gg_mapmake_add(out, m, "mapextra", 3 * (uint64_t)m->t.arch->ptr_size, 0, 1);
	return GG_OK;
}

gg_status gg_classic_grow(const gg_maptype *m, int64_t hint, int64_t n, gg_mapstep_fn fn, void *ctx,
			  gg_mapgrowth *out, gg_error *err)
{
	gg_status st = gg_classic_make(m, hint, 0, &out->make, err);
	if (st != GG_OK)
		return st;
	const uint64_t extra_size = 3 * (uint64_t)m->t.arch->ptr_size;
	int B = out->make.B;
	uint64_t nb = out->make.nbuckets;
	int extra = out->make.spare != 0;
	uint64_t hdr = out->make.stack ? 0 : gg_alloc_bytes(m->header_size, 0, &m->t, NULL);
	uint64_t extra_bytes = gg_alloc_bytes(extra_size, 0, &m->t, NULL);
	uint64_t arr = nb ? gg_alloc_bytes(nb * m->bucket_size, m->bucket_noscan, &m->t, NULL) : 0;
	uint64_t total = out->make.bytes;
	out->exact_until = n;
	if (out->make.stack_storage)
		nb = 1; /* the stack bucket: hashGrow leaves it to the stack frame, arr stays 0 */
	if (n >= 1 && nb == 0) {
		/* mapassign: h.buckets = newobject(t.bucket) */
		gg_mapstep s = {.ev = GG_EV_FIRST_BUCKET, .count = 1, .B = 0, .nbuckets = 1};
		s.before = hdr;
		gg_mapstep_add(&s, m, "bucket", m->bucket_size, m->bucket_noscan, 1);
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
		int64_t at = gg_classic_grow_at(B, m->t.go);
		if (at > n)
			break;
		if (!array_fits(m, B + 1))
			return gg_fail(err, GG_ERR_RANGE, 0,
				       "at %lld keys the bucket array for B=%d would exceed maxAlloc on %s",
				       (long long)at, B + 1, m->t.arch->name);
		gg_mapstep s = {.ev = GG_EV_DOUBLE, .count = at, .B = B + 1};
		s.before = hdr + arr + (extra ? extra_bytes : 0);
		s.nbuckets = bucket_count(m, B + 1);
		gg_mapstep_add(&s, m, "buckets", s.nbuckets * m->bucket_size, m->bucket_noscan, 1);
		uint64_t newarr = s.alloc;
		if (s.nbuckets != (UINT64_C(1) << (B + 1)) && !extra) {
			gg_mapstep_add(&s, m, "mapextra", extra_size, 0, 1);
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
