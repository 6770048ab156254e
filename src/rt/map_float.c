/* Float keys with Go's == (runtime/alg.go: f32hash, f64hash, f32equal,
 * f64equal), for both runtime maps.
 *
 * +0 and -0 are equal, so they must hash alike: both hash as +0. NaN is
 * equal to nothing, itself included, so no lookup or delete ever finds a
 * NaN key and every insert of one adds an entry; Go then hashes each NaN
 * with a fresh random value so that a loop of m[NaN] = v spreads its
 * entries instead of chaining them all into one bucket or probe sequence.
 * The maps do the rest: they never trust a second hash of a key that is
 * unequal to itself (classic_grow.c, classic_iter.c, swiss_iter.c). */
#include <stdint.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "gogrow/rt_map.h"
#include "rt/rt_internal.h"
#include "rt/swiss/swiss_internal.h"

/* Go's rand() for a NaN's hash: per thread, so the hash functions need no
 * lock; seeded from the system on a thread's first NaN. */
static _Thread_local uint64_t nan_state;
static _Thread_local int nan_seeded;

static uint64_t nan_rand(void)
{
	if (!nan_seeded) {
		nan_state = ggi_rt_swiss_random_seed(&nan_state);
		nan_seeded = 1;
	}
	return ggi_rt_splitmix64(&nan_state);
}

uint64_t gg_rt_swiss_hash_f64(const void *key, uint64_t seed)
{
	double f;
	memcpy(&f, key, sizeof f);
	if (f == 0)
		f = 0; /* -0 hashes as +0 */
	else if (f != f)
		return XXH3_64bits_withSeed(&(uint64_t){nan_rand()}, sizeof(uint64_t), seed);
	return XXH3_64bits_withSeed(&f, sizeof f, seed);
}

uint64_t gg_rt_swiss_hash_f32(const void *key, uint64_t seed)
{
	float f;
	memcpy(&f, key, sizeof f);
	if (f == 0)
		f = 0;
	else if (f != f)
		return XXH3_64bits_withSeed(&(uint64_t){nan_rand()}, sizeof(uint64_t), seed);
	return XXH3_64bits_withSeed(&f, sizeof f, seed);
}

static int equal_f64(const void *a, const void *b)
{
	double x, y;
	memcpy(&x, a, sizeof x);
	memcpy(&y, b, sizeof y);
	return x == y;
}

static int equal_f32(const void *a, const void *b)
{
	float x, y;
	memcpy(&x, a, sizeof x);
	memcpy(&y, b, sizeof y);
	return x == y;
}

gg_rt_swiss_type gg_rt_swiss_type_f64(size_t elem_size, size_t elem_align)
{
	return (gg_rt_swiss_type){sizeof(double),	_Alignof(double), elem_size, elem_align,
				  gg_rt_swiss_hash_f64, equal_f64,	  1};
}

gg_rt_swiss_type gg_rt_swiss_type_f32(size_t elem_size, size_t elem_align)
{
	return (gg_rt_swiss_type){sizeof(float),	_Alignof(float), elem_size, elem_align,
				  gg_rt_swiss_hash_f32, equal_f32,	 1};
}
