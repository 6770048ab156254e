/* Runtime slice: the API one operation at a time. Capacities are checked
 * against the model's own answer (gg_growslice, gg_slicestate) for the same
 * release, and where Go's behaviour is a plain fact (stack buffer of
 * 32/size elements, panic texts) against that fact. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "gogrow/rt_heap.h"
#include "gogrow/rt_slice.h"
#include "rt/slice_testutil.h"

static gg_rt_slice_config cfg_of(size_t size, size_t align, gg_scan noscan, int go, const gg_rt_allocator *a)
{
	return (gg_rt_slice_config){{size, align, noscan}, go, a, GG_ESC_HEAP, NULL};
}

static const gg_target *tgt(const gg_rt_slice *s)
{
	return &s->sim.t;
}

/* One element at a time: every cap is growslice's, contents and counters
 * follow. */
static void test_append_one(int go, size_t round)
{
	test_alloc ta;
	test_alloc_init(&ta, round);
	gg_rt_slice s;
	gg_rt_slice_config c = cfg_of(8, 8, 1, go, &ta.a);
	gg_error err;
	CHECK(gg_rt_slice_init(&s, &c, &err) == GG_OK);
	CHECK_EQ_I(s.len, 0);
	CHECK_EQ_I(s.cap, 0);
	CHECK(s.data != NULL);
	uint64_t growths = 0, copied = 0, charged = 0;
	int ok = 1;
	for (int64_t i = 0; i < 5000 && ok; i++) {
		int64_t oldcap = s.cap;
		gg_grow g;
		CHECK(gg_growslice(tgt(&s), (gg_elem){8, 1}, i, oldcap, 1, &g, &err) == GG_OK);
		ok = gg_rt_slice_append(&s, &i, &err) == GG_OK;
		if (s.cap != oldcap) {
			growths++;
			copied += (uint64_t)i * 8;
			charged += round ? (g.capbytes + round - 1) / round * round : g.capbytes;
		}
		if (s.cap != g.newcap)
			ok = 0;
	}
	CHECK(ok);
	CHECK_EQ_I(s.len, 5000);
	for (int64_t i = 0; i < s.len; i++)
		if (*(int64_t *)gg_rt_slice_at(&s, i) != i)
			ok = 0;
	CHECK(ok);
	gg_rt_slice_stats st = gg_rt_slice_stats_get(&s);
	CHECK_EQ_I(st.growths, growths);
	CHECK_EQ_I(st.allocs, growths);
	CHECK_EQ_I(st.bytes_copied, copied);
	CHECK_EQ_I(st.bytes_allocated, charged);
	CHECK_EQ_I(ta.live, 1);
	CHECK_EQ_I(ta.live_bytes, (size_t)s.cap * 8);
	gg_rt_slice_free(&s);
	CHECK_EQ_I(ta.live, 0);
	CHECK_EQ_I(s.len, 0);
	CHECK_EQ_I(s.cap, 0);
	CHECK_EQ_I(gg_rt_slice_stats_get(&s).growths, growths);
}

/* Known caps of Go itself: 1.18+ int64 appended one by one, 1.16 too. */
static void test_known_caps(void)
{
	static const int64_t go27[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280};
	static const int64_t go16[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 1280};
	for (int k = 0; k < 2; k++) {
		gg_rt_slice s;
		gg_rt_slice_config c = cfg_of(8, 8, 1, k ? 16 : 27, NULL);
		const int64_t *want = k ? go16 : go27;
		CHECK(gg_rt_slice_init(&s, &c, NULL) == GG_OK);
		int n = 0;
		int64_t last = 0, v = 0;
		while (s.len < 1280 && n < 12) {
			CHECK(gg_rt_slice_append(&s, &v, NULL) == GG_OK);
			if (s.cap != last)
				CHECK_EQ_I(s.cap, want[n++]);
			last = s.cap;
		}
		CHECK_EQ_I(n, 12);
		gg_rt_slice_free(&s);
	}
}

static void test_make(void)
{
	gg_rt_slice s;
	gg_error err;
	gg_rt_slice_config c = cfg_of(24, 8, 0, 27, NULL);
	CHECK(gg_rt_slice_make(&s, &c, 3, 10, &err) == GG_OK);
	CHECK_EQ_I(s.len, 3);
	CHECK_EQ_I(s.cap, 10);
	static const unsigned char zero[24];
	CHECK(memcmp(gg_rt_slice_at(&s, 2), zero, 24) == 0);
	CHECK(gg_rt_slice_at(&s, 3) == NULL);
	gg_rt_slice_free(&s);

	CHECK(gg_rt_slice_make(&s, &c, -1, 10, &err) == GG_ERR_PANIC);
	CHECK_STR_CONTAINS(err.msg, "makeslice: len out of range");
	CHECK_EQ_I(s.len, 0); /* still a valid empty slice */
	CHECK(gg_rt_slice_append(&s, zero, &err) == GG_OK);
	gg_rt_slice_free(&s);
	CHECK(gg_rt_slice_make(&s, &c, 5, 3, &err) == GG_ERR_PANIC);
	CHECK_STR_CONTAINS(err.msg, "makeslice: cap out of range");
	CHECK(gg_rt_slice_make(&s, &c, 0, INT64_MAX / 16, &err) == GG_ERR_PANIC);
	CHECK_STR_CONTAINS(err.msg, "makeslice: cap out of range");
	CHECK(gg_rt_slice_make(&s, &c, 0, 0, &err) == GG_OK);
	CHECK(s.data != NULL);
	CHECK_EQ_I(gg_rt_slice_stats_get(&s).allocs, 0);
	gg_rt_slice_free(&s);

	test_alloc ta;
	test_alloc_init(&ta, 0);
	ta.fail_next = 1;
	c.alloc = &ta.a;
	CHECK(gg_rt_slice_make(&s, &c, 1, 4, &err) == GG_ERR_NOMEM);
	CHECK_EQ_I(s.len, 0);
	CHECK_EQ_I(s.cap, 0);
	gg_rt_slice_free(&s);
	CHECK_EQ_I(ta.live, 0);
}

static void test_bad_config(void)
{
	gg_rt_slice s;
	gg_error err;
	gg_rt_slice_config c = cfg_of(12, 8, 1, 27, NULL);
	CHECK(gg_rt_slice_init(&s, &c, &err) == GG_ERR_RANGE);
	c = cfg_of(8, 3, 1, 27, NULL);
	CHECK(gg_rt_slice_init(&s, &c, &err) == GG_ERR_RANGE);
	c = cfg_of(32, 32, 1, 27, NULL);
	CHECK(gg_rt_slice_init(&s, &c, &err) == GG_ERR_RANGE);
	c = cfg_of(8, 8, 1, 15, NULL);
	CHECK(gg_rt_slice_init(&s, &c, &err) == GG_ERR_RELEASE);
	c = cfg_of(8, 8, 1, 99, NULL);
	CHECK(gg_rt_slice_init(&s, &c, &err) == GG_ERR_RELEASE);
	gg_rt_allocator broken = {NULL, NULL, NULL, NULL, NULL, NULL};
	c = cfg_of(8, 8, 1, 27, &broken);
	CHECK(gg_rt_slice_init(&s, &c, &err) == GG_ERR_RANGE);
	/* A failed init still leaves something that may be freed; appending
	 * to it is an error, not a crash. */
	int64_t v = 1;
	CHECK(gg_rt_slice_append(&s, &v, &err) == GG_ERR_RANGE);
	CHECK_EQ_I(s.len, 0);
	gg_rt_slice_free(&s);
	c = cfg_of(8, 8, 1, 0, NULL);
	CHECK(gg_rt_slice_init(&s, &c, &err) == GG_OK);
	CHECK_EQ_I(s.sim.t.go, GG_GO_MAX);
	CHECK(strcmp(gg_rt_host_arch(), s.sim.t.arch->name) == 0);
	gg_rt_slice_free(&s);
}

/* Go's panics come back as errors and change nothing. */
static void test_overflow(void)
{
	for (int go = 19; go <= 20; go++) {
		gg_rt_slice s;
		gg_error err;
		gg_rt_slice_config c = cfg_of(8, 8, 1, go, NULL);
		CHECK(gg_rt_slice_init(&s, &c, &err) == GG_OK);
		int64_t v = 7;
		CHECK(gg_rt_slice_append(&s, &v, &err) == GG_OK);
		void *data = s.data;
		CHECK(gg_rt_slice_append_n(&s, NULL, INT64_MAX, &err) == GG_ERR_PANIC);
		CHECK_STR_CONTAINS(err.msg,
				   go >= 20 ? "growslice: len out of range" : "growslice: cap out of range");
		/* Fits Go's int but not maxAlloc (2^48 on amd64). */
		CHECK(gg_rt_slice_append_n(&s, NULL, INT64_C(1) << 46, &err) == GG_ERR_PANIC);
		CHECK(gg_rt_slice_append_n(&s, NULL, -1, &err) == GG_ERR_RANGE);
		CHECK_EQ_I(s.len, 1);
		CHECK_EQ_I(s.cap, 1);
		CHECK(s.data == data);
		CHECK_EQ_I(*(int64_t *)gg_rt_slice_at(&s, 0), 7);
		CHECK(gg_rt_slice_append(&s, &v, &err) == GG_OK);
		CHECK_EQ_I(s.cap, 2);
		gg_rt_slice_free(&s);
	}
}

static void test_nomem(void)
{
	test_alloc ta;
	test_alloc_init(&ta, 0);
	gg_rt_slice s;
	gg_error err;
	gg_rt_slice_config c = cfg_of(4, 4, 1, 27, &ta.a);
	CHECK(gg_rt_slice_init(&s, &c, &err) == GG_OK);
	int32_t v;
	for (v = 0; v < 100; v++)
		CHECK(gg_rt_slice_append(&s, &v, &err) == GG_OK);
	ta.fail_after = 0;
	int64_t len = s.len, cap = s.cap;
	void *data = s.data;
	gg_rt_slice_stats before = gg_rt_slice_stats_get(&s);
	for (; s.len < s.cap; v++)
		CHECK(gg_rt_slice_append(&s, &v, &err) == GG_OK);
	len = s.len;
	CHECK(gg_rt_slice_append(&s, &v, &err) == GG_ERR_NOMEM);
	CHECK_EQ_I(err.code, GG_ERR_NOMEM);
	CHECK_EQ_I(s.len, len);
	CHECK_EQ_I(s.cap, cap);
	CHECK(s.data == data);
	CHECK_EQ_I(gg_rt_slice_stats_get(&s).growths, before.growths);
	CHECK_EQ_I(gg_rt_slice_stats_get(&s).bytes_allocated, before.bytes_allocated);
	CHECK(gg_rt_slice_append_n(&s, NULL, 1000, &err) == GG_ERR_NOMEM);
	int ok = 1;
	for (int32_t i = 0; i < len; i++)
		ok &= *(int32_t *)gg_rt_slice_at(&s, i) == i;
	CHECK(ok);
	ta.fail_after = -1;
	CHECK(gg_rt_slice_append(&s, &v, &err) == GG_OK);
	CHECK_EQ_I(s.len, len + 1);
	CHECK(s.cap > cap);
	gg_rt_slice_free(&s);
	CHECK_EQ_I(ta.live, 0);
}

static void test_index_clip(void)
{
	gg_rt_slice s;
	gg_error err;
	gg_rt_slice_config c = cfg_of(2, 2, 1, 27, NULL);
	CHECK(gg_rt_slice_init(&s, &c, &err) == GG_OK);
	int16_t v[5] = {1, 2, 3, 4, 5};
	CHECK(gg_rt_slice_append_n(&s, v, 3, &err) == GG_OK);
	CHECK_EQ_I(s.cap, 4); /* 6 bytes round up to the 8-byte class */
	void *p = NULL;
	CHECK(gg_rt_slice_index(&s, 2, &p, &err) == GG_OK);
	CHECK_EQ_I(*(int16_t *)p, 3);
	CHECK(gg_rt_slice_index(&s, 3, &p, &err) == GG_ERR_PANIC);
	CHECK(strcmp(err.msg, "runtime error: index out of range [3] with length 3") == 0);
	CHECK(gg_rt_slice_index(&s, -1, &p, &err) == GG_ERR_PANIC);
	CHECK(strcmp(err.msg, "runtime error: index out of range [-1]") == 0);
	CHECK(gg_rt_slice_at(&s, -1) == NULL);
	CHECK_EQ_I(gg_rt_slice_len(&s), 3);
	gg_rt_slice_clip(&s);
	CHECK_EQ_I(gg_rt_slice_cap(&s), 3);
	gg_grow g;
	CHECK(gg_growslice(tgt(&s), (gg_elem){2, 1}, 3, 3, 2, &g, &err) == GG_OK);
	CHECK(gg_rt_slice_append_n(&s, v + 3, 2, &err) == GG_OK);
	CHECK_EQ_I(s.cap, g.newcap);
	CHECK(memcmp(s.data, v, sizeof v) == 0);
	gg_rt_slice_free(&s);
}

/* append(s, s...): the source is the slice's own array, grown or not. */
static void test_self_append(void)
{
	gg_rt_slice s;
	gg_error err;
	gg_rt_slice_config c = cfg_of(8, 8, 1, 27, NULL);
	CHECK(gg_rt_slice_make(&s, &c, 0, 10, &err) == GG_OK);
	for (int64_t i = 0; i < 3; i++)
		CHECK(gg_rt_slice_append(&s, &i, &err) == GG_OK);
	CHECK(gg_rt_slice_append_n(&s, s.data, s.len, &err) == GG_OK); /* fits: 6 of 10 */
	CHECK_EQ_I(s.cap, 10);
	CHECK(gg_rt_slice_append_n(&s, s.data, s.len, &err) == GG_OK); /* 12: grows */
	CHECK_EQ_I(s.len, 12);
	int ok = 1;
	for (int64_t i = 0; i < 12; i++)
		ok &= *(int64_t *)gg_rt_slice_at(&s, i) == i % 3;
	CHECK(ok);
	CHECK(gg_rt_slice_append(&s, gg_rt_slice_at(&s, 1), &err) == GG_OK);
	CHECK_EQ_I(*(int64_t *)gg_rt_slice_at(&s, 12), 1);
	CHECK(gg_rt_slice_append(&s, NULL, &err) == GG_OK); /* a zero element */
	CHECK_EQ_I(*(int64_t *)gg_rt_slice_at(&s, 13), 0);
	for (int64_t i = s.len; i < s.cap; i++)
		CHECK(gg_rt_slice_append_n(&s, NULL, 1, &err) == GG_OK);
	/* Growing with the element taken from the array being replaced. */
	CHECK(gg_rt_slice_append(&s, gg_rt_slice_at(&s, 2), &err) == GG_OK);
	CHECK_EQ_I(*(int64_t *)gg_rt_slice_at(&s, s.len - 1), 2);
	gg_rt_slice_free(&s);
}

static void test_zero_size(void)
{
	test_alloc ta;
	test_alloc_init(&ta, 0);
	gg_rt_slice s;
	gg_error err;
	gg_rt_slice_config c = cfg_of(0, 1, 1, 27, &ta.a);
	CHECK(gg_rt_slice_init(&s, &c, &err) == GG_OK);
	char x = 0;
	for (int i = 1; i <= 5; i++) {
		CHECK(gg_rt_slice_append(&s, &x, &err) == GG_OK);
		CHECK_EQ_I(s.cap, i); /* growslice: cap = len, nothing allocated */
	}
	CHECK(gg_rt_slice_append(&s, NULL, &err) == GG_OK);
	CHECK(gg_rt_slice_append_n(&s, NULL, 999, &err) == GG_OK);
	CHECK_EQ_I(s.cap, 1005);
	CHECK(gg_rt_slice_at(&s, 1004) != NULL);
	CHECK_EQ_I(ta.calls, 0);
	CHECK(gg_rt_slice_make(&s, &c, 10, 20, &err) == GG_OK);
	CHECK_EQ_I(ta.calls, 0);
	gg_rt_slice_free(&s);
}

static void test_trace(void)
{
	static test_rec rec;
	gg_rt_slice s;
	gg_error err;
	gg_rt_slice_config c = cfg_of(16, 8, 0, 27, NULL);
	CHECK(gg_rt_slice_init(&s, &c, &err) == GG_OK);
	gg_rt_tracer t = {test_rec_fn, &rec};
	gg_rt_slice_set_tracer(&s, &t);
	unsigned char e[16] = {0};
	int64_t caps[64];
	int n = 0;
	caps[n++] = 0;
	for (int i = 0; i < 3000; i++) {
		CHECK(gg_rt_slice_append(&s, e, &err) == GG_OK);
		if (s.cap != caps[n - 1] && n < 64)
			caps[n++] = s.cap;
	}
	CHECK_EQ_I(rec.n, n - 1);
	CHECK_EQ_I((int64_t)gg_rt_slice_stats_get(&s).growths, rec.n);
	int ok = 1;
	for (int i = 0; i < rec.n && i + 1 < n; i++) {
		const gg_rt_event *ev = &rec.ev[i];
		ok &= ev->kind == GG_RT_EV_SLICE_GROW;
		ok &= (int64_t)ev->a == caps[i] && (int64_t)ev->b == caps[i + 1];
		ok &= ev->c == (uint64_t)caps[i] * 16; /* len == old cap when appending one */
		ok &= ev->ns > 0 && (i == 0 || ev->ns >= rec.ev[i - 1].ns);
	}
	CHECK(ok);
	gg_rt_slice_set_tracer(&s, NULL);
	int before = rec.n;
	CHECK(gg_rt_slice_append_n(&s, NULL, s.cap, &err) == GG_OK);
	CHECK_EQ_I(rec.n, before);
	gg_rt_slice_free(&s);
}

/* Growing by resize: the same caps and contents as alloc+copy, counted
 * as resizes; a failed resize leaves the slice as it was. */
static void test_resize(void)
{
	test_alloc ta;
	test_alloc_init(&ta, 0);
	gg_rt_slice a, b;
	gg_error err;
	gg_rt_slice_config c = cfg_of(12, 4, 1, 27, &ta.a);
	CHECK(gg_rt_slice_init(&a, &c, &err) == GG_OK);
	c.resize = test_resize_fn;
	CHECK(gg_rt_slice_init(&b, &c, &err) == GG_OK);
	int ok = 1;
	for (int32_t i = 0; i < 30000; i++) {
		int32_t e[3] = {i, -i, 7};
		ok &= gg_rt_slice_append(&a, e, &err) == GG_OK && gg_rt_slice_append(&b, e, &err) == GG_OK;
		ok &= a.cap == b.cap;
		if (i % 1000 == 999) /* from the array itself, grown or not */
			ok &= gg_rt_slice_append_n(&b, gg_rt_slice_at(&b, 5), 3, &err) == GG_OK &&
			      gg_rt_slice_append_n(&a, gg_rt_slice_at(&a, 5), 3, &err) == GG_OK;
	}
	CHECK(ok);
	CHECK(a.len == b.len && memcmp(a.data, b.data, (size_t)a.len * 12) == 0);
	gg_rt_slice_stats sa = gg_rt_slice_stats_get(&a), sb = gg_rt_slice_stats_get(&b);
	CHECK_EQ_I(sb.growths, sa.growths);
	CHECK_EQ_I(sb.allocs, 1); /* the first array; every later one is a resize */
	CHECK_EQ_I(sb.resizes, sa.growths - 1);
	CHECK_EQ_I(sb.bytes_allocated, sa.bytes_allocated);
	CHECK(sb.bytes_copied <= sa.bytes_copied);
	while (b.len < b.cap)
		CHECK(gg_rt_slice_append_n(&b, NULL, 1, &err) == GG_OK);
	void *data = b.data;
	int64_t cap = b.cap;
	ta.fail_next = 1;
	CHECK(gg_rt_slice_append_n(&b, NULL, 1, &err) == GG_ERR_NOMEM);
	CHECK(b.data == data && b.cap == cap && memcmp(a.data, b.data, (size_t)a.len * 12) == 0);
	gg_rt_slice_free(&a);
	gg_rt_slice_free(&b);
	CHECK_EQ_I(ta.live, 0);
	CHECK_EQ_I(ta.live_bytes, 0);
	/* realloc goes with malloc only. */
	c.resize = gg_rt_slice_resize_libc;
	CHECK(gg_rt_slice_init(&b, &c, &err) == GG_ERR_RANGE);
	c.alloc = NULL;
	CHECK(gg_rt_slice_init(&b, &c, &err) == GG_OK);
	for (int32_t i = 0; i < 100000 && ok; i++)
		ok = gg_rt_slice_append_n(&b, NULL, 1, &err) == GG_OK;
	CHECK(ok);
	CHECK(gg_rt_slice_stats_get(&b).resizes > 10);
	gg_rt_slice_free(&b);
	/* A copy of the libc allocator is the libc allocator. */
	gg_rt_allocator libc_copy = *gg_rt_allocator_libc();
	c.alloc = &libc_copy;
	CHECK(gg_rt_slice_init(&b, &c, &err) == GG_OK);
	gg_rt_slice_free(&b);
}

/* An allocator whose memory is never zero, as a reused heap slot is not. */
static void *dirty_alloc(void *ctx, size_t size, gg_scan noscan)
{
	void *p = test_alloc_fn(ctx, size, noscan);
	if (p)
		memset(p, 0xa5, size);
	return p;
}

static void *dirty_resize(void *ctx, void *p, size_t old_size, size_t new_size, gg_scan noscan)
{
	char *q = test_resize_fn(ctx, p, old_size, new_size, noscan);
	if (q && new_size > old_size)
		memset(q + old_size, 0xa5, new_size - old_size);
	return q;
}

/* Nonzero bytes in [len, cap) of s: Go's growth leaves none. */
static size_t dirty_tail(const gg_rt_slice *s)
{
	size_t n = 0;
	const unsigned char *d = s->data;
	for (size_t i = (size_t)s->len * s->size; i < (size_t)s->cap * s->size; i++)
		n += d[i] != 0;
	return n;
}

/* [len, cap) is zero after every growth (append, append_n, both element
 * kinds, alloc+copy and resize), after make, and after the escape move. */
static void test_zero_tail(void)
{
	test_alloc ta;
	test_alloc_init(&ta, 0);
	ta.a.alloc = dirty_alloc;
	gg_error err;
	for (int k = 0; k < 4; k++) {
		gg_rt_slice s;
		gg_rt_slice_config c = cfg_of(24, 8, k & 1, 27, &ta.a);
		c.resize = k & 2 ? dirty_resize : NULL;
		CHECK(gg_rt_slice_init(&s, &c, &err) == GG_OK);
		size_t bad = 0, growths = 0;
		unsigned char e[24];
		memset(e, 0x5a, sizeof e);
		for (int i = 0; i < 5000; i++) {
			int64_t cap = s.cap;
			if (i % 7 == 3)
				CHECK(gg_rt_slice_append_n(&s, NULL, 3, &err) == GG_OK);
			else
				CHECK(gg_rt_slice_append(&s, e, &err) == GG_OK);
			growths += s.cap != cap;
			bad += dirty_tail(&s);
		}
		CHECK(growths > 10);
		CHECK_EQ_I(bad, 0);
		gg_rt_slice_free(&s);
		CHECK(gg_rt_slice_make(&s, &c, 3, 40, &err) == GG_OK);
		CHECK_EQ_I(dirty_tail(&s), 0);
		gg_rt_slice_free(&s);
	}
	/* The move out of a stack buffer (1.26 move2heap) rounds the cap up:
	 * 5 elements of 5 bytes go to a 32-byte slot, cap 6. */
	_Alignas(16) unsigned char buf[GG_STACK_BUF_BYTES];
	memset(buf, 0xa5, sizeof buf);
	gg_rt_slice s;
	gg_rt_slice_config c = cfg_of(5, 1, 1, 27, &ta.a);
	c.esc = GG_ESC_RET;
	CHECK(gg_rt_slice_init_buf(&s, &c, buf, sizeof buf, &err) == GG_OK);
	const char five[5] = "abcd";
	for (int i = 0; i < 5; i++)
		CHECK(gg_rt_slice_append(&s, five, &err) == GG_OK);
	CHECK_EQ_I(dirty_tail(&s), 0);
	CHECK(gg_rt_slice_escape(&s, &err) == GG_OK);
	CHECK(s.data != (void *)buf && s.cap > s.len);
	CHECK_EQ_I(dirty_tail(&s), 0);
	gg_rt_slice_free(&s);
	CHECK_EQ_I(ta.live, 0);
}

/* On the gogrow heap, whose large objects come zero when their pages are
 * fresh: growths into pages used before still get a zero tail. */
static void test_zero_tail_heap(void)
{
	gg_rt_heap_config hc = {0};
	hc.scavenge_ns = -1; /* freed pages stay dirty */
	gg_rt_heap *h;
	CHECK(gg_rt_heap_create(&hc, &h, NULL) == GG_OK);
	gg_rt_allocator ha;
	gg_rt_heap_allocator(h, &ha);
	void *junk = gg_rt_heap_alloc(h, 8 << 20, 1);
	CHECK(junk != NULL);
	memset(junk, 0xa5, 8 << 20);
	gg_rt_heap_free(h, junk, NULL);
	gg_rt_slice s;
	gg_rt_slice_config c = cfg_of(8, 8, 1, 27, &ha);
	gg_error err;
	CHECK(gg_rt_slice_init(&s, &c, &err) == GG_OK);
	size_t bad = 0;
	for (int64_t i = 0; i < 600000; i++) {
		int64_t cap = s.cap;
		CHECK(gg_rt_slice_append(&s, &i, &err) == GG_OK);
		if (s.cap != cap)
			bad += dirty_tail(&s);
	}
	CHECK_EQ_I(bad, 0);
	gg_rt_slice_free(&s);
	gg_rt_heap_destroy(h);
}

int main(void)
{
	test_append_one(27, 0);
	test_append_one(19, 0);
	test_append_one(16, 0);
	test_append_one(27, 64);
	test_known_caps();
	test_make();
	test_bad_config();
	test_overflow();
	test_nomem();
	test_index_clip();
	test_self_append();
	test_zero_size();
	test_trace();
	test_resize();
	test_zero_tail();
	test_zero_tail_heap();
	return check_summary();
}
