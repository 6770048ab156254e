/* Helpers shared by the runtime slice tests: an allocator wrapper that can
 * be told to fail, and a tracer that records events. */
#ifndef GOGROW_TEST_SLICE_TESTUTIL_H
#define GOGROW_TEST_SLICE_TESTUTIL_H

#include <stdlib.h>
#include <string.h>

#include "gogrow/rt_alloc.h"
#include "gogrow/rt_trace.h"

/* libc underneath; fail_next makes the next alloc return NULL (once), and
 * fail_after = k lets k more succeed and then fails every one. Live blocks
 * and bytes are counted so that leaks and size mismatches show. */
typedef struct test_alloc {
	gg_rt_allocator a;
	int fail_next;
	long fail_after; /* < 0: off */
	long calls, failures, live;
	size_t live_bytes;
	size_t round; /* usable rounds requests up to a multiple of this; 0: no usable */
} test_alloc;

static inline void *test_alloc_fn(void *ctx, size_t size, gg_scan noscan)
{
	test_alloc *t = ctx;
	(void)noscan;
	t->calls++;
	if (size == 0)
		abort(); /* the interface promises never 0 */
	if (t->fail_next || t->fail_after == 0) {
		t->fail_next = 0;
		t->failures++;
		return NULL;
	}
	if (t->fail_after > 0)
		t->fail_after--;
	size_t *p = malloc(size + 16);
	if (!p)
		return NULL;
	p[0] = size;
	t->live++;
	t->live_bytes += size;
	return (char *)p + 16;
}

static inline void test_free_fn(void *ctx, void *p, size_t size, gg_scan noscan)
{
	test_alloc *t = ctx;
	(void)noscan;
	size_t *h = (size_t *)((char *)p - 16);
	if (h[0] != size)
		abort(); /* freed with another size than allocated */
	t->live--;
	t->live_bytes -= size;
	free(h);
}

/* A resize that sometimes grows in place (realloc) and sometimes always
 * moves, so that both cases are reached; fails like alloc does. */
static inline void *test_resize_fn(void *ctx, void *p, size_t old_size, size_t new_size, gg_scan noscan)
{
	test_alloc *t = ctx;
	(void)noscan;
	size_t *h = (size_t *)((char *)p - 16);
	if (h[0] != old_size || new_size == 0)
		abort();
	t->calls++;
	if (t->fail_next || t->fail_after == 0) {
		t->fail_next = 0;
		t->failures++;
		return NULL;
	}
	if (t->fail_after > 0)
		t->fail_after--;
	size_t *q;
	if (t->calls & 1) {
		q = realloc(h, new_size + 16);
	} else {
		q = malloc(new_size + 16);
		if (q) {
			memcpy(q, h, 16 + (old_size < new_size ? old_size : new_size));
			free(h);
		}
	}
	if (!q)
		return NULL;
	q[0] = new_size;
	t->live_bytes += new_size - old_size;
	return (char *)q + 16;
}

static inline size_t test_usable_fn(void *ctx, size_t size, gg_scan noscan)
{
	test_alloc *t = ctx;
	(void)noscan;
	return (size + t->round - 1) / t->round * t->round;
}

static inline void test_alloc_init(test_alloc *t, size_t round)
{
	*t = (test_alloc){{test_alloc_fn, test_free_fn, round ? test_usable_fn : NULL, NULL, NULL, NULL},
			  0,
			  -1,
			  0,
			  0,
			  0,
			  0,
			  round};
	t->a.ctx = t;
}

#define TEST_MAX_EVENTS 4096

typedef struct test_rec {
	gg_rt_event ev[TEST_MAX_EVENTS];
	int n;
} test_rec;

static inline void test_rec_fn(void *ctx, const gg_rt_event *ev)
{
	test_rec *r = ctx;
	if (r->n < TEST_MAX_EVENTS)
		r->ev[r->n] = *ev;
	r->n++;
}

#endif
