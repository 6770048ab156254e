/* maps.Clone of the runtime classic map (mapclone2): the clone holds the
 * same entries, leaves the source as it was, and has Go's shape: B is the
 * model's gg_classic_B(len) (makemap with hint len), the bucket array is
 * what make(map, len) allocates, and bucket i's chain holds exactly the
 * keys whose hash has i in its low B bits, packed 8 to a bucket, so the
 * overflow buckets are sum(ceil(n_i/8) - 1), computed here from the
 * hashes. Sources: shrunk by deletes (several source buckets per clone
 * bucket), in the middle of a grow (old buckets not yet evacuated), one
 * bucket (the quick copy). Out of memory at each allocation of a clone
 * loses nothing and leaks nothing. */
#include "../check.h"
#include "classic_testutil.h"
#include "gogrow/map_rules.h"
#include "slice_testutil.h"

#define SEED 99

typedef struct src_map {
	gg_rt_classic *m;
	gg_rt_classic_config cfg;
	sw_keys k;
	int kind;
	uint64_t n, dels; /* ids [dels, n) are in the map */
} src_map;

static void put_id(src_map *s, uint64_t i)
{
	ct_buf kb;
	ct_elem e;
	CHECK(gg_rt_classic_put(s->m, ct_key(s->kind, &s->k, i, &kb), ct_elem_of(s->kind, i, &e), NULL) ==
	      GG_OK);
}

/* grow: 0 finishes any grow (deleting absent keys evacuates), 1 stops in
 * the first grow from 32 buckets or more (smaller ones end at once). */
static void make_src(src_map *s, int kind, int go, uint64_t n, uint64_t dels, int grow,
		     const gg_rt_allocator *a)
{
	*s = (src_map){.kind = kind, .n = n, .dels = dels};
	s->cfg = (gg_rt_classic_config){.type = ct_type(kind),
					.go = go,
					.noswissmap = go >= 24,
					.alloc = a,
					.fixed_seed = 1,
					.seed = SEED};
	CHECK(gg_rt_classic_new(&s->cfg, 0, &s->m, NULL) == GG_OK);
	sw_keys_init(&s->k, kind == CT_STR, 2 * n + 2);
	for (uint64_t i = 0; i < n; i++) {
		put_id(s, i);
		gg_rt_classic_stats st = gg_rt_classic_stats_get(s->m);
		if (grow && st.growing && st.old_buckets >= 32) {
			s->n = i + 1;
			break;
		}
	}
	for (uint64_t i = 0; i < dels && i < s->n; i++) {
		ct_buf kb;
		CHECK_EQ_I(gg_rt_classic_delete(s->m, ct_key(kind, &s->k, i, &kb)), 1);
	}
	for (uint64_t j = 0; !grow && gg_rt_classic_stats_get(s->m).growing && j < 1000000; j++) {
		ct_buf kb;
		CHECK_EQ_I(gg_rt_classic_delete(s->m, ct_key(kind, &s->k, 2 * n + 1, &kb)), 0);
	}
	CHECK(grow || !gg_rt_classic_stats_get(s->m).growing);
}

static void free_src(src_map *s)
{
	gg_rt_classic_destroy(s->m);
	sw_keys_free(&s->k);
}

/* Every id in [dels, n) with its elem, none below dels or past n. */
static int holds(const src_map *s, const gg_rt_classic *c)
{
	if (gg_rt_classic_len(c) != s->n - (s->dels < s->n ? s->dels : s->n))
		return 0;
	for (uint64_t i = 0; i < 2 * s->n + 2 && i < s->k.n; i++) {
		ct_buf kb;
		const void *e = gg_rt_classic_get(c, ct_key(s->kind, &s->k, i, &kb));
		if ((e != NULL) != (i >= s->dels && i < s->n) || (e && !ct_elem_is(s->kind, e, i)))
			return 0;
	}
	return 1;
}

/* Overflow buckets of a clone with B bucket bits: the live keys' hashes
 * (the clone keeps the source's seed) counted per bucket. */
static uint64_t expected_overflow(const src_map *s, int B)
{
	uint64_t nb = UINT64_C(1) << B, over = 0;
	uint64_t *per = calloc(nb, sizeof *per);
	for (uint64_t i = s->dels; i < s->n; i++) {
		ct_buf kb;
		per[s->cfg.type.hash(ct_key(s->kind, &s->k, i, &kb), SEED) & (nb - 1)]++;
	}
	for (uint64_t b = 0; b < nb; b++)
		over += per[b] > 8 ? (per[b] + 7) / 8 - 1 : 0;
	free(per);
	return over;
}

/* Field by field: a struct's padding bytes are not part of its value. */
static int stats_equal(const gg_rt_classic_stats *a, const gg_rt_classic_stats *b)
{
	return a->B == b->B && a->buckets == b->buckets && a->nbuckets == b->nbuckets &&
	       a->noverflow == b->noverflow && a->overflow == b->overflow && a->growing == b->growing &&
	       a->same_size == b->same_size && a->old_buckets == b->old_buckets &&
	       a->evacuated == b->evacuated && a->nevacuate == b->nevacuate && a->grows == b->grows &&
	       a->same_size_grows == b->same_size_grows && a->allocs == b->allocs && a->frees == b->frees &&
	       a->bytes == b->bytes && a->zero_skipped == b->zero_skipped;
}

static void shape(int kind, int go, uint64_t n, uint64_t dels, int grow)
{
	src_map s;
	make_src(&s, kind, go, n, dels, grow, NULL);
	gg_rt_classic_stats before = gg_rt_classic_stats_get(s.m);
	gg_rt_classic *c;
	gg_error err;
	CHECK(gg_rt_classic_clone(s.m, &c, &err) == GG_OK);
	CHECK(holds(&s, c));
	CHECK(holds(&s, s.m));
	gg_rt_classic_stats after = gg_rt_classic_stats_get(s.m), cs = gg_rt_classic_stats_get(c);
	CHECK(stats_equal(&before, &after)); /* the source is untouched */
	int64_t len = (int64_t)gg_rt_classic_len(s.m);
	CHECK_EQ_I(cs.B, gg_classic_B(go, len));
	gg_rt_classic *fresh;
	CHECK(gg_rt_classic_new(&s.cfg, len, &fresh, NULL) == GG_OK);
	/* make defers a B 0 map's bucket; mapclone2 allocates it when len > 0. */
	uint64_t want = gg_rt_classic_stats_get(fresh).nbuckets;
	CHECK_EQ_I(cs.nbuckets, len && cs.B == 0 ? 1 : want);
	gg_rt_classic_destroy(fresh);
	CHECK_EQ_I(cs.overflow, expected_overflow(&s, cs.B));
	CHECK_EQ_I(cs.grows + cs.same_size_grows, 0);
	CHECK(!cs.growing);
	/* The two maps are independent. */
	if (s.n > s.dels) {
		ct_buf kb;
		CHECK_EQ_I(gg_rt_classic_delete(c, ct_key(kind, &s.k, s.n - 1, &kb)), 1);
		CHECK(gg_rt_classic_get(s.m, ct_key(kind, &s.k, s.n - 1, &kb)) != NULL);
	}
	gg_rt_classic_destroy(c);
	free_src(&s);
}

/* The k-th allocation of the clone and every later one fail, for each k
 * until the clone succeeds. */
static void nomem(int kind, uint64_t n, uint64_t dels, int grow)
{
	test_alloc ta;
	test_alloc_init(&ta, 0);
	src_map s;
	make_src(&s, kind, 23, n, dels, grow, &ta.a);
	long live = ta.live, failures = 0;
	gg_status st = GG_ERR_NOMEM;
	for (long k = 0; st != GG_OK && k < 100000; k++) {
		gg_rt_classic *c = (gg_rt_classic *)&ta;
		ta.fail_after = k;
		gg_error err;
		st = gg_rt_classic_clone(s.m, &c, &err);
		ta.fail_after = -1;
		if (st == GG_OK) {
			CHECK(holds(&s, c));
			gg_rt_classic_destroy(c);
		} else {
			failures++;
			CHECK_EQ_I(st, GG_ERR_NOMEM);
			CHECK(c == NULL);
		}
		CHECK_EQ_I(ta.live, live);
	}
	CHECK_EQ_I(st, GG_OK);
	CHECK(failures > 0);
	CHECK(holds(&s, s.m));
	free_src(&s);
	CHECK_EQ_I(ta.live, 0);
}

int main(void)
{
	static const uint64_t ns[] = {0, 1, 8, 9, 13, 100, 1000, 3000};
	for (int kind = CT_U64; kind <= CT_CLUSTER; kind++)
		for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++)
			for (int go = 21; go <= 24; go += 2) {
				shape(kind, go, ns[i], 0, 0);
				shape(kind, go, ns[i], ns[i] * 3 / 4, 0);
				shape(kind, go, ns[i], 0, 1);
				shape(kind, go, ns[i], 1, 1); /* old B covers the clone's */
			}
	for (int kind = CT_U64; kind <= CT_CLUSTER; kind++) {
		nomem(kind, 300, 100, 0);
		nomem(kind, 300, 0, 1);
	}
	return check_summary();
}
