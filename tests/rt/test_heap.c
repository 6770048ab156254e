/* The heap (gogrow/rt_heap.h) on one thread: what every allocation is
 * charged against the model, every kind of invalid free, tiny blocks, spans
 * going back to the page heap, large objects, the limit, the scavenger,
 * events, and a failure injected at every memory request. */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "gogrow/malloc.h"
#include "gogrow/rt_heap.h"

static gg_rt_heap *new_heap(int go)
{
	gg_rt_heap_config cfg = {0};
	cfg.go = go;
	gg_rt_heap *h = NULL;
	gg_error err;
	if (gg_rt_heap_create(&cfg, &h, &err) != GG_OK) {
		fprintf(stderr, "heap create: %s\n", err.msg);
		abort();
	}
	return h;
}

static void check_clean(gg_rt_heap *h)
{
	gg_error err = {0};
	gg_rt_heap_flush(h);
	gg_rt_heap_stats st;
	gg_rt_heap_stats_read(h, &st);
	CHECK_EQ_I(st.HeapAlloc, 0);
	CHECK_EQ_I(st.HeapObjects, 0);
	CHECK_EQ_I(st.HeapInuse, 0);
	CHECK_EQ_I(st.Mallocs, st.Frees);
	gg_status s = gg_rt_heap_check(h, &err);
	if (s != GG_OK)
		fprintf(stderr, "heap check: %s\n", err.msg);
	CHECK_EQ_I(s, GG_OK);
}

/* One allocation of every size: the slot it occupies, the bytes TotalAlloc
 * grows by and the header position are the model's. */
static void charge_one(gg_rt_heap *h, const gg_target *t, uint64_t size, gg_scan noscan, int *bad)
{
	gg_rt_heap_stats a, b;
	gg_rt_heap_flush(h); /* a tiny allocation then starts a new block */
	gg_rt_heap_stats_read(h, &a);
	unsigned char *p = gg_rt_heap_alloc(h, size, noscan);
	gg_rt_heap_stats_read(h, &b);
	uint64_t want = gg_alloc_bytes(t, size, noscan, NULL), slot = 0, usable = 0;
	int ok = p && gg_rt_heap_slot(h, p, &slot, &usable) == GG_OK && slot == want &&
		 b.TotalAlloc - a.TotalAlloc == want && usable >= size;
	if (ok && !(noscan && size < GG_TINY_SIZE))
		ok = usable == gg_roundupsize(t, size, noscan);
	if (ok && gg_malloc_has_header(t, size, noscan))
		ok = *(uint64_t *)(p - 8) == size && gg_rt_heap_slot(h, p - 8, NULL, NULL) != GG_OK;
	if (p) {
		p[0] = 1;
		p[size - 1] = 2;
	}
	if (!ok && (*bad)++ < 5)
		fprintf(stderr, "go1.%d size %llu noscan %d: slot %llu usable %llu delta %llu, model %llu\n",
			t->go, (unsigned long long)size, noscan, (unsigned long long)slot,
			(unsigned long long)usable, (unsigned long long)(b.TotalAlloc - a.TotalAlloc),
			(unsigned long long)want);
	CHECK(ok);
	CHECK_EQ_I(gg_rt_heap_free(h, p, NULL), GG_OK);
}

static void test_charges(void)
{
	int bad = 0;
	int saved_passed = check_passed;
	/* Under valgrind (scripts/test --full) one release per span layout
	 * (1.16, 1.22 malloc headers, 1.26 inline mark bits) keeps it to
	 * minutes; the plain run checks every release. */
	int light = getenv("GOGROW_UNDER_VALGRIND") != NULL;
	for (int go = GG_GO_MIN; go <= GG_GO_MAX; go++) {
		if (light && go != 16 && go != 22 && go != 26)
			continue;
		gg_rt_heap *h = new_heap(go);
		const gg_target *t = gg_rt_heap_target(h);
		CHECK_EQ_I(t->go, go);
		for (int noscan = 0; noscan < 2; noscan++) {
			for (uint64_t n = 1; n <= GG_MAX_SMALL_SIZE; n++)
				charge_one(h, t, n, noscan, &bad);
			for (uint64_t n = GG_MAX_SMALL_SIZE + 1; n <= (1u << 20); n += 4093)
				charge_one(h, t, n, noscan, &bad);
			charge_one(h, t, 1u << 20, noscan, &bad);
		}
		check_clean(h);
		gg_rt_heap_destroy(h);
	}
	/* One line instead of 800 thousand checks. */
	printf("charges: %d sizes checked\n", check_passed - saved_passed);
}

static void expect_bad(gg_rt_heap *h, void *p, const char *why)
{
	gg_error err = {0};
	CHECK_EQ_I(gg_rt_heap_free(h, p, &err), GG_ERR_RANGE);
	CHECK_EQ_I(err.code, GG_ERR_RANGE);
	CHECK_STR_CONTAINS(err.msg, why);
}

static void test_invalid_frees(void)
{
	gg_rt_heap *h = new_heap(0);
	int local;
	void *m = malloc(64);
	expect_bad(h, &local, "not allocated by this heap");
	expect_bad(h, m, "not allocated by this heap");
	free(m);
	char *small = gg_rt_heap_alloc(h, 48, 0);
	expect_bad(h, small + 8, "interior");
	CHECK_EQ_I(gg_rt_heap_free(h, small, NULL), GG_OK);
	expect_bad(h, small, "double free");
	{ /* A slot never handed out, and the tail no object covers: in
	   * 1.21, 170 objects of 48 bytes fill 8160 bytes of the span's one
	   * page (later releases keep bytes at the end for the GC's bits). */
		gg_rt_heap *old = new_heap(21);
		char *ns = gg_rt_heap_alloc(old, 48, 1);
		char *page = (char *)((uintptr_t)ns & ~(uintptr_t)8191);
		expect_bad(old, page + 169 * 48, "not allocated");
		expect_bad(old, page + 170 * 48, "past the span");
		CHECK_EQ_I(gg_rt_heap_free(old, ns, NULL), GG_OK);
		check_clean(old);
		gg_rt_heap_destroy(old);
	}
	char *hdr = gg_rt_heap_alloc(h, 1000, 0); /* carries a header */
	expect_bad(h, hdr - 8, "interior");
	CHECK_EQ_I(gg_rt_heap_free(h, hdr, NULL), GG_OK);
	{ /* the double free of an object with a header names its pointer */
		gg_error err = {0};
		char want[32];
		snprintf(want, sizeof want, "free(%#lx): double free", (unsigned long)(uintptr_t)hdr);
		CHECK_EQ_I(gg_rt_heap_free(h, hdr, &err), GG_ERR_RANGE);
		CHECK_STR_CONTAINS(err.msg, want);
	}
	char *large = gg_rt_heap_alloc(h, 100000, 1);
	expect_bad(h, large + 8192, "interior");
	CHECK_EQ_I(gg_rt_heap_free(h, large, NULL), GG_OK);
	expect_bad(h, large, "not allocated by this heap");
	char *t1 = gg_rt_heap_alloc(h, 4, 1), *t2 = gg_rt_heap_alloc(h, 4, 1);
	CHECK(t2 == t1 + 4);
	expect_bad(h, t1 + 1, "tiny");
	CHECK_EQ_I(gg_rt_heap_free(h, t1, NULL), GG_OK);
	expect_bad(h, t1, "tiny");
	CHECK_EQ_I(gg_rt_heap_free(h, t2, NULL), GG_OK);
	CHECK_EQ_I(gg_rt_heap_free(h, NULL, NULL), GG_OK);
	void *z = gg_rt_heap_alloc(h, 0, 0);
	CHECK(z != NULL);
	CHECK_EQ_I(gg_rt_heap_free(h, z, NULL), GG_OK);
	gg_rt_heap_stats st;
	gg_rt_heap_stats_read(h, &st);
	CHECK_EQ_I(st.InvalidFrees, 10);
	check_clean(h);
	gg_rt_heap_destroy(h);
}

/* Tiny objects share 16-byte blocks at aligned offsets; the block goes when
 * its last object does. */
static void test_tiny(void)
{
	gg_rt_heap *h = new_heap(0);
	char *a = gg_rt_heap_alloc(h, 1, 1), *b = gg_rt_heap_alloc(h, 2, 1), *c = gg_rt_heap_alloc(h, 8, 1);
	char *d = gg_rt_heap_alloc(h, 12, 1);
	CHECK(b == a + 2 && c == a + 8);
	CHECK(d != NULL && (d < a || d >= a + 16));
	gg_rt_heap_stats st;
	gg_rt_heap_stats_read(h, &st);
	CHECK_EQ_I(st.TinyAllocs, 4);
	CHECK_EQ_I(st.Mallocs, 4);
	CHECK_EQ_I(st.HeapAlloc, 32); /* two blocks */
	CHECK_EQ_I(st.BySize[gg_sizeclass_of(16)].Mallocs, 2);
	gg_rt_heap_free(h, a, NULL);
	gg_rt_heap_free(h, b, NULL);
	gg_rt_heap_free(h, c, NULL);
	gg_rt_heap_flush(h); /* unpins d's block */
	gg_rt_heap_stats_read(h, &st);
	CHECK_EQ_I(st.HeapAlloc, 16);
	gg_rt_heap_free(h, d, NULL);
	check_clean(h);
	gg_rt_heap_destroy(h);
}

/* A span whose objects are all freed goes back to the page heap. */
static void test_span_return(void)
{
	gg_rt_heap *h = new_heap(0);
	enum { N = 5000 };
	static void *p[N];
	for (int i = 0; i < N; i++)
		p[i] = gg_rt_heap_alloc(h, 100, i & 1);
	gg_rt_heap_stats st;
	gg_rt_heap_stats_read(h, &st);
	CHECK(st.HeapInuse >= (uint64_t)N * 112);
	CHECK_EQ_I(st.Mallocs, N);
	CHECK(st.Refills > 2);
	for (int i = 0; i < N; i += 2)
		gg_rt_heap_free(h, p[i], NULL);
	gg_rt_heap_flush(h);
	for (int i = 1; i < N; i += 2)
		gg_rt_heap_free(h, p[i], NULL);
	check_clean(h);
	gg_rt_heap_destroy(h);
}

static void test_large_and_limit(void)
{
	gg_rt_heap_config cfg = {0};
	cfg.limit = 1 << 20;
	gg_rt_heap *h;
	CHECK_EQ_I(gg_rt_heap_create(&cfg, &h, NULL), GG_OK);
	CHECK(gg_rt_heap_alloc(h, 2 << 20, 1) == NULL);
	void *p[200];
	int n = 0;
	while (n < 200 && (p[n] = gg_rt_heap_alloc(h, 8000, 0)) != NULL)
		n++;
	CHECK(n > 100 && n < 200); /* 1 MiB holds 128 slots of 8192 bytes */
	gg_rt_heap_stats st;
	gg_rt_heap_stats_read(h, &st);
	CHECK(st.HeapInuse <= cfg.limit);
	for (int i = 0; i < n; i++)
		CHECK_EQ_I(gg_rt_heap_free(h, p[i], NULL), GG_OK);
	check_clean(h);
	gg_rt_heap_destroy(h);

	h = new_heap(0);
	char *big = gg_rt_heap_alloc(h, (size_t)100 << 20, 1); /* bigger than an arena */
	CHECK(big != NULL);
	if (big) {
		big[0] = 1;
		big[((size_t)100 << 20) - 1] = 1;
	}
	gg_rt_heap_stats_read(h, &st);
	CHECK_EQ_I(st.HeapInuse, (uint64_t)100 << 20);
	CHECK(st.HeapSys >= (uint64_t)128 << 20);
	CHECK_EQ_I(gg_rt_heap_free(h, big, NULL), GG_OK);
	check_clean(h);
	gg_rt_heap_destroy(h);
}

struct events {
	int n[16];
	uint64_t scavenged, scavenged_max; /* all passes; the largest one */
};

static void on_event(void *ctx, const gg_rt_event *ev)
{
	struct events *e = ctx;
	e->n[ev->kind]++;
	if (ev->kind == GG_RT_EV_SCAVENGE) {
		e->scavenged += ev->a;
		e->scavenged_max = ev->a > e->scavenged_max ? ev->a : e->scavenged_max;
	}
}

static void test_scavenge_and_events(void)
{
	struct events ev = {0};
	gg_rt_heap_config cfg = {0};
	cfg.scavenge_ns = 1; /* release idle pages at the next page-heap free */
	cfg.tracer.fn = on_event;
	cfg.tracer.ctx = &ev;
	gg_rt_heap *h;
	CHECK_EQ_I(gg_rt_heap_create(&cfg, &h, NULL), GG_OK);
	char *a = gg_rt_heap_alloc(h, 4 << 20, 1), *b = gg_rt_heap_alloc(h, 40000, 0);
	memset(a, 1, 4 << 20);
	gg_rt_heap_stats st;
	gg_rt_heap_stats_read(h, &st);
	CHECK_EQ_I(st.HeapReleased, st.HeapIdle); /* fresh pages count as released */
	CHECK_EQ_I(ev.n[GG_RT_EV_HEAP_GROW], 1);
	CHECK_EQ_I(ev.n[GG_RT_EV_LARGE_ALLOC], 2);
	gg_rt_heap_free(h, a, NULL);
	gg_rt_heap_free(h, b, NULL);
	/* A pass releases a step (about 1 MiB) inside someone's call; each
	 * page-heap operation after it goes on until all idle pages are out. */
	gg_rt_heap_stats_read(h, &st);
	CHECK(st.HeapReleased < st.HeapIdle);
	CHECK(ev.scavenged > 0);
	for (int i = 0; i < 32 && st.HeapReleased < st.HeapIdle; i++) {
		gg_rt_heap_free(h, gg_rt_heap_alloc(h, 40000, 0), NULL);
		gg_rt_heap_stats_read(h, &st);
	}
	CHECK_EQ_I(st.HeapReleased, st.HeapIdle);
	CHECK(ev.scavenged >= (4 << 20));
	CHECK(ev.scavenged_max <= (1 << 20));
	CHECK(st.Scavenges >= 5);
	void *s = gg_rt_heap_alloc(h, 24, 0);
	CHECK(ev.n[GG_RT_EV_SPAN_REFILL] == 1);
	gg_rt_heap_free(h, s, NULL);
	check_clean(h);
	gg_rt_heap_destroy(h);

	h = new_heap(0); /* default delay: nothing released by itself */
	a = gg_rt_heap_alloc(h, 4 << 20, 1);
	memset(a, 1, 4 << 20);
	gg_rt_heap_free(h, a, NULL);
	gg_rt_heap_stats_read(h, &st);
	CHECK(st.HeapReleased < st.HeapIdle);
	CHECK_EQ_I(gg_rt_heap_scavenge(h), st.HeapIdle - st.HeapReleased);
	gg_rt_heap_stats_read(h, &st);
	CHECK_EQ_I(st.HeapReleased, st.HeapIdle);
	gg_rt_heap_destroy(h);
}

static void test_allocator(void)
{
	gg_rt_heap *h = new_heap(21);
	gg_rt_allocator a;
	gg_rt_heap_allocator(h, &a);
	char *p = a.alloc(a.ctx, 700, 0);
	CHECK(p != NULL);
	CHECK_EQ_I(a.usable(a.ctx, 700, 0), 704);
	a.free(a.ctx, p, 700, 0);
	check_clean(h);
	gg_rt_heap_destroy(h);
	gg_error err;
	CHECK_EQ_I(gg_rt_heap_create(&(gg_rt_heap_config){.go = 15}, &h, &err), GG_ERR_RELEASE);
	CHECK(h == NULL);
}

/* Pages freed long ago go back to the OS at the next allocation from the
 * page heap too, not only at a free: a heap that stops freeing still
 * shrinks. (The sleep only has to outlast the delay.) */
static void test_scavenge_on_alloc(void)
{
	gg_rt_heap_config cfg = {0};
	cfg.scavenge_ns = 2000000; /* 2 ms */
	gg_rt_heap *h;
	CHECK_EQ_I(gg_rt_heap_create(&cfg, &h, NULL), GG_OK);
	char *a = gg_rt_heap_alloc(h, 4 << 20, 1);
	CHECK(a != NULL);
	memset(a, 1, 4 << 20);
	gg_rt_heap_free(h, a, NULL); /* too recent to release */
	gg_rt_heap_stats st;
	gg_rt_heap_stats_read(h, &st);
	CHECK(st.HeapReleased < st.HeapIdle);
	nanosleep(&(struct timespec){0, 5000000}, NULL);
	void *b = gg_rt_heap_alloc(h, 40000, 1); /* a large span: the page heap */
	CHECK(b != NULL);
	gg_rt_heap_stats_read(h, &st);
	CHECK(st.HeapReleased > 0);
	void *more[32] = {0}; /* kept: a free would make its chunk recent again */
	for (int i = 0; i < 32 && st.HeapReleased < st.HeapIdle; i++) {
		nanosleep(&(struct timespec){0, 2000000}, NULL); /* the steps' pace */
		more[i] = gg_rt_heap_alloc(h, 40000, 1);
		gg_rt_heap_stats_read(h, &st);
	}
	CHECK_EQ_I(st.HeapReleased, st.HeapIdle);
	for (int i = 0; i < 32; i++)
		gg_rt_heap_free(h, more[i], NULL);
	gg_rt_heap_free(h, b, NULL);
	check_clean(h);
	gg_rt_heap_destroy(h);
}

static size_t nonzero(const unsigned char *p, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += p[i] != 0;
	return k;
}

/* Zeroed allocation: a large object on pages fresh from the OS is known
 * zero (alloc_z says so, nothing is cleared); on pages used before it is
 * not and gets cleared; after a scavenge the pages are fresh again. */
static void test_needzero(void)
{
	gg_rt_heap_config cfg = {0};
	cfg.scavenge_ns = -1; /* freed pages stay dirty until asked */
	gg_rt_heap *h;
	CHECK_EQ_I(gg_rt_heap_create(&cfg, &h, NULL), GG_OK);
	gg_rt_allocator a;
	gg_rt_heap_allocator(h, &a);
	const size_t big = 1 << 20;
	int zeroed = -1;
	unsigned char *p = a.alloc_z(a.ctx, big, 1, &zeroed);
	CHECK(p && zeroed == 1);
	CHECK_EQ_I(nonzero(p, big), 0);
	memset(p, 0xa5, big);
	a.free(a.ctx, p, big, 1);
	p = a.alloc_z(a.ctx, big, 1, &zeroed);
	CHECK(p && zeroed == 0); /* the same pages, dirty */
	CHECK_EQ_I(nonzero(p, big), big);
	a.free(a.ctx, p, big, 1);
	p = gg_rt_heap_alloc_zeroed(h, big, 0);
	CHECK(p != NULL);
	CHECK_EQ_I(nonzero(p, big), 0);
	memset(p, 0xa5, big);
	gg_rt_heap_free(h, p, NULL);
	CHECK(gg_rt_heap_scavenge(h) >= big);
	p = a.alloc_z(a.ctx, big, 1, &zeroed);
	CHECK(p && zeroed == 1);
	CHECK_EQ_I(nonzero(p, big), 0);
	a.free(a.ctx, p, big, 1);
	/* Small objects are not tracked: never claimed zero, cleared on demand. */
	p = a.alloc_z(a.ctx, 100, 1, &zeroed);
	CHECK(p && zeroed == 0);
	memset(p, 0xa5, 100);
	a.free(a.ctx, p, 100, 1);
	p = gg_rt_heap_alloc_zeroed(h, 100, 1);
	CHECK(p && nonzero(p, 100) == 0);
	gg_rt_heap_free(h, p, NULL);
	check_clean(h);
	gg_rt_heap_destroy(h);
}

/* A workload that touches every kind of memory request. */
static int workload(gg_rt_heap *h)
{
	static void *p[3000];
	static const size_t sizes[] = {5, 16, 100, 700, 3000, 20000, 40000, 70 << 20};
	int failed = 0, n = 0;
	for (int i = 0; i < 3000; i++) {
		p[n] = gg_rt_heap_alloc(h, sizes[i % 8 == 7 && i > 2990 ? 7 : i % 7], i & 1);
		if (p[n])
			n++;
		else
			failed++;
		if (i % 3 == 0 && n > 0)
			CHECK_EQ_I(gg_rt_heap_free(h, p[--n], NULL), GG_OK);
	}
	gg_rt_heap_flush(h);
	while (n > 0)
		CHECK_EQ_I(gg_rt_heap_free(h, p[--n], NULL), GG_OK);
	return failed;
}

/* The n-th memory request fails, for n = 1, 2, ... until a run makes
 * fewer than n requests (past 64, every 5th n: the sites repeat). Whatever
 * fails, the heap must stay consistent and give everything back. A refill
 * that fails retries once after returning the thread's cached objects, so a
 * single failure often does not reach the caller. */
static void test_fail_every_site(void)
{
	int create_failures = 0, fired = 0, refused = 0;
	for (uint64_t nth = 1; nth < 100000; nth += nth < 64 ? 1 : 5) {
		gg_rt_heap_config cfg = {0};
		cfg.fail_nth = nth;
		gg_rt_heap *h;
		gg_error err;
		gg_status s = gg_rt_heap_create(&cfg, &h, &err);
		if (s != GG_OK) {
			CHECK_EQ_I(s, GG_ERR_NOMEM);
			create_failures++;
			continue;
		}
		refused += workload(h) > 0;
		check_clean(h);
		gg_rt_heap_stats st;
		gg_rt_heap_stats_read(h, &st);
		gg_rt_heap_destroy(h);
		if (st.MemRequests < nth)
			break; /* the n-th request never came: every site has failed */
		fired++;
	}
	printf("failure injection: %d create sites, %d runs with a failed request, %d with a refused "
	       "allocation\n",
	       create_failures, fired, refused);
	CHECK(create_failures >= 2);
	CHECK(fired >= 50);
	CHECK(refused >= 1);
}

int main(void)
{
	test_invalid_frees();
	test_tiny();
	test_span_return();
	test_large_and_limit();
	test_scavenge_and_events();
	test_allocator();
	test_needzero();
	test_scavenge_on_alloc();
	test_fail_every_site();
	test_charges();
	return check_summary();
}
