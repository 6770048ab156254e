/* Bucket memory the allocator reports as zero (gg_rt_allocator.alloc_z) is
 * not cleared again; anything else is. Allocators here hand out poisoned
 * memory unless they promise zero, so a bucket array left uncleared would
 * show up as garbage tophashes and overflow pointers: every key must still
 * be found, and the count of skipped bytes says which path ran. */
#include "../check.h"
#include "classic_testutil.h"
#include "gogrow/rt_heap.h"
#include "slice_testutil.h"

typedef struct zero_alloc {
	test_alloc t;
	int says_zero; /* alloc_z's answer; the memory matches it */
} zero_alloc;

static void *poisoned(void *ctx, size_t size, gg_scan noscan)
{
	void *p = test_alloc_fn(ctx, size, noscan);
	if (p)
		memset(p, 0xa5, size);
	return p;
}

static void *alloc_z(void *ctx, size_t size, gg_scan noscan, int *zeroed)
{
	zero_alloc *z = ctx;
	void *p = poisoned(ctx, size, noscan);
	*zeroed = 0;
	if (p && z->says_zero) {
		memset(p, 0, size);
		*zeroed = 1;
	}
	return p;
}

/* with_z 0: no alloc_z (the libc case); 1: alloc_z with says_zero. */
static void run(int kind, int with_z, int says_zero, uint64_t n)
{
	zero_alloc z = {.says_zero = says_zero};
	z.t.fail_after = -1;
	z.t.a = (gg_rt_allocator){.alloc = poisoned, .free = test_free_fn, .ctx = &z};
	if (with_z)
		z.t.a.alloc_z = alloc_z;
	gg_rt_classic_config cfg = {.type = ct_type(kind), .alloc = &z.t.a, .fixed_seed = 1, .seed = 7};
	gg_rt_classic *m;
	CHECK(gg_rt_classic_new(&cfg, 0, &m, NULL) == GG_OK);
	sw_keys k;
	sw_keys_init(&k, kind == CT_STR, 2 * n);
	for (uint64_t i = 0; i < n; i++) {
		ct_buf kb;
		ct_elem e;
		CHECK(gg_rt_classic_put(m, ct_key(kind, &k, i, &kb), ct_elem_of(kind, i, &e), NULL) == GG_OK);
	}
	uint64_t found = 0;
	for (uint64_t i = 0; i < 2 * n; i++) {
		ct_buf kb;
		void *e = gg_rt_classic_get(m, ct_key(kind, &k, i, &kb));
		found += e && i < n && ct_elem_is(kind, e, i);
		CHECK(i < n || e == NULL);
	}
	CHECK_EQ_I(found, n);
	gg_rt_classic_stats s = gg_rt_classic_stats_get(m);
	CHECK(s.grows > 0);
	if (with_z && says_zero)
		CHECK(s.zero_skipped > 0);
	else
		CHECK_EQ_I(s.zero_skipped, 0);
	gg_rt_classic_destroy(m);
	sw_keys_free(&k);
	CHECK_EQ_I(z.t.live, 0);
}

/* On the gogrow heap: a big grow gets fresh pages, known zero. */
static void heap_fresh_pages(void)
{
	gg_rt_heap_config hc = {0};
	gg_rt_heap *h;
	CHECK(gg_rt_heap_create(&hc, &h, NULL) == GG_OK);
	gg_rt_allocator ha;
	gg_rt_heap_allocator(h, &ha);
	gg_rt_classic_config cfg = {.type = ct_type(CT_U64), .alloc = &ha};
	gg_rt_classic *m;
	CHECK(gg_rt_classic_new(&cfg, 0, &m, NULL) == GG_OK);
	for (uint64_t i = 0; i < 200000; i++)
		CHECK(gg_rt_classic_put(m, &i, &i, NULL) == GG_OK);
	uint64_t bad = 0;
	for (uint64_t i = 0; i < 200000; i++) {
		const uint64_t *v = gg_rt_classic_get(m, &i);
		bad += !v || *v != i;
	}
	CHECK_EQ_I(bad, 0);
	CHECK(gg_rt_classic_stats_get(m).zero_skipped > 0);
	gg_rt_classic_destroy(m);
	gg_rt_heap_destroy(h);
}

int main(void)
{
	for (int kind = CT_U64; kind <= CT_CLUSTER; kind++) {
		run(kind, 0, 0, 5000);
		run(kind, 1, 0, 5000);
		run(kind, 1, 1, 5000);
	}
	heap_fresh_pages();
	return check_summary();
}
