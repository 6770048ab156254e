/* Runtime slice on a caller's buffer: Go 1.25+'s 32-byte stack buffer
 * (GG_ESC_STACK), 1.26's move2heap (GG_ESC_RET) and growsliceBuf
 * (GG_ESC_RETCAP). Every cap is also checked against gg_slicestate. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "gogrow/rt_slice.h"
#include "rt/slice_testutil.h"

static _Alignas(16) unsigned char buf[64];

static gg_rt_slice_config cfg_of(size_t size, int go, gg_escape esc, const gg_rt_allocator *a)
{
	return (gg_rt_slice_config){{size, size >= 8 ? 8 : size, 1}, go, a, esc, NULL};
}

/* Appends one int64 at a time up to n, checking each cap against the
 * model and every element at the end. Returns the slice to the caller. */
static void run(gg_rt_slice *s, gg_slicestate *sim, int64_t n)
{
	gg_error err;
	int ok = 1;
	for (int64_t v = s->len; v < n; v++) {
		gg_grow g;
		CHECK(gg_slice_append(sim, 1, &g, &err) == GG_OK);
		CHECK(gg_rt_slice_append(s, &v, &err) == GG_OK);
		ok &= s->cap == sim->cap;
	}
	CHECK(ok);
	for (int64_t v = 0; v < n; v++)
		ok &= *(int64_t *)gg_rt_slice_at(s, v) == v;
	CHECK(ok);
}

static void test_stack(void)
{
	test_alloc ta;
	test_alloc_init(&ta, 0);
	gg_rt_slice s;
	gg_error err;
	gg_rt_slice_config c = cfg_of(8, 25, GG_ESC_STACK, &ta.a);
	CHECK(gg_rt_slice_init_buf(&s, &c, buf, sizeof buf, &err) == GG_OK);
	gg_slicestate sim;
	gg_slice_start(&sim, &s.sim.t, (gg_elem){8, 1}, GG_ESC_STACK, 0, 0);
	run(&s, &sim, 1);
	CHECK(s.data == buf);
	CHECK_EQ_I(s.cap, 4); /* 32 / 8 */
	run(&s, &sim, 4);
	CHECK(s.data == buf);
	CHECK_EQ_I(ta.calls, 0);
	run(&s, &sim, 5); /* the first growth copies out of the buffer */
	CHECK(s.data != buf);
	CHECK_EQ_I(s.cap, 8);
	gg_rt_slice_stats st = gg_rt_slice_stats_get(&s);
	CHECK_EQ_I(st.growths, 2);
	CHECK_EQ_I(st.allocs, 1);
	CHECK_EQ_I(st.bytes_copied, 32);
	CHECK_EQ_I(st.bytes_allocated, 64);
	/* Overwriting the buffer no longer matters. */
	memset(buf, 0xff, sizeof buf);
	run(&s, &sim, 100);
	gg_rt_slice_free(&s);
	CHECK_EQ_I(ta.live, 0);
	/* After free the buffer is taken again, as in a new activation. */
	int64_t v = 1;
	CHECK(gg_rt_slice_append(&s, &v, &err) == GG_OK);
	CHECK(s.data == buf);
	gg_rt_slice_free(&s);
}

/* Before 1.25 and for elements over 32 bytes the buffer is never used. */
static void test_stack_unused(void)
{
	gg_rt_slice s;
	gg_error err;
	gg_rt_slice_config c = cfg_of(8, 24, GG_ESC_STACK, NULL);
	CHECK(gg_rt_slice_init_buf(&s, &c, buf, sizeof buf, &err) == GG_OK);
	int64_t v = 0;
	CHECK(gg_rt_slice_append(&s, &v, &err) == GG_OK);
	CHECK(s.data != buf);
	CHECK_EQ_I(s.cap, 1);
	gg_rt_slice_free(&s);
	c = cfg_of(40, 27, GG_ESC_STACK, NULL);
	CHECK(gg_rt_slice_init_buf(&s, &c, buf, sizeof buf, &err) == GG_OK);
	CHECK(gg_rt_slice_append_n(&s, NULL, 1, &err) == GG_OK);
	CHECK(s.data != buf);
	gg_rt_slice_free(&s);
	/* Appending more than fits at once skips the buffer too. */
	c = cfg_of(8, 27, GG_ESC_STACK, NULL);
	CHECK(gg_rt_slice_init_buf(&s, &c, buf, sizeof buf, &err) == GG_OK);
	CHECK(gg_rt_slice_append_n(&s, NULL, 5, &err) == GG_OK);
	CHECK(s.data != buf);
	gg_rt_slice_free(&s);
	CHECK(gg_rt_slice_init_buf(&s, &c, buf, 16, &err) == GG_ERR_RANGE);
	CHECK(gg_rt_slice_init_buf(&s, &c, buf + 4, 40, &err) == GG_ERR_RANGE);
	CHECK(gg_rt_slice_init_buf(&s, &c, NULL, 40, &err) == GG_ERR_RANGE);
}

/* 1.26 return: built in the buffer, moved at the return with the cap
 * roundupsize(len*size)/size; 3 int64 -> 24 bytes, a size class: cap 3. */
static void test_ret(void)
{
	test_alloc ta;
	test_alloc_init(&ta, 0);
	gg_rt_slice s;
	gg_error err;
	gg_rt_slice_config c = cfg_of(8, 26, GG_ESC_RET, &ta.a);
	CHECK(gg_rt_slice_init_buf(&s, &c, buf, sizeof buf, &err) == GG_OK);
	gg_slicestate sim;
	gg_slice_start(&sim, &s.sim.t, (gg_elem){8, 1}, GG_ESC_RET, 0, 0);
	run(&s, &sim, 3);
	CHECK(s.data == buf);
	CHECK_EQ_I(s.cap, 4);
	ta.fail_next = 1;
	CHECK(gg_rt_slice_escape(&s, &err) == GG_ERR_NOMEM);
	CHECK(s.data == buf);
	CHECK(gg_rt_slice_escape(&s, &err) == GG_OK);
	CHECK(s.data != buf);
	CHECK_EQ_I(s.cap, gg_slice_finish(&sim, NULL));
	CHECK_EQ_I(s.cap, 3);
	CHECK_EQ_I(ta.live_bytes, 24);
	memset(buf, 0xff, sizeof buf);
	for (int64_t v = 0; v < 3; v++)
		CHECK_EQ_I(*(int64_t *)gg_rt_slice_at(&s, v), v);
	/* Now a heap slice: the next append is growslice(3, 3, 1). */
	gg_grow g;
	CHECK(gg_growslice(&s.sim.t, (gg_elem){8, 1}, 3, 3, 1, &g, &err) == GG_OK);
	CHECK(gg_rt_slice_append_n(&s, NULL, 1, &err) == GG_OK);
	CHECK_EQ_I(s.cap, g.newcap);
	CHECK(gg_rt_slice_escape(&s, &err) == GG_OK); /* not in the buffer: nothing to do */
	gg_rt_slice_free(&s);
	CHECK_EQ_I(ta.live, 0);
	/* An empty slice escapes to nothing. */
	CHECK(gg_rt_slice_init_buf(&s, &c, buf, sizeof buf, &err) == GG_OK);
	CHECK(gg_rt_slice_escape(&s, &err) == GG_OK);
	CHECK_EQ_I(s.cap, 0);
	gg_rt_slice_free(&s);
}

/* 1.26 return with cap() used: one size class at a time in the buffer
 * (int64: 1, 2, 3, 4), then growslice. */
static void test_retcap(void)
{
	gg_rt_slice s;
	gg_error err;
	gg_rt_slice_config c = cfg_of(8, 26, GG_ESC_RETCAP, NULL);
	CHECK(gg_rt_slice_init_buf(&s, &c, buf, sizeof buf, &err) == GG_OK);
	gg_slicestate sim;
	gg_slice_start(&sim, &s.sim.t, (gg_elem){8, 1}, GG_ESC_RETCAP, 0, 0);
	for (int64_t n = 1; n <= 4; n++) {
		run(&s, &sim, n);
		CHECK_EQ_I(s.cap, n);
		CHECK(s.data == buf);
	}
	CHECK_EQ_I(gg_rt_slice_stats_get(&s).bytes_copied, 0);
	run(&s, &sim, 50);
	CHECK(s.data != buf);
	/* After free the ladder starts over in the buffer. */
	gg_rt_slice_free(&s);
	gg_slice_start(&sim, &s.sim.t, (gg_elem){8, 1}, GG_ESC_RETCAP, 0, 0);
	run(&s, &sim, 2);
	CHECK(s.data == buf);
	CHECK(gg_rt_slice_escape(&s, &err) == GG_OK);
	CHECK(s.data != buf);
	CHECK_EQ_I(s.cap, 2);
	gg_rt_slice_free(&s);
}

int main(void)
{
	test_stack();
	test_stack_unused();
	test_ret();
	test_retcap();
	return check_summary();
}
