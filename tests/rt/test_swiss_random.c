/* Randomized differential test of the runtime Swiss map against a
 * reference array: mixed put/get/delete/iterate on uint64 and string keys,
 * key populations that grow through small map, table growth and splits
 * and shrink again (tombstones), deletes during iteration. Usage:
 * test_swiss_random [-n ops] [-s seed]. */
#include "../check.h"
#include "swiss_testutil.h"

static int verify(gg_rt_swiss *m, const sw_keys *k, const sw_ref *r)
{
	unsigned char *seen = calloc(r->n, 1);
	gg_rt_swiss_iter it;
	const void *key;
	void *elem;
	uint64_t count = 0, bad = 0;
	gg_rt_swiss_iter_init(m, &it);
	while (gg_rt_swiss_iter_next(&it, &key, &elem)) {
		uint64_t id = sw_key_id(k, key), v;
		memcpy(&v, elem, sizeof v);
		if (id >= r->n || seen[id] || !r->present[id] || r->val[id] != v)
			bad++;
		else
			seen[id] = 1;
		count++;
	}
	free(seen);
	gg_rt_swiss_stats s = gg_rt_swiss_stats_get(m);
	int ok = bad == 0 && count == r->len && gg_rt_swiss_len(m) == r->len && it.status == GG_OK;
	/* Tables cover the directory: 2^depth entries, at most that many tables. */
	ok = ok && (s.dirlen == 0 || (s.dirlen == 1ull << s.global_depth && s.tables <= s.dirlen));
	ok = ok && s.capacity >= r->len && s.tombstones <= s.capacity;
	return ok;
}

/* Deletes every other key seen during an iteration, and checks that the
 * others are all seen exactly once. */
static int delete_while_iterating(gg_rt_swiss *m, const sw_keys *k, sw_ref *r, uint64_t *rng)
{
	unsigned char *seen = calloc(r->n, 1);
	gg_rt_swiss_iter it;
	const void *key;
	void *elem;
	int ok = 1;
	gg_rt_swiss_iter_init(m, &it);
	while (gg_rt_swiss_iter_next(&it, &key, &elem)) {
		uint64_t id = sw_key_id(k, key), u;
		ok = ok && id < r->n && r->present[id] && !seen[id];
		seen[id] = 1;
		if (sw_rand(rng) & 1) {
			ok = ok && gg_rt_swiss_delete(m, sw_key(k, id, &u)) == 1;
			r->present[id] = 0;
			r->len--;
		}
		/* Also delete a random key, maybe not seen yet: must not appear later. */
		uint64_t j = sw_rand(rng) % r->n;
		if (r->present[j] && (sw_rand(rng) & 3) == 0) {
			ok = ok && gg_rt_swiss_delete(m, sw_key(k, j, &u)) == 1;
			r->present[j] = 0;
			r->len--;
		}
	}
	for (uint64_t i = 0; i < r->n; i++)
		ok = ok && (!r->present[i] || seen[i]);
	free(seen);
	return ok && it.status == GG_OK;
}

static void one_op(gg_rt_swiss *m, const sw_keys *k, sw_ref *r, uint64_t space, uint64_t *rng, long *fails)
{
	uint64_t x = sw_rand(rng), id = (x >> 8) % space, u;
	const void *key = sw_key(k, id, &u);
	unsigned op = (unsigned)(x & 0xff);
	if (op < 115) {
		uint64_t v = sw_rand(rng);
		if (gg_rt_swiss_put(m, key, &v, NULL) != GG_OK) {
			(*fails)++;
			return;
		}
		r->len += !r->present[id];
		r->present[id] = 1;
		r->val[id] = v;
	} else if (op < 190) {
		uint64_t *e = gg_rt_swiss_get(m, key);
		if ((e != NULL) != r->present[id] || (e && *e != r->val[id]))
			(*fails)++;
	} else {
		if (gg_rt_swiss_delete(m, key) != r->present[id])
			(*fails)++;
		r->len -= r->present[id];
		r->present[id] = 0;
	}
}

static void run(int strings, long ops, uint64_t seed)
{
	/* Key spaces: small map, a few tables, many splits, then back down. */
	static const uint64_t spaces[] = {6, 12, 200, 3000, 40000, 100000, 900, 100000, 20};
	const int nspaces = (int)(sizeof spaces / sizeof spaces[0]);
	sw_keys k;
	sw_ref r;
	sw_keys_init(&k, strings, 100000);
	sw_ref_init(&r, 100000);
	gg_rt_swiss_config cfg = {0};
	cfg.type = strings ? gg_rt_swiss_type_str(8, 8) : gg_rt_swiss_type_u64(8, 8);
	cfg.fixed_seed = 1;
	cfg.seed = seed;
	gg_rt_swiss *m;
	gg_error err;
	CHECK(gg_rt_swiss_new(&cfg, 0, &m, &err) == GG_OK);
	uint64_t rng = seed;
	long fails = 0, verified = 0, verify_bad = 0, iter_bad = 0;
	for (int p = 0; p < nspaces; p++) {
		for (long i = 0; i < ops / nspaces; i++) {
			one_op(m, &k, &r, spaces[p], &rng, &fails);
			if (i % 50000 == 49999 || i == ops / nspaces - 1) {
				verify_bad += !verify(m, &k, &r);
				verified++;
			}
		}
		iter_bad += !delete_while_iterating(m, &k, &r, &rng);
		verify_bad += !verify(m, &k, &r);
	}
	gg_rt_swiss_stats s = gg_rt_swiss_stats_get(m);
	printf(
	    "%s keys: %ld ops, %ld checks, peak: %llu splits, %llu dir doublings, %llu grows, %llu tables\n",
	    strings ? "string" : "uint64", ops, verified, (unsigned long long)s.splits,
	    (unsigned long long)s.dir_grows, (unsigned long long)s.grows, (unsigned long long)s.tables);
	CHECK_EQ_I(fails, 0);
	CHECK_EQ_I(verify_bad, 0);
	CHECK_EQ_I(iter_bad, 0);
	CHECK(s.splits > 0 && s.dir_grows > 0);
	gg_rt_swiss_clear(m);
	CHECK_EQ_I(gg_rt_swiss_len(m), 0);
	memset(r.present, 0, r.n);
	r.len = 0;
	CHECK(verify(m, &k, &r));
	gg_rt_swiss_destroy(m);
	sw_ref_free(&r);
	sw_keys_free(&k);
}

int main(int argc, char **argv)
{
	/* ctest passes the data directory as an argument: only -n and -s count. */
	long ops = 6000000;
	uint64_t seed = 0x5eed;
	for (int i = 1; i + 1 < argc; i++) {
		if (strcmp(argv[i], "-n") == 0)
			ops = atol(argv[++i]);
		else if (strcmp(argv[i], "-s") == 0)
			seed = strtoull(argv[++i], NULL, 0);
	}
	printf("seed %#llx\n", (unsigned long long)seed);
	run(0, ops, seed);
	run(1, ops / 2, seed + 1);
	return check_summary();
}
