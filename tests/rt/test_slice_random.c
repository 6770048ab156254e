/* Runtime slice against a trivial reference: random appends (one, many,
 * zeros, from the slice itself), clips and escapes on random element
 * types, releases and escape situations. After every operation the
 * contents must equal a plain byte array's and the cap the model's
 * (a gg_slicestate fed the same operations). Every append that has to grow
 * is first tried with an allocator that fails: it must report NOMEM and
 * change nothing, or succeed without allocating (stack buffer, zero size). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gogrow/rt_slice.h"
#include "rt/slice_testutil.h"

static uint64_t rng = 0x9e3779b97f4a7c15u;
static long injected, unallocated, escapes; /* how often each case was reached */

static uint64_t rnd(uint64_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? rng % n : rng; /* 0: the whole word */
}

typedef struct world {
	gg_rt_slice s;
	gg_slicestate sim;
	test_alloc ta;
	unsigned char *ref; /* the reference contents, len*size bytes */
	size_t ref_cap;
	int64_t len;
	int bad; /* failures seen in this round (reported once) */
} world;

static void ref_append(world *w, const unsigned char *src, int64_t n)
{
	size_t sz = w->s.size, need = (size_t)(w->len + n) * sz;
	if (n * (int64_t)sz == 0) { /* ref may still be NULL: no memset on it */
		w->len += n;
		return;
	}
	if (need > w->ref_cap) {
		w->ref_cap = need * 2 + 64;
		w->ref = realloc(w->ref, w->ref_cap);
		if (!w->ref)
			abort();
	}
	if (src)
		memcpy(w->ref + (size_t)w->len * sz, src, (size_t)n * sz);
	else
		memset(w->ref + (size_t)w->len * sz, 0, (size_t)n * sz);
	w->len += n;
}

static int same(const world *w)
{
	size_t bytes = (size_t)w->len * w->s.size;
	return w->s.len == w->len && w->s.cap == w->sim.cap && w->s.len <= w->s.cap &&
	       (bytes == 0 || memcmp(w->s.data, w->ref, bytes) == 0);
}

/* Appends n elements from src (NULL: zeros), with a failed allocation first
 * when it has to grow. src is copied first: it may point into the slice. */
static void do_append(world *w, const void *src, int64_t n)
{
	gg_error err;
	size_t bytes = (size_t)n * w->s.size;
	unsigned char *copy = src && bytes ? malloc(bytes) : NULL;
	if (copy)
		memcpy(copy, src, bytes);
	const void *from = copy ? src : NULL;
	if (w->s.len + n > w->s.cap) {
		void *data = w->s.data;
		int64_t cap = w->s.cap;
		long calls = w->ta.calls;
		w->ta.fail_next = 1;
		gg_status st = n == 1 && src ? gg_rt_slice_append(&w->s, from, &err)
					     : gg_rt_slice_append_n(&w->s, from, n, &err);
		if (st == GG_ERR_NOMEM && ++injected)
			w->bad |= w->s.data != data || w->s.cap != cap || !same(w) || w->ta.failures == 0;
		else {
			/* Succeeded without asking the allocator: undo by hand
			 * is impossible, so account for it in the reference. */
			unallocated++;
			w->bad |= st != GG_OK || w->ta.calls != calls;
			w->ta.fail_next = 0;
			gg_grow g;
			w->bad |= gg_slice_append(&w->sim, n, &g, &err) != GG_OK;
			w->bad |= g.path == GG_PATH_HEAP;
			ref_append(w, copy, n);
			free(copy);
			return;
		}
	}
	gg_status st = n == 1 && src ? gg_rt_slice_append(&w->s, from, &err)
				     : gg_rt_slice_append_n(&w->s, from, n, &err);
	gg_grow g;
	w->bad |= st != GG_OK || gg_slice_append(&w->sim, n, &g, &err) != GG_OK;
	ref_append(w, copy, n);
	free(copy);
}

static void do_escape(world *w)
{
	gg_error err;
	int64_t want = w->sim.on_stack ? gg_slice_finish(&w->sim, NULL) : w->sim.cap;
	if (w->sim.on_stack && want > 0) {
		escapes++;
		w->ta.fail_next = 1;
		w->bad |= gg_rt_slice_escape(&w->s, &err) != GG_ERR_NOMEM || !same(w);
	}
	w->ta.fail_next = 0;
	w->bad |= gg_rt_slice_escape(&w->s, &err) != GG_OK;
	w->sim.cap = want;
	w->sim.esc = GG_ESC_HEAP;
	w->sim.on_stack = 0;
}

static void one_op(world *w)
{
	static uint64_t src[2048];
	size_t sz = w->s.size;
	int64_t n = rnd(8) == 0 ? (int64_t)rnd(2000) : (int64_t)rnd(6);
	if (sz && (size_t)n * sz > sizeof src)
		n = (int64_t)(sizeof src / sz);
	/* Contents are compared after every operation: keep them small. */
	if (sz && (size_t)(w->len + n) * sz > (512u << 10))
		n = 0;
	for (size_t i = 0; i < ((size_t)n * sz + 7) / 8; i++)
		src[i] = rnd(0);
	if (w->sim.on_stack && rnd(4) == 0) { /* rare otherwise: the buffer holds a few elements */
		do_escape(w);
		return;
	}
	switch (rnd(10)) {
	case 0: do_append(w, NULL, n); break;
	case 1:
		if (w->len > 0 && n > 0) {
			int64_t i = (int64_t)rnd((uint64_t)w->len),
				k = 1 + (int64_t)rnd((uint64_t)(w->len - i));
			do_append(w, gg_rt_slice_at(&w->s, i), k < n ? k : n);
		}
		break;
	case 2:
		gg_rt_slice_clip(&w->s);
		w->sim.cap = w->sim.len;
		break;
	case 3:
		if (rnd(4) == 0)
			do_escape(w);
		break;
	case 4:
	case 5: do_append(w, src, n); break;
	default: do_append(w, src, 1); break;
	}
}

static gg_rt_elemtype random_elem(void)
{
	static const size_t sizes[] = {0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 40, 48, 100, 1000, 4104};
	size_t size = sizes[rnd(sizeof sizes / sizeof sizes[0])], align = 1;
	while (align < 8 && size % (align * 2) == 0 && size)
		align *= 2;
	return (gg_rt_elemtype){size, align, (int)rnd(2)};
}

static _Alignas(16) unsigned char stackbuf[GG_STACK_BUF_BYTES];

static int round_of(int ops)
{
	static world w;
	gg_error err;
	test_alloc_init(&w.ta, rnd(2) ? 0 : 1 + rnd(100));
	w.len = 0;
	w.bad = 0;
	gg_rt_slice_config c = {random_elem(), GG_GO_MIN + (int)rnd(GG_GO_MAX - GG_GO_MIN + 1), &w.ta.a,
				(gg_escape)rnd(4), rnd(2) ? test_resize_fn : NULL};
	int mode = (int)rnd(3);
	if (mode == 0 && rnd(2)) /* the releases that have stack buffers */
		c.go = 25 + (int)rnd(GG_GO_MAX - 24);
	gg_status st;
	int64_t len = 0, cap = 0;
	if (mode == 0) {
		st = gg_rt_slice_init_buf(&w.s, &c, stackbuf, sizeof stackbuf, &err);
	} else if (mode == 1) {
		cap = (int64_t)rnd(50);
		len = (int64_t)rnd((uint64_t)cap + 1);
		st = gg_rt_slice_make(&w.s, &c, len, cap, &err);
	} else {
		st = gg_rt_slice_init(&w.s, &c, &err);
	}
	if (st != GG_OK)
		return 0;
	gg_escape esc = mode == 0 ? (c.esc == GG_ESC_HEAP ? GG_ESC_STACK : c.esc) : GG_ESC_HEAP;
	gg_slice_start(&w.sim, &w.s.sim.t, (gg_elem){c.elem.size, c.elem.noscan}, esc, len, cap);
	ref_append(&w, NULL, len);
	for (int i = 0; i < ops && !w.bad; i++) {
		one_op(&w);
		w.bad |= !same(&w);
	}
	gg_rt_slice_free(&w.s);
	w.bad |= w.ta.live != 0 || w.s.len != 0;
	if (w.bad)
		fprintf(stderr, "round failed: size %zu go1.%d mode %d esc %d\n", c.elem.size, c.go, mode,
			c.esc);
	free(w.ref);
	w.ref = NULL;
	w.ref_cap = 0;
	return !w.bad;
}

int main(int argc, char **argv)
{
	(void)argv;
	int rounds = argc > 2 ? atoi(argv[2]) : 1000, ok = 0;
	for (int r = 0; r < rounds; r++)
		ok += round_of(200);
	CHECK_EQ_I(ok, rounds);
	printf("%d rounds: %ld failed allocations, %ld growths without one, %ld moves out of the buffer\n",
	       rounds, injected, unallocated, escapes);
	CHECK(injected > 1000);
	CHECK(unallocated > 100);
	CHECK(escapes > 10);
	return check_summary();
}
