/* The rules of Go's classic hash map, each written once.
 *
 * Source: runtime/map.go (1.16-1.23) and runtime/map_noswiss.go (1.24-1.25,
 * GOEXPERIMENT=noswissmap). The map is an hmap header and an array of 2^B
 * buckets of bucketCnt (8) slots; a full bucket chains overflow buckets.
 * The code is the same in every release we model apart from the load
 * factor of 1.21 (see gg_classic_load_factor_num) and the rounding of the
 * bucket array, which follows the allocator's size classes (malloc.c).
 *
 * When a map grows is decided by two rules that mapassign checks before an
 * insert while no grow is in progress: overLoadFactor(count+1, B) doubles
 * the array (B+1); tooManyOverflowBuckets(noverflow, B) starts a same-size
 * grow that rebuilds the chains compactly. hashGrow allocates the new
 * array; later writes evacuate the old buckets (growWork: the written
 * key's old bucket, then the one at nevacuate), and advanceEvacuationMark
 * bounds how far it scans. makeBucketArray preallocates spare overflow
 * buckets from B 4. Everything that depends on the hash seed (which bucket
 * a key lands in) is simulated elsewhere (classic_state.c) with these
 * same rules. */
#include "gogrow/malloc.h"
#include "gogrow/map_rules.h"
#include "model/maps/internal.h"

uint64_t gg_classic_load_factor_num(int go)
{
	return go == 21 ? 12 : 13;
}

/* loadFactorNum*(bucketShift(B)/loadFactorDen), saturating: B never gets
 * near 62 in a real map. */
static uint64_t load_limit(int B, int go)
{
	return gg_classic_load_factor_num(go) * ((UINT64_C(1) << B) / GG_CLASSIC_LOAD_FACTOR_DEN);
}

int gg_classic_over_load_factor(int go, int64_t count, int B)
{
	if (count <= GG_MAP_SLOTS || B < 0 || B >= 62)
		return 0;
	return (uint64_t)count > load_limit(B, go);
}

int gg_classic_B(int go, int64_t count)
{
	int B = 0;
	while (gg_classic_over_load_factor(go, count, B))
		B++;
	return B;
}

int64_t gg_classic_grow_at(int go, int B)
{
	if (B < 0 || B >= 62)
		return INT64_MAX;
	uint64_t lim = load_limit(B, go);
	if (lim < GG_MAP_SLOTS)
		lim = GG_MAP_SLOTS;
	return lim >= (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)lim + 1;
}

int gg_classic_too_many_overflow(uint64_t noverflow, int B)
{
	if (B > GG_CLASSIC_NOVERFLOW_MAX_B)
		B = GG_CLASSIC_NOVERFLOW_MAX_B;
	if (B < 0)
		B = 0;
	return noverflow >= (UINT64_C(1) << B);
}

uint32_t gg_classic_noverflow_mask(int B)
{
	if (B <= GG_CLASSIC_NOVERFLOW_MAX_B)
		return 0;
	if (B - GG_CLASSIC_NOVERFLOW_MAX_B >= 32)
		return UINT32_MAX;
	return (UINT32_C(1) << (B - GG_CLASSIC_NOVERFLOW_MAX_B)) - 1;
}

uint64_t gg_classic_evacuation_stop(uint64_t nevacuate, uint64_t newbit)
{
	return nevacuate + GG_CLASSIC_EVACUATION_SCAN < newbit ? nevacuate + GG_CLASSIC_EVACUATION_SCAN
							       : newbit;
}

uint64_t gg_classic_bucket_array(const gg_target *t, uint64_t bucket_size, gg_scan noscan, int B)
{
	const uint64_t mask = ggi_word_mask(t);
	uint64_t n = UINT64_C(1) << B;
	if (B >= 4) {
		n += UINT64_C(1) << (B - 4);
		uint64_t sz = (bucket_size * n) & mask;
		uint64_t up = gg_roundupsize(t, sz, noscan);
		if (up != sz)
			n = up / bucket_size;
	}
	return n;
}

int gg_classic_bucket_array_fits(const gg_target *t, uint64_t bucket_size, gg_scan noscan, int B)
{
	if (B < 0 || B >= 62 || bucket_size == 0)
		return 0;
	uint64_t most = t->arch->max_alloc / bucket_size;
	if ((UINT64_C(1) << B) > most)
		return 0;
	return gg_classic_bucket_array(t, bucket_size, noscan, B) <= most;
}

int64_t gg_classic_makemap_hint(const gg_target *t, uint64_t bucket_size, int64_t hint)
{
	const uint64_t mask = ggi_word_mask(t);
	uint64_t uh = (uint64_t)hint & mask;
	/* math.MulUintptr(uintptr(hint), bucketsize) */
	if ((uh != 0 && bucket_size > mask / uh) || uh * bucket_size > t->arch->max_alloc)
		return 0;
	return hint;
}

uint64_t gg_classic_mapextra_size(const gg_target *t)
{
	return 3 * (uint64_t)t->arch->ptr_size;
}

int gg_classic_spares_need_mapextra(int have_extra, uint64_t nbuckets, int B)
{
	return !have_extra && nbuckets != (UINT64_C(1) << B);
}
