/* The Swiss map's two group matchers and its two key paths:
 * - the portable SWAR matchers against a byte-by-byte definition, and the
 *   SIMD ones (SSE2 on x86-64, NEON on arm64) against it too, on random control words of
 *   full, empty and deleted slots;
 * - a map of gg_rt_swiss_type_u64 or _str keys (the inline key paths of
 *   swiss_probe.h) against the same key type with its own equality
 *   function (the generic paths): same seed and hash, so after the same
 *   operations both must give the same answers, the same stats and the
 *   same iteration order. String lookups also use a copy of the key's
 *   bytes, so that equal strings at other addresses must match. */
#include "../check.h"
#include "../../src/rt/swiss/swiss_internal.h"
#include "swiss_testutil.h"

/* The slots whose byte satisfies want(byte), one bit per slot. */
static unsigned by_bytes(uint64_t ctrl, int (*want)(unsigned b, unsigned h2), unsigned h2)
{
	unsigned set = 0;
	for (unsigned i = 0; i < 8; i++)
		set |= (unsigned)want((unsigned)(ctrl >> (8 * i)) & 0xff, h2) << i;
	return set;
}
static int is_h2(unsigned b, unsigned h2)
{
	return b == h2;
}
static int is_empty(unsigned b, unsigned h2)
{
	(void)h2;
	return b == GGI_CTRL_EMPTY;
}
static int is_free(unsigned b, unsigned h2)
{
	(void)h2;
	return b == GGI_CTRL_EMPTY || b == GGI_CTRL_DELETED;
}
static int is_full(unsigned b, unsigned h2)
{
	(void)h2;
	return b < 0x80;
}

/* A match in SWAR form (bit 8i+7) as one bit per slot. */
static unsigned packed(uint64_t swar)
{
	unsigned set = 0;
	for (unsigned i = 0; i < 8; i++)
		set |= (unsigned)((swar >> (8 * i + 7)) & 1) << i;
	return set;
}

#if GGI_SWISS_SIMD
/* A SIMD match as one bit per slot: SSE2 gives bit i, NEON the SWAR form. */
static unsigned simd_set(uint64_t m)
{
	return GGI_MATCH_SHIFT ? packed(m) : (unsigned)m;
}
#endif

static uint64_t random_ctrl(uint64_t *rng)
{
	uint64_t ctrl = 0;
	for (unsigned i = 0; i < 8; i++) {
		uint64_t x = sw_rand(rng), b = x % 5 == 0   ? GGI_CTRL_EMPTY
					       : x % 5 == 1 ? GGI_CTRL_DELETED
							    : (x >> 8) & 0x7f;
		ctrl |= b << (8 * i);
	}
	return ctrl;
}

static void test_matchers(void)
{
	uint64_t rng = 7;
	long bad_swar = 0, bad_simd = 0, false_pos = 0;
	for (int n = 0; n < 200000; n++) {
		uint64_t ctrl = random_ctrl(&rng);
		/* Often an h2 present in the group, so that matches happen. */
		unsigned h2 =
		    n & 1 ? (unsigned)(ctrl >> (8 * (n % 8))) & 0x7f : (unsigned)sw_rand(&rng) & 0x7f;
		unsigned want = by_bytes(ctrl, is_h2, h2), got = packed(ggi_swar_match_h2(ctrl, (uint8_t)h2));
		/* SWAR may add false positives, but only full slots. */
		bad_swar += (got & want) != want || (got & ~want & ~by_bytes(ctrl, is_full, 0)) != 0;
		false_pos += got != want;
		bad_swar += packed(ggi_swar_match_empty(ctrl)) != by_bytes(ctrl, is_empty, 0);
		bad_swar += packed(ggi_swar_match_empty_or_deleted(ctrl)) != by_bytes(ctrl, is_free, 0);
		bad_swar += packed(ggi_swar_match_full(ctrl)) != by_bytes(ctrl, is_full, 0);
#if GGI_SWISS_SIMD
		bad_simd += simd_set(ggi_simd_match_h2(ctrl, (uint8_t)h2)) != want;
		bad_simd += simd_set(ggi_simd_match_empty(ctrl)) != by_bytes(ctrl, is_empty, 0);
		bad_simd += simd_set(ggi_simd_match_empty_or_deleted(ctrl)) != by_bytes(ctrl, is_free, 0);
		bad_simd += simd_set(ggi_simd_match_full(ctrl)) != by_bytes(ctrl, is_full, 0);
#endif
	}
	printf("matchers: 200000 control words, SWAR false positives %ld, SIMD %s\n", false_pos,
	       GGI_SWISS_SIMD ? GGI_SWISS_SIMD_NAME " compared" : "not compiled (portable build)");
	CHECK_EQ_I(bad_swar, 0);
	CHECK_EQ_I(bad_simd, 0);
	CHECK(false_pos > 0); /* the comparison above saw the SWAR quirk */
}

static int own_equal(const void *a, const void *b)
{
	return memcmp(a, b, 8) == 0;
}

static int own_equal_str(const void *a, const void *b)
{
	const gg_rt_str *x = a, *y = b;
	return x->len == y->len && (x->len == 0 || memcmp(x->p, y->p, x->len) == 0);
}

/* 1 when both maps iterate the same keys and elems in the same order
 * (both maps borrow the same string bytes: the key words compare). */
static int same_iteration(gg_rt_swiss *a, gg_rt_swiss *b)
{
	size_t ksize = a->type.key_size;
	gg_rt_swiss_iter ia, ib;
	const void *ka, *kb;
	void *ea, *eb;
	gg_rt_swiss_iter_init(a, &ia);
	gg_rt_swiss_iter_init(b, &ib);
	int same = 1;
	for (;;) {
		int na = gg_rt_swiss_iter_next(&ia, &ka, &ea), nb = gg_rt_swiss_iter_next(&ib, &kb, &eb);
		if (na != nb || (na && (memcmp(ka, kb, ksize) != 0 || memcmp(ea, eb, 8) != 0)))
			same = 0;
		if (!na || !same)
			break;
	}
	/* A pair that differs is left early. */
	gg_rt_swiss_iter_stop(&ia);
	gg_rt_swiss_iter_stop(&ib);
	return same;
}

static int same_stats(const gg_rt_swiss *a, const gg_rt_swiss *b)
{
	gg_rt_swiss_stats x = gg_rt_swiss_stats_get(a), y = gg_rt_swiss_stats_get(b);
	return x.tables == y.tables && x.dirlen == y.dirlen && x.capacity == y.capacity &&
	       x.tombstones == y.tombstones && x.grows == y.grows && x.splits == y.splits &&
	       x.dir_grows == y.dir_grows && gg_rt_swiss_len(a) == gg_rt_swiss_len(b);
}

/* The key of id in the form the maps take; for strings, every other call
 * a copy of the bytes in `copy` (another address, the same string). */
static const void *key_of(const sw_keys *k, uint64_t id, int use_copy, uint64_t *u, gg_rt_str *s, char *copy)
{
	const void *key = sw_key(k, id, u);
	if (!k->strings || !use_copy)
		return key;
	memcpy(copy, k->str[id].p, k->str[id].len);
	*s = (gg_rt_str){copy, k->str[id].len};
	return s;
}

static void test_fast(int go, int strings)
{
	gg_rt_swiss_config cfg = {0};
	cfg.type = strings ? gg_rt_swiss_type_str(8, 8) : gg_rt_swiss_type_u64(8, 8);
	cfg.go = go;
	cfg.fixed_seed = 1;
	cfg.seed = 99;
	gg_rt_swiss *fast, *slow;
	CHECK(gg_rt_swiss_new(&cfg, 0, &fast, NULL) == GG_OK);
	cfg.type.equal = strings ? own_equal_str : own_equal;
	CHECK(gg_rt_swiss_new(&cfg, 0, &slow, NULL) == GG_OK);
	CHECK(fast->keys == (strings ? GGI_KEYS_STR : GGI_KEYS_U64) && slow->keys == GGI_KEYS_ANY);
	static const uint64_t spaces[] = {5, 9, 300, 20000, 60000, 700, 8};
	sw_keys k;
	sw_keys_init(&k, strings, 60000);
	char copy[96];
	uint64_t rng = 1234 + (uint64_t)go;
	long differ = 0, checks = 0;
	for (int p = 0; p < 7; p++) {
		for (int i = 0; i < 60000; i++) {
			uint64_t x = sw_rand(&rng), id = (x >> 8) % spaces[p], v = x, u;
			gg_rt_str s;
			const void *key = key_of(&k, id, (int)(x >> 40) & 1, &u, &s, copy);
			unsigned op = (unsigned)(x & 0xff);
			if (op < 120) {
				/* The stored key borrows bytes: always the kept ones. */
				key = sw_key(&k, id, &u);
				differ += gg_rt_swiss_put(fast, key, &v, NULL) !=
					  gg_rt_swiss_put(slow, key, &v, NULL);
			} else if (op < 190) {
				const uint64_t *a = gg_rt_swiss_get(fast, key),
					       *b = gg_rt_swiss_get(slow, key);
				differ += (a == NULL) != (b == NULL) || (a && *a != *b);
			} else {
				differ += gg_rt_swiss_delete(fast, key) != gg_rt_swiss_delete(slow, key);
			}
			if (i % 5000 == 0) {
				differ += !same_stats(fast, slow) || !same_iteration(fast, slow);
				checks++;
			}
		}
	}
	gg_rt_swiss_stats st = gg_rt_swiss_stats_get(fast);
	printf("%s fast vs generic, go1.%d: 420000 ops, %ld full comparisons, %llu splits\n",
	       strings ? "string" : "uint64", go, checks, (unsigned long long)st.splits);
	CHECK_EQ_I(differ, 0);
	CHECK(st.splits > 0 && st.tombstones + gg_rt_swiss_len(fast) > 0);
	gg_rt_swiss_destroy(fast);
	gg_rt_swiss_destroy(slow);
	sw_keys_free(&k);
}

int main(void)
{
	test_matchers();
	test_fast(24, 0);
	test_fast(27, 0);
	test_fast(24, 1);
	test_fast(27, 1);
	return check_summary();
}
