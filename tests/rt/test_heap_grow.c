/* gg_rt_heap_grow: an object replaced by a bigger one, counted exactly as
 * gg_rt_heap_alloc + copy + gg_rt_heap_free (checked against a second heap
 * doing just that), contents kept, the zero promise kept, in place when the
 * pages after a large object are free, moved (pages remapped or copied) when
 * not; bad pointers refused, out of memory leaving the object live; and a
 * slice on the heap growing through it as through alloc + copy + free. */
/* MAP_ANONYMOUS, MADV_HUGEPAGE */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "check.h"
#include "gogrow/malloc.h"
#include "gogrow/rt_heap.h"
#include "gogrow/rt_slice.h"

static gg_rt_heap *new_heap(uint64_t limit)
{
	gg_rt_heap_config cfg = {0};
	cfg.limit = limit;
	cfg.scavenge_ns = -1; /* freed pages stay dirty */
	gg_rt_heap *h = NULL;
	if (gg_rt_heap_create(&cfg, &h, NULL) != GG_OK)
		abort();
	return h;
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 31 + seed);
}

static size_t wrong_bytes(const unsigned char *p, size_t n, unsigned seed)
{
	size_t bad = 0;
	for (size_t i = 0; i < n; i++)
		bad += p[i] != (unsigned char)(i * 31 + seed);
	return bad;
}

static size_t nonzero(const unsigned char *p, size_t n)
{
	size_t bad = 0;
	for (size_t i = 0; i < n; i++)
		bad += p[i] != 0;
	return bad;
}

/* The MemStats fields an allocation and a free change. */
static void check_same_stats(gg_rt_heap *a, gg_rt_heap *b)
{
	gg_rt_heap_stats x, y;
	gg_rt_heap_stats_read(a, &x);
	gg_rt_heap_stats_read(b, &y);
	CHECK_EQ_I(x.TotalAlloc, y.TotalAlloc);
	CHECK_EQ_I(x.Mallocs, y.Mallocs);
	CHECK_EQ_I(x.Frees, y.Frees);
	CHECK_EQ_I(x.HeapAlloc, y.HeapAlloc);
	CHECK_EQ_I(x.HeapObjects, y.HeapObjects);
	CHECK_EQ_I(x.HeapInuse, y.HeapInuse);
	for (int i = 0; i < GG_NUM_SIZE_CLASSES; i++) {
		CHECK_EQ_I(x.BySize[i].Mallocs, y.BySize[i].Mallocs);
		CHECK_EQ_I(x.BySize[i].Frees, y.BySize[i].Frees);
	}
}

/* Grows one object through a chain of sizes (small, large, past an arena,
 * and one shrink) on heap g, and does alloc + memcpy + free on heap r: same
 * statistics after every step, TotalAlloc up by the model's charge. */
static void test_against_copy(void)
{
	static const size_t sizes[] = {24,	900,	 32760,	   32761,    40000,  300000,
				       1 << 20, 3 << 20, 40 << 20, 66 << 20, 100000, 2 << 20};
	gg_rt_heap *g = new_heap(0), *r = new_heap(0);
	const gg_target *t = gg_rt_heap_target(g);
	for (int noscan = 0; noscan <= 1; noscan++) {
		unsigned char *p = NULL, *q = NULL;
		size_t old = 0;
		for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			size_t n = sizes[i], keep = old < n ? old : n;
			gg_rt_heap_stats before, after;
			gg_rt_heap_stats_read(g, &before);
			void *np = NULL;
			int zeroed = -1;
			CHECK(gg_rt_heap_grow(g, p, old, n, noscan, &np, &zeroed, NULL) == GG_OK);
			gg_rt_heap_stats_read(g, &after);
			CHECK_EQ_I(after.TotalAlloc - before.TotalAlloc, gg_alloc_bytes(t, n, noscan, NULL));
			CHECK_EQ_I(wrong_bytes(np, keep, (unsigned)i), 0);
			if (zeroed == 1)
				CHECK_EQ_I(nonzero((unsigned char *)np + keep, n - keep), 0);
			unsigned char *nq = gg_rt_heap_alloc(r, n, noscan);
			if (keep)
				memcpy(nq, q, keep);
			gg_rt_heap_free(r, q, NULL);
			p = np;
			q = nq;
			fill(p, n, (unsigned)i + 1);
			old = n;
			check_same_stats(g, r);
		}
		CHECK(gg_rt_heap_free(g, p, NULL) == GG_OK);
		gg_rt_heap_free(r, q, NULL);
	}
	gg_error err = {0};
	CHECK(gg_rt_heap_check(g, &err) == GG_OK);
	gg_rt_heap_stats st;
	gg_rt_heap_stats_read(g, &st);
	CHECK_EQ_I(st.HeapAlloc, 0);
	CHECK_EQ_I(st.Mallocs, st.Frees);
	gg_rt_heap_destroy(g);
	gg_rt_heap_destroy(r);
}

/* A large object with free pages after it keeps its address; with an object
 * right after it, it moves (by remapping from 256 KiB, by copying below)
 * and its old pages are free again. */
static void test_in_place_and_move(void)
{
	gg_rt_heap *h = new_heap(0);
	gg_rt_allocator a;
	gg_rt_heap_allocator(h, &a);
	for (size_t base = 40000; base <= (4 << 20); base *= 10) {
		unsigned char *p = gg_rt_heap_alloc(h, base, 1);
		fill(p, base, 7);
		void *q = NULL;
		CHECK(gg_rt_heap_grow(h, p, base, 2 * base, 1, &q, NULL, NULL) == GG_OK);
		CHECK(q == p); /* the heap is empty after p */
		CHECK_EQ_I(wrong_bytes(q, base, 7), 0);
		void *wall = gg_rt_heap_alloc(h, 40000, 1); /* right after p */
		CHECK((uintptr_t)wall >= (uintptr_t)p + 2 * base);
		void *m = NULL;
		CHECK(gg_rt_heap_grow(h, q, 2 * base, 4 * base, 1, &m, NULL, NULL) == GG_OK);
		CHECK(m != q);
		CHECK_EQ_I(wrong_bytes(m, base, 7), 0);
		/* The old pages are free: the same size fits there again, mapped
		 * and writable; if called zero (pages moved away by the kernel,
		 * counted released), they are. */
		int zeroed = 0;
		unsigned char *again = a.alloc_z(a.ctx, 2 * base, 1, &zeroed);
		CHECK(again == q);
		if (zeroed)
			CHECK_EQ_I(nonzero(again, 2 * base), 0);
		else
			CHECK_EQ_I(wrong_bytes(again, base, 7), 0); /* copied, not moved */
		memset(again, 1, 2 * base);
		gg_rt_heap_free(h, again, NULL);
		gg_rt_heap_free(h, wall, NULL);
		gg_rt_heap_free(h, m, NULL);
	}
	gg_error err = {0};
	CHECK(gg_rt_heap_check(h, &err) == GG_OK);
	gg_rt_heap_destroy(h);
}

static int mappings(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	int n = 0, c;
	if (!f)
		return -1;
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

/* A moved object's pages are a kernel mapping of their own; freeing it
 * merges them back, so that growth after growth does not run the process
 * into vm.max_map_count. 64 objects moved, all live, then all freed: the
 * count of mappings is back where it was. */
static void test_moves_merge_back(void)
{
	enum { N = 64, SIZE = 300 << 10 };
	gg_rt_heap *h = new_heap(0);
	void *warm = gg_rt_heap_alloc(h, SIZE, 1); /* the arena exists */
	gg_rt_heap_free(h, warm, NULL);
	int before = mappings();
	void *obj[N], *wall[N];
	int moved = 0;
	for (int i = 0; i < N; i++) {
		unsigned char *p = gg_rt_heap_alloc(h, SIZE, 1);
		fill(p, SIZE, (unsigned)i);
		wall[i] = gg_rt_heap_alloc(h, 40000, 1); /* no growth in place */
		CHECK(gg_rt_heap_grow(h, p, SIZE, 2 * SIZE, 1, &obj[i], NULL, NULL) == GG_OK);
		CHECK_EQ_I(wrong_bytes(obj[i], SIZE, (unsigned)i), 0);
	}
	int during = mappings();
	moved = during - before;
	for (int i = 0; i < N; i++) {
		gg_rt_heap_free(h, obj[i], NULL);
		gg_rt_heap_free(h, wall[i], NULL);
	}
	int after = mappings();
	printf("mappings: %d before, %d with %d moved objects, %d after\n", before, during, N, after);
	CHECK(before > 0);
	CHECK(after <= before + 2);
	/* where the kernel moves pages (Linux 5.7+), they did split the mapping */
	CHECK(moved == 0 || moved >= N);
	gg_error err = {0};
	CHECK(gg_rt_heap_check(h, &err) == GG_OK);
	gg_rt_heap_destroy(h);
}

/* 1 when the mapping holding p is advised for huge pages (smaps VmFlags
 * "hg"), 0 when not, -1 when smaps cannot tell. */
static int huge_advised(const void *p)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	if (!f)
		return -1;
	char line[512];
	int in = 0, r = -1;
	while (r < 0 && fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' '))
			in = (uintptr_t)p >= lo && (uintptr_t)p < hi;
		else if (in && !strncmp(line, "VmFlags:", 8))
			r = strstr(line, " hg") != NULL;
	}
	fclose(f);
	return r;
}

/* A grown object of 4 MiB and up asks for huge pages (it is written
 * through); one from plain allocation does not (a map's bucket array is
 * touched at scattered places, and a huge page's first touch clears 2 MiB
 * in one fault). Skipped where the advice does not show in smaps (a kernel
 * without THP, qemu-user). */
static void test_huge_pages(void)
{
#ifdef MADV_HUGEPAGE
	size_t big = (size_t)8 << 20;
	char *probe = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(probe != MAP_FAILED);
	char *mid = (char *)(((uintptr_t)probe + (4u << 20)) & ~(uintptr_t)((2u << 20) - 1));
	int shows = madvise(mid, 2u << 20, MADV_HUGEPAGE) == 0 && huge_advised(mid) == 1;
	munmap(probe, big);
	if (!shows) {
		printf("huge pages: advice not visible here, skipped\n");
		return;
	}
	gg_rt_heap *h = new_heap(0);
	char *plain = gg_rt_heap_alloc(h, big, 1), *small = gg_rt_heap_alloc(h, 100000, 1);
	void *grown = NULL;
	CHECK(plain != NULL && small != NULL);
	CHECK_EQ_I(huge_advised(plain + (4u << 20)), 0);
	CHECK(gg_rt_heap_grow(h, small, 100000, big, 1, &grown, NULL, NULL) == GG_OK);
	CHECK_EQ_I(huge_advised((char *)grown + (4u << 20)), 1);
	gg_rt_heap_free(h, plain, NULL);
	gg_rt_heap_free(h, grown, NULL);
	gg_rt_heap_destroy(h);
#endif
}

/* zeroed is promised only when true: pages fresh from the OS (and the old
 * slot's bytes past old_size cleared), never for pages used before. */
static void test_zero_promise(void)
{
	gg_rt_heap *h = new_heap(0);
	unsigned char *p = gg_rt_heap_alloc(h, 40000, 1); /* 5 pages, 40960 usable */
	memset(p, 0xcc, 40960);
	void *q = NULL;
	int zeroed = 0;
	CHECK(gg_rt_heap_grow(h, p, 40000, 1 << 20, 1, &q, &zeroed, NULL) == GG_OK);
	CHECK(q == p && zeroed == 1);
	CHECK_EQ_I(nonzero((unsigned char *)q + 40000, (1 << 20) - 40000), 0);
	/* Dirty the pages after it, free them, grow into them. */
	unsigned char *d = gg_rt_heap_alloc(h, 2 << 20, 1);
	CHECK((uintptr_t)d == (uintptr_t)q + (1 << 20));
	memset(d, 0xa5, 2 << 20);
	gg_rt_heap_free(h, d, NULL);
	void *q2 = NULL;
	zeroed = 1;
	CHECK(gg_rt_heap_grow(h, q, 1 << 20, 2 << 20, 1, &q2, &zeroed, NULL) == GG_OK);
	CHECK(q2 == q && zeroed == 0);
	gg_rt_heap_free(h, q2, NULL);
	gg_rt_heap_destroy(h);
}

static void test_errors(void)
{
	gg_rt_heap *h = new_heap(8 << 20);
	gg_error err = {0};
	void *out = (void *)1;
	int local;
	CHECK_EQ_I(gg_rt_heap_grow(h, &local, 8, 100, 1, &out, NULL, &err), GG_ERR_RANGE);
	CHECK(out == NULL);
	CHECK_STR_CONTAINS(err.msg, "not a live object");
	unsigned char *p = gg_rt_heap_alloc(h, 100000, 1);
	CHECK_EQ_I(gg_rt_heap_grow(h, p + 8, 8, 200000, 1, &out, NULL, &err), GG_ERR_RANGE);
	CHECK_EQ_I(gg_rt_heap_grow(h, p, 200000, 300000, 1, &out, NULL, &err), GG_ERR_RANGE);
	CHECK_STR_CONTAINS(err.msg, "old size");
	unsigned char *s = gg_rt_heap_alloc(h, 64, 1);
	CHECK_EQ_I(gg_rt_heap_grow(h, s + 16, 8, 200, 1, &out, NULL, &err), GG_ERR_RANGE);
	gg_rt_heap_stats st;
	gg_rt_heap_stats_read(h, &st);
	CHECK_EQ_I(st.InvalidFrees, 4);
	/* Over the limit (8 MiB in use): refused, p live and intact. */
	fill(p, 100000, 3);
	CHECK_EQ_I(gg_rt_heap_grow(h, p, 100000, 9 << 20, 1, &out, NULL, &err), GG_ERR_NOMEM);
	CHECK(out == NULL);
	CHECK_EQ_I(wrong_bytes(p, 100000, 3), 0);
	/* The failure hook counts growing as a memory request. */
	gg_rt_heap_fail_nth(h, 1);
	CHECK_EQ_I(gg_rt_heap_grow(h, p, 100000, 4 << 20, 1, &out, NULL, &err), GG_ERR_NOMEM);
	CHECK_EQ_I(wrong_bytes(p, 100000, 3), 0);
	gg_rt_heap_fail_nth(h, 0);
	CHECK(gg_rt_heap_free(h, p, NULL) == GG_OK);
	CHECK(gg_rt_heap_free(h, s, NULL) == GG_OK);
	/* From nothing: a plain allocation. */
	CHECK(gg_rt_heap_grow(h, NULL, 0, 5000, 0, &out, NULL, &err) == GG_OK);
	CHECK(out != NULL);
	CHECK(gg_rt_heap_free(h, out, NULL) == GG_OK);
	CHECK(gg_rt_heap_check(h, &err) == GG_OK);
	gg_rt_heap_destroy(h);
}

/* 10^6 int64 appends and 2*10^5 48-byte ones on the heap, through grow and
 * (grow removed) through alloc + copy + free: same caps, contents, slice
 * counters except bytes copied, and heap statistics. */
static void test_slice(void)
{
	for (size_t size = 8; size <= 48; size += 40) {
		gg_rt_heap *h[2] = {new_heap(0), new_heap(0)};
		gg_rt_allocator a[2];
		gg_rt_slice s[2];
		for (int k = 0; k < 2; k++) {
			gg_rt_heap_allocator(h[k], &a[k]);
			if (k == 1)
				a[k].grow = NULL;
			gg_rt_slice_config c = {{size, 8, 1}, 27, &a[k], GG_ESC_HEAP, NULL};
			CHECK(gg_rt_slice_init(&s[k], &c, NULL) == GG_OK);
		}
		unsigned char e[48] = {0};
		int64_t n = size == 8 ? 1000000 : 200000, capdiff = 0;
		for (int64_t i = 0; i < n; i++) {
			memcpy(e, &i, sizeof i);
			for (int k = 0; k < 2; k++)
				CHECK(gg_rt_slice_append(&s[k], e, NULL) == GG_OK);
			capdiff += s[0].cap != s[1].cap;
		}
		CHECK_EQ_I(capdiff, 0);
		CHECK(memcmp(s[0].data, s[1].data, (size_t)s[0].cap * size) == 0);
		gg_rt_slice_stats x = gg_rt_slice_stats_get(&s[0]), y = gg_rt_slice_stats_get(&s[1]);
		CHECK_EQ_I(x.growths, y.growths);
		CHECK_EQ_I(x.allocs, y.allocs);
		CHECK_EQ_I(x.bytes_allocated, y.bytes_allocated);
		CHECK(x.bytes_copied < y.bytes_copied);
		check_same_stats(h[0], h[1]);
		for (int k = 0; k < 2; k++) {
			gg_rt_slice_free(&s[k]);
			gg_rt_heap_destroy(h[k]);
		}
	}
}

/* Objects of 4 GiB and more (pages reserved, only a few touched): their
 * size is the span's pages, not a 32-bit byte count that wraps, so they
 * read as whole and grow again, in place or moved, contents kept. */
static void test_past_4gib(void)
{
	if (SIZE_MAX <= UINT32_MAX)
		return;
	gg_rt_heap *h = new_heap(0);
	size_t big = ((size_t)1 << 32) + 5, sizes[] = {(size_t)3 << 30, big, big + 100000, (size_t)5 << 30};
	unsigned char *p = gg_rt_heap_alloc(h, sizes[0], 1);
	CHECK(p != NULL);
	if (!p)
		return;
	p[0] = 0x11;
	p[sizes[0] - 1] = 0x22;
	for (int i = 1; i < 4; i++) {
		uint64_t usable = 0;
		void *q = NULL;
		CHECK(gg_rt_heap_slot(h, p, NULL, &usable) == GG_OK);
		CHECK(usable >= sizes[i - 1]);
		CHECK(gg_rt_heap_grow(h, p, sizes[i - 1], sizes[i], 1, &q, NULL, NULL) == GG_OK);
		if (!q)
			break;
		p = q;
		CHECK(p[0] == 0x11 && p[sizes[0] - 1] == 0x22);
	}
	gg_rt_heap_stats st;
	gg_rt_heap_stats_read(h, &st);
	CHECK_EQ_I(st.InvalidFrees, 0);
	gg_rt_heap_free(h, p, NULL);
	gg_error err = {0};
	CHECK(gg_rt_heap_check(h, &err) == GG_OK);
	gg_rt_heap_destroy(h);
}

int main(void)
{
	test_against_copy();
	test_in_place_and_move();
	test_moves_merge_back();
	test_huge_pages();
	test_zero_promise();
	test_errors();
	test_slice();
	test_past_4gib();
	return check_summary();
}
