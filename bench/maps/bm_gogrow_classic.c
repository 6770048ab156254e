/* Contender: gogrow's runtime classic map (gg_rt_classic_*), Go 1.23's
 * rules (the default), libc allocator, random seed, hint 0. */
#include <stdio.h>

#include "bm.h"
#include "gogrow/rt_classic.h"

const char bm_name[] = "gogrow-classic";

void *bm_new(int str)
{
	gg_rt_classic_config cfg = {0};
	cfg.type = str ? gg_rt_swiss_type_str(8, 8) : gg_rt_swiss_type_u64(8, 8);
	gg_rt_classic *m = NULL;
	gg_error err;
	if (gg_rt_classic_new(&cfg, 0, &m, &err) != GG_OK)
		fprintf(stderr, "gogrow-classic: %s\n", err.msg);
	return m;
}

void bm_free(void *m)
{
	gg_rt_classic_destroy(m);
}

/* The key of index i in the form the map takes. */
#define KEY(k, i, s)                                                                                         \
	(k->str ? (const void *)(s = (gg_rt_str){k->bytes + (i)*BM_STR_LEN, BM_STR_LEN}, &s)                 \
		: (const void *)&k->u64[i])

void bm_insert(void *m, const bm_keys *k, uint64_t lo, uint64_t hi)
{
	gg_rt_str s;
	for (uint64_t i = lo; i < hi; i++)
		if (gg_rt_classic_put(m, KEY(k, i, s), &i, NULL) != GG_OK)
			return; /* the driver's check reports the missing keys */
}

uint64_t bm_lookup(void *m, const bm_keys *k, uint64_t lo, uint64_t hi)
{
	gg_rt_str s;
	uint64_t sum = 0;
	for (uint64_t i = lo; i < hi; i++) {
		const uint64_t *v = gg_rt_classic_get(m, KEY(k, i, s));
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
		n += (uint64_t)gg_rt_classic_delete(m, KEY(k, i, s));
	return n;
}

uint64_t bm_iterate(void *m)
{
	gg_rt_classic_iter it;
	const void *key;
	void *elem;
	uint64_t sum = 0;
	gg_rt_classic_iter_init(m, &it);
	while (gg_rt_classic_iter_next(&it, &key, &elem))
		sum += *(const uint64_t *)elem;
	return sum;
}

void bm_insert_one(void *m, uint64_t key, uint64_t val)
{
	gg_rt_classic_put(m, &key, &val, NULL);
}
