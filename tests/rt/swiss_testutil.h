/* Helpers shared by the runtime Swiss map tests: a random generator, a
 * key universe (uint64 keys or strings, by id) and a reference map that is
 * a plain array indexed by key id. */
#ifndef GOGROW_TEST_SWISS_TESTUTIL_H
#define GOGROW_TEST_SWISS_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gogrow/rt_map.h"

static inline uint64_t sw_rand(uint64_t *s)
{
	/* splitmix64 */
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Key universe: id i is the uint64 key i*K+1 (spread, never 0), or the
 * string "k<i>" padded to a length depending on i (0..40 bytes of tail). */
typedef struct sw_keys {
	int strings;
	uint64_t n;
	gg_rt_str *str; /* the map borrows these bytes */
	char **buf;
} sw_keys;

static inline void sw_keys_init(sw_keys *k, int strings, uint64_t n)
{
	*k = (sw_keys){strings, n, NULL, NULL};
	if (!strings)
		return;
	k->str = calloc(n, sizeof *k->str);
	k->buf = calloc(n, sizeof *k->buf);
	for (uint64_t i = 0; i < n; i++) {
		char tmp[96];
		int len = snprintf(tmp, sizeof tmp, "k%llu", (unsigned long long)i);
		int pad = (int)(i * 7 % 41);
		memset(tmp + len, 'x', (size_t)pad);
		len += pad;
		k->buf[i] = malloc((size_t)len + 1);
		memcpy(k->buf[i], tmp, (size_t)len);
		k->buf[i][len] = 0; /* for sw_key_id; the map sees len bytes only */
		k->str[i] = (gg_rt_str){k->buf[i], (size_t)len};
	}
}

static inline void sw_keys_free(sw_keys *k)
{
	if (k->strings)
		for (uint64_t i = 0; i < k->n; i++)
			free(k->buf[i]);
	free(k->str);
	free(k->buf);
}

/* Writes key id i into *u (uint64) and returns a pointer to the key. */
static inline const void *sw_key(const sw_keys *k, uint64_t i, uint64_t *u)
{
	if (k->strings)
		return &k->str[i];
	*u = i * 0x9e3779b97f4a7c15ull + 1;
	return u;
}

/* The id of a key read back from the map. */
static inline uint64_t sw_key_id(const sw_keys *k, const void *key)
{
	if (k->strings) {
		const gg_rt_str *s = key;
		return strtoull(s->p + 1, NULL, 10);
	}
	uint64_t u;
	memcpy(&u, key, sizeof u);
	return (u - 1) * 0xf1de83e19937733dull; /* inverse of the odd multiplier */
}

/* Reference: present[i] and val[i] for key id i. */
typedef struct sw_ref {
	uint64_t n, len;
	unsigned char *present;
	uint64_t *val;
} sw_ref;

static inline void sw_ref_init(sw_ref *r, uint64_t n)
{
	*r = (sw_ref){n, 0, calloc(n, 1), calloc(n, sizeof(uint64_t))};
}

static inline void sw_ref_free(sw_ref *r)
{
	free(r->present);
	free(r->val);
}

#endif
