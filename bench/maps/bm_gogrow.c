/* Contender: one of gogrow's runtime maps, chosen at build time by BM_MAP
 * (swiss: gg_rt_swiss_*, default release; classic: gg_rt_classic_*, Go
 * 1.23's rules), libc allocator, random seed, hint 0. Both maps take the
 * same calls, so one source serves both executables. */
#include <stdio.h>

#include "bm.h"
#include "gogrow/rt_classic.h"
#include "gogrow/rt_map.h"

#define BM_CAT(a, b) a##b
#define BM_XCAT(a, b) BM_CAT(a, b)
/* MAP(put) is gg_rt_swiss_put or gg_rt_classic_put. */
#define MAP(name) BM_XCAT(BM_XCAT(gg_rt_, BM_MAP), _##name)

const char bm_name[] = BM_NAME;

void *bm_new(int str)
{
	MAP(config) cfg = {0};
	cfg.type = str ? gg_rt_swiss_type_str(8, 8) : gg_rt_swiss_type_u64(8, 8);
	BM_XCAT(gg_rt_, BM_MAP) *m = NULL;
	gg_error err;
	if (MAP(new)(&cfg, 0, &m, &err) != GG_OK)
		fprintf(stderr, "%s: %s\n", bm_name, err.msg);
	return m;
}

void bm_free(void *m)
{
	MAP(destroy)(m);
}

/* The key of index i in the form the map takes. */
#define KEY(k, i, s)                                                                                         \
	(k->str ? (const void *)(s = (gg_rt_str){k->bytes + (i)*BM_STR_LEN, BM_STR_LEN}, &s)                 \
		: (const void *)&k->u64[i])

void bm_insert(void *m, const bm_keys *k, uint64_t lo, uint64_t hi)
{
	gg_rt_str s;
	for (uint64_t i = lo; i < hi; i++)
		if (MAP(put)(m, KEY(k, i, s), &i, NULL) != GG_OK)
			return; /* the driver's check reports the missing keys */
}

uint64_t bm_lookup(void *m, const bm_keys *k, uint64_t lo, uint64_t hi)
{
	gg_rt_str s;
	uint64_t sum = 0;
	for (uint64_t i = lo; i < hi; i++) {
		const uint64_t *v = MAP(get)(m, KEY(k, i, s));
		if (v)
			sum += *v + 1;
	}
	return sum;
}

uint64_t bm_delete(void *m, const bm_keys *k, uint64_t lo, uint64_t hi)
{
	gg_rt_str s;
	uint64_t n = 0;
	for (uint64_t i = lo; i < hi; i++)
		n += (uint64_t)MAP(delete)(m, KEY(k, i, s));
	return n;
}

uint64_t bm_iterate(void *m)
{
	MAP(iter) it;
	const void *key;
	void *elem;
	uint64_t sum = 0;
	MAP(iter_init)(m, &it);
	while (MAP(iter_next)(&it, &key, &elem))
		sum += *(const uint64_t *)elem;
	return sum;
}

void bm_insert_one(void *m, uint64_t key, uint64_t val)
{
	MAP(put)(m, &key, &val, NULL);
}
