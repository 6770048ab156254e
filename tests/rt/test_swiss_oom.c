/* Out of memory at every allocation site of the runtime Swiss map: make
 * with a hint, the small map's group, growToTable, table growth, splits
 * and directory doublings. For each k the k-th allocation fails; the call
 * must return GG_ERR_NOMEM, leave the map exactly as it was and usable,
 * and nothing may leak (the counting allocator ends with no live block). */
#include "../check.h"
#include "slice_testutil.h"
#include "swiss_testutil.h"

#define NKEYS 10000

static int same_as_ref(gg_rt_swiss *m, const sw_keys *k, const sw_ref *r)
{
	if (gg_rt_swiss_len(m) != r->len)
		return 0;
	for (uint64_t i = 0; i < r->n; i++) {
		uint64_t u, *e = gg_rt_swiss_get(m, sw_key(k, i, &u));
		if ((e != NULL) != r->present[i] || (e && *e != r->val[i]))
			return 0;
	}
	return 1;
}

/* One scripted run whose allocation number `fail_at` fails (-1: none).
 * Returns the allocations made; counts failures seen in *hits. */
static long script(int strings, int64_t hint, long fail_at, long *hits, long *bad)
{
	test_alloc a;
	test_alloc_init(&a, 0);
	a.fail_after = fail_at;
	gg_rt_swiss_config cfg = {0};
	cfg.type = strings ? gg_rt_swiss_type_str(8, 8) : gg_rt_swiss_type_u64(8, 8);
	cfg.alloc = &a.a;
	cfg.fixed_seed = 1;
	cfg.seed = 7;
	gg_rt_swiss *m;
	gg_error err;
	while (gg_rt_swiss_new(&cfg, hint, &m, &err) != GG_OK) {
		*bad += err.code != GG_ERR_NOMEM || a.live != 0;
		(*hits)++;
		a.fail_after = -1;
	}
	sw_keys k;
	sw_ref r;
	sw_keys_init(&k, strings, NKEYS);
	sw_ref_init(&r, NKEYS);
	uint64_t rng = 99;
	for (uint64_t i = 0; i < 3 * NKEYS; i++) {
		uint64_t id = sw_rand(&rng) % NKEYS, u, v = i;
		const void *key = sw_key(&k, id, &u);
		if (i % 3 == 2) {
			r.len -= r.present[id];
			r.present[id] = 0;
			gg_rt_swiss_delete(m, key);
			continue;
		}
		gg_status st;
		while ((st = gg_rt_swiss_put(m, key, &v, &err)) != GG_OK) {
			(*hits)++;
			*bad += st != GG_ERR_NOMEM || !same_as_ref(m, &k, &r);
			a.fail_after = -1; /* and retry: the map must still work */
		}
		r.len += !r.present[id];
		r.present[id] = 1;
		r.val[id] = v;
	}
	*bad += !same_as_ref(m, &k, &r);
	gg_rt_swiss_destroy(m);
	*bad += a.live != 0 || a.live_bytes != 0;
	sw_ref_free(&r);
	sw_keys_free(&k);
	return a.calls;
}

static void every_site(int strings, int64_t hint)
{
	long hits = 0, bad = 0;
	long calls = script(strings, hint, -1, &hits, &bad);
	CHECK_EQ_I(hits, 0);
	CHECK_EQ_I(bad, 0);
	for (long j = 0; j < calls; j++)
		script(strings, hint, j, &hits, &bad);
	printf("%s keys, hint %lld: %ld allocations, each failed once: %ld failures, %ld bad\n",
	       strings ? "string" : "uint64", (long long)hint, calls, hits, bad);
	CHECK_EQ_I(hits, calls);
	CHECK_EQ_I(bad, 0);
}

int main(void)
{
	every_site(0, 0);
	every_site(1, 0);
	every_site(0, 3000);
	every_site(1, 20);
	return check_summary();
}
