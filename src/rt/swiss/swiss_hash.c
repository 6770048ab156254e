/* Hashing for the runtime Swiss map: XXH3 (Debian's libxxhash) seeded per
 * map, as Go seeds each map (maps.NewMap: m.seed = uintptr(rand())) so that
 * no fixed key set collides in every map. */
#include <string.h>
#include <sys/random.h>

/* Inlined, so that swiss_probe.h's inlined XXH3 is the same code as the
 * exported hashes. */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "gogrow/rt_map.h"
#include "rt/rt_internal.h"
#include "rt/swiss/swiss_internal.h"

uint64_t gg_rt_swiss_hash_u64(const void *key, uint64_t seed)
{
	return XXH3_64bits_withSeed(key, sizeof(uint64_t), seed);
}

uint64_t gg_rt_swiss_hash_str(const void *key, uint64_t seed)
{
	const gg_rt_str *s = key;
	return XXH3_64bits_withSeed(s->p, s->len, seed);
}

static int equal_u64(const void *a, const void *b)
{
	return memcmp(a, b, sizeof(uint64_t)) == 0;
}

static int equal_str(const void *a, const void *b)
{
	const gg_rt_str *x = a, *y = b;
	return x->len == y->len && (x->len == 0 || memcmp(x->p, y->p, x->len) == 0);
}

gg_rt_swiss_type gg_rt_swiss_type_u64(size_t elem_size, size_t elem_align)
{
	return (gg_rt_swiss_type){sizeof(uint64_t),	_Alignof(uint64_t), elem_size, elem_align,
				  gg_rt_swiss_hash_u64, equal_u64,	    1};
}

gg_rt_swiss_type gg_rt_swiss_type_str(size_t elem_size, size_t elem_align)
{
	/* The key holds a pointer: not noscan. */
	return (gg_rt_swiss_type){sizeof(gg_rt_str),	_Alignof(gg_rt_str), elem_size, elem_align,
				  gg_rt_swiss_hash_str, equal_str,	     0};
}

int ggi_rt_swiss_keys(const gg_rt_swiss_type *ty)
{
	if (ty->key_size == sizeof(uint64_t) && ty->hash == gg_rt_swiss_hash_u64 && ty->equal == equal_u64)
		return GGI_KEYS_U64;
	if (ty->key_size == sizeof(gg_rt_str) && ty->hash == gg_rt_swiss_hash_str && ty->equal == equal_str)
		return GGI_KEYS_STR;
	return GGI_KEYS_ANY;
}

/* A random seed: getrandom, or (no entropy yet, a seccomp sandbox) the
 * clock mixed with an address, which still differs from map to map. */
uint64_t ggi_rt_swiss_random_seed(const void *salt)
{
	uint64_t s;
	if (getrandom(&s, sizeof s, GRND_NONBLOCK) == (ssize_t)sizeof s)
		return s;
	uint64_t mix[2] = {ggi_rt_now_ns(), (uint64_t)(uintptr_t)salt};
	return XXH3_64bits(mix, sizeof mix);
}
