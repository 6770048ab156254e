/* libFuzzer target: the runtime slice driven by arbitrary bytes. The first
 * bytes pick the element type, release, escape situation, how it starts
 * (nil, make, caller's buffer) and whether it grows by resize; then every
 * byte pair is one operation (append one, append n, zeros, from itself,
 * clip, escape, index, a failing allocation, huge or negative counts). A
 * plain byte array follows along; any difference in contents, or a cap
 * that is not the model's, aborts. Nothing may crash, leak or trip a
 * sanitizer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gogrow/rt_slice.h"
#include "rt/slice_testutil.h"

typedef struct fz {
	gg_rt_slice s;
	gg_slicestate sim;
	test_alloc ta;
	unsigned char ref[1 << 16];
	int64_t len;
} fz;

static void check(const fz *f)
{
	if (f->s.len != f->len || f->s.cap != f->sim.cap ||
	    memcmp(f->s.data, f->ref, (size_t)f->len * f->s.size) != 0)
		abort();
}

static void append(fz *f, const void *src, int64_t n)
{
	gg_error err;
	size_t sz = f->s.size;
	if (sz && (size_t)(f->len + n) * sz > sizeof f->ref)
		return;
	unsigned char tmp[1 << 13];
	if (src && (size_t)n * sz > sizeof tmp)
		return;
	if (src)
		memcpy(tmp, src, (size_t)n * sz);
	gg_status st = gg_rt_slice_append_n(&f->s, src, n, &err);
	if (st == GG_ERR_NOMEM) {
		check(f);
		return;
	}
	if (st != GG_OK)
		abort();
	gg_grow g;
	if (gg_slice_append(&f->sim, n, &g, &err) != GG_OK)
		abort();
	if (src)
		memcpy(f->ref + (size_t)f->len * sz, tmp, (size_t)n * sz);
	else
		memset(f->ref + (size_t)f->len * sz, 0, (size_t)n * sz);
	f->len += n;
}

/* Operations that must fail with Go's panic or a range error, changing nothing. */
static void misuse(fz *f, unsigned arg)
{
	gg_error err;
	void *p;
	/* A huge count of zero-size elements is fine in Go: no memory. */
	int64_t n = arg & 1 && f->s.size ? INT64_MAX - (int64_t)(arg >> 1) : -(int64_t)arg - 1;
	if (gg_rt_slice_append_n(&f->s, NULL, n, &err) == GG_OK)
		abort();
	if (gg_rt_slice_index(&f->s, f->len + (int64_t)arg, &p, &err) != GG_ERR_PANIC)
		abort();
}

static void op(fz *f, unsigned code, unsigned arg)
{
	static uint64_t pattern[512];
	gg_error err;
	switch (code % 9) {
	case 0: append(f, NULL, arg % 64); break;
	case 1:
	case 2: {
		int64_t n = 1 + arg % 8;
		if (f->s.size && (size_t)n * f->s.size > sizeof pattern)
			n = (int64_t)(sizeof pattern / f->s.size);
		append(f, pattern, n);
		break;
	}
	case 3:
		if (f->len > 0)
			append(f, gg_rt_slice_at(&f->s, (int64_t)(arg % (unsigned)f->len)), 1);
		break;
	case 4:
		gg_rt_slice_clip(&f->s);
		f->sim.cap = f->sim.len;
		break;
	case 5: {
		int64_t want = f->sim.on_stack ? gg_slice_finish(&f->sim, NULL) : f->sim.cap;
		gg_status st = gg_rt_slice_escape(&f->s, &err);
		if (st == GG_ERR_NOMEM)
			break;
		if (st != GG_OK)
			abort();
		f->sim.cap = want;
		f->sim.esc = GG_ESC_HEAP;
		f->sim.on_stack = 0;
		break;
	}
	case 6: f->ta.fail_next = 1; break;
	case 7: misuse(f, arg); break;
	default:
		for (size_t i = 0; i < sizeof pattern / sizeof pattern[0]; i++)
			pattern[i] = pattern[i] * 31 + arg + i;
	}
	check(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static _Alignas(16) unsigned char buf[GG_STACK_BUF_BYTES];
	static fz f;
	static const size_t sizes[] = {0, 1, 2, 3, 4, 8, 12, 16, 24, 32, 40, 48, 100, 1000};
	if (size < 4)
		return 0;
	size_t esz = sizes[data[0] % 14], align = 1;
	while (esz && align < 8 && esz % (align * 2) == 0)
		align *= 2;
	test_alloc_init(&f.ta, data[1] & 1 ? 16 : 0);
	gg_rt_slice_config c = {{esz, align, data[1] >> 1 & 1},
				GG_GO_MIN + data[2] % (GG_GO_MAX - GG_GO_MIN + 1),
				&f.ta.a,
				(gg_escape)(data[3] & 3),
				data[1] & 4 ? test_resize_fn : NULL};
	gg_error err;
	int64_t len = 0, cap = 0;
	gg_status st;
	switch (data[3] >> 2 & 3) {
	case 0: st = gg_rt_slice_init_buf(&f.s, &c, buf, sizeof buf, &err); break;
	case 1:
		cap = data[1] >> 3;
		len = cap / 2;
		st = gg_rt_slice_make(&f.s, &c, len, cap, &err);
		break;
	default: st = gg_rt_slice_init(&f.s, &c, &err);
	}
	if (st != GG_OK)
		abort();
	gg_escape esc = (data[3] >> 2 & 3) == 0 ? (c.esc == GG_ESC_HEAP ? GG_ESC_STACK : c.esc) : GG_ESC_HEAP;
	gg_slice_start(&f.sim, &f.s.sim.t, (gg_elem){esz, c.elem.noscan}, esc, len, cap);
	memset(f.ref, 0, (size_t)len * esz);
	f.len = len;
	for (size_t i = 4; i + 1 < size; i += 2)
		op(&f, data[i], data[i + 1]);
	gg_rt_slice_free(&f.s);
	if (f.ta.live != 0 || f.ta.live_bytes != 0)
		abort();
	return 0;
}
