/* Peer: stb_ds hash maps (Debian libstb-dev). stb_ds compares and hashes a
 * key's bytes, so the string map's key is the 16 bytes themselves (as
 * large as a pointer and length, so no more to copy than the others). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define STB_DS_IMPLEMENTATION
#include <stb/stb_ds.h>

#include "bm.h"

const char bm_name[] = "stb_ds";

typedef struct key16 {
	char b[BM_STR_LEN];
} key16;

typedef struct maps {
	struct {
		uint64_t key, value;
	} * u;
	struct {
		key16 key;
		uint64_t value;
	} * s;
	int str;
} maps;

void *bm_new(int str)
{
	maps *m = calloc(1, sizeof *m);
	if (m)
		m->str = str;
	return m;
}

void bm_free(void *p)
{
	maps *m = p;
	hmfree(m->u);
	hmfree(m->s);
	free(m);
}

static key16 k16(const bm_keys *k, uint64_t i)
{
	key16 r;
	memcpy(r.b, k->bytes + i * BM_STR_LEN, BM_STR_LEN);
	return r;
}

void bm_insert(void *p, const bm_keys *k, uint64_t lo, uint64_t hi)
{
	maps *m = p;
	for (uint64_t i = lo; i < hi; i++)
		if (m->str)
			hmput(m->s, k16(k, i), i);
		else
			hmput(m->u, k->u64[i], i);
}

uint64_t bm_lookup(void *p, const bm_keys *k, uint64_t lo, uint64_t hi)
{
	maps *m = p;
	uint64_t sum = 0;
	for (uint64_t i = lo; i < hi; i++) {
		ptrdiff_t j = m->str ? hmgeti(m->s, k16(k, i)) : hmgeti(m->u, k->u64[i]);
		if (j >= 0)
			sum += (m->str ? m->s[j].value : m->u[j].value) + 1;
	}
	return sum;
}

uint64_t bm_delete(void *p, const bm_keys *k, uint64_t lo, uint64_t hi)
{
	maps *m = p;
	uint64_t n = 0;
	for (uint64_t i = lo; i < hi; i++)
		n += (uint64_t)(m->str ? hmdel(m->s, k16(k, i)) : hmdel(m->u, k->u64[i]));
	return n;
}

uint64_t bm_iterate(void *p)
{
	maps *m = p;
	uint64_t sum = 0;
	ptrdiff_t n = m->str ? hmlen(m->s) : hmlen(m->u);
	for (ptrdiff_t i = 0; i < n; i++)
		sum += m->str ? m->s[i].value : m->u[i].value;
	return sum;
}

void bm_insert_one(void *p, uint64_t key, uint64_t val)
{
	maps *m = p;
	hmput(m->u, key, val);
}
