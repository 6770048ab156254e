/* Helpers shared by the runtime classic map tests: three key kinds over
 * the Swiss tests' key universe (swiss_testutil.h): uint64 keys, string
 * keys, and 144-byte keys with 160-byte elems, both over the 128-byte
 * limit, so stored through pointers. */
#ifndef GOGROW_TEST_CLASSIC_TESTUTIL_H
#define GOGROW_TEST_CLASSIC_TESTUTIL_H

#include <xxhash.h>

#include "gogrow/rt_classic.h"
#include "swiss_testutil.h"

/* CT_CLUSTER: uint64 keys whose hash has the same low 16 bits for every
 * run of 100 key ids, so each run chains overflow buckets in one bucket:
 * with churn, the case tooManyOverflowBuckets and same-size grows are
 * for. */
enum { CT_U64, CT_STR, CT_BIG, CT_CLUSTER };
#define CT_BIG_KEY 144
#define CT_BIG_ELEM 160

static inline uint64_t ct_hash_big(const void *key, uint64_t seed)
{
	return XXH3_64bits_withSeed(key, CT_BIG_KEY, seed);
}
static inline int ct_equal_big(const void *a, const void *b)
{
	return memcmp(a, b, CT_BIG_KEY) == 0;
}

static inline uint64_t ct_hash_cluster(const void *key, uint64_t seed)
{
	uint64_t u;
	memcpy(&u, key, sizeof u);
	uint64_t run = (u - 1) * 0xf1de83e19937733dull / 100; /* sw_key_id */
	return (gg_rt_swiss_hash_u64(key, seed) & ~UINT64_C(0xffff)) | ((run * 0x9e3779b97f4a7c15ull) >> 48);
}

static inline gg_rt_swiss_type ct_type(int kind)
{
	if (kind == CT_CLUSTER) {
		gg_rt_swiss_type t = gg_rt_swiss_type_u64(8, 8);
		t.hash = ct_hash_cluster;
		return t;
	}
	if (kind == CT_U64)
		return gg_rt_swiss_type_u64(8, 8);
	if (kind == CT_STR)
		return gg_rt_swiss_type_str(8, 8);
	return (gg_rt_swiss_type){CT_BIG_KEY, 8, CT_BIG_ELEM, 8, ct_hash_big, ct_equal_big, 1};
}

/* The key of id i; buf holds a big key. */
typedef struct ct_buf {
	uint64_t w[CT_BIG_KEY / 8];
} ct_buf;
static inline const void *ct_key(int kind, const sw_keys *k, uint64_t i, ct_buf *buf)
{
	if (kind != CT_BIG)
		return sw_key(k, i, &buf->w[0]);
	for (unsigned j = 0; j < CT_BIG_KEY / 8; j++)
		buf->w[j] = i * (j + 1);
	return buf;
}
static inline uint64_t ct_key_id(int kind, const sw_keys *k, const void *key)
{
	if (kind != CT_BIG)
		return sw_key_id(k, key);
	uint64_t w[2];
	memcpy(w, key, sizeof w);
	return w[0] == w[1] / 2 ? w[0] : UINT64_MAX;
}

/* An elem holding v: the first word, and (big) a last word of ~v. */
typedef struct ct_elem {
	uint64_t w[CT_BIG_ELEM / 8];
} ct_elem;
static inline const void *ct_elem_of(int kind, uint64_t v, ct_elem *e)
{
	e->w[0] = v;
	if (kind == CT_BIG)
		e->w[CT_BIG_ELEM / 8 - 1] = ~v;
	return e;
}
static inline int ct_elem_is(int kind, const void *p, uint64_t v)
{
	uint64_t w[CT_BIG_ELEM / 8];
	memcpy(w, p, kind == CT_BIG ? CT_BIG_ELEM : 8);
	return w[0] == v && (kind != CT_BIG || w[CT_BIG_ELEM / 8 - 1] == ~v);
}

static inline const char *ct_name(int kind)
{
	return kind == CT_U64 ? "uint64" : kind == CT_STR ? "string" : kind == CT_BIG ? "big" : "clustered";
}

#endif
