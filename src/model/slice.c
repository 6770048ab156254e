/* Slice growth.
 *
 * runtime.growslice (runtime/slice.go) decides the capacity in two steps.
 * First a growth formula picks a capacity that covers the new length:
 * double below a threshold, then grow by a fraction until it fits (1.16-
 * 1.17: threshold 1024, +25%; 1.18+: threshold 256 and +(cap+768)/4, which
 * blends smoothly from x2 to x1.25). Then the byte size is rounded up by
 * roundupsize to what the allocator really hands out, and the capacity is
 * whatever fits in that: this second step is why caps look "odd".
 *
 * Arithmetic is done in the target's word size: Go's int is 32 bits on the
 * 32-bit ports and the runtime's overflow checks trigger exactly there.
 *
 * From 1.25 the compiler may give an append a 32-byte stack buffer instead
 * (cmd/compile/internal/ssagen/ssa.go), and from 1.26 a slice that escapes
 * once is built on the stack and moved to the heap at that point
 * (cmd/compile/internal/slice, runtime.growsliceBuf and moveSlice*). These
 * change cap() and are modelled by gg_slicestate. */
#include "gogrow/malloc.h"
#include "gogrow/slice.h"
#include "model/util.h"

/* Go int arithmetic on a word of `ptr` bytes: wrap like the hardware does. */
static int64_t wrap(int64_t x, int ptr)
{
	return ptr == 8 ? x : (int64_t)(int32_t)(uint32_t)(uint64_t)x;
}

static int64_t add(int64_t a, int64_t b, int ptr)
{
	return wrap((int64_t)((uint64_t)a + (uint64_t)b), ptr);
}

/* The growth formula (nextslicecap). When `caps` is given, the values the
 * loop goes through are recorded there too, for `gogrow explain`. */
static int64_t nextcap_core(int64_t newlen, int64_t oldcap, int go, int ptr, int64_t *caps, size_t max,
			    size_t *n, gg_nextcap_rule *rule)
{
	int64_t newcap = oldcap;
	int64_t dbl = add(newcap, newcap, ptr);
	int64_t threshold = go >= 18 ? 256 : 1024;
	if (newlen > dbl || oldcap < threshold) {
		if (rule)
			*rule = newlen > dbl ? GG_RULE_NEEDED : GG_RULE_DOUBLE;
		return newlen > dbl ? newlen : dbl;
	}
	if (rule)
		*rule = GG_RULE_GROW;
	const uint64_t m = ptr == 8 ? UINT64_MAX : UINT32_MAX;
	for (;;) {
		if (go >= 22) /* written with >> 2, which differs from / 4 only after an overflow */
			newcap = add(newcap, add(newcap, 3 * threshold, ptr) >> 2, ptr);
		else if (go >= 18)
			newcap = add(newcap, add(newcap, 3 * threshold, ptr) / 4, ptr);
		else
			newcap = add(newcap, newcap / 4, ptr);
		if (caps && *n < max)
			caps[(*n)++] = newcap;
		/* 1.22+: do ... while uint(newcap) < uint(newLen);
		 * earlier: for 0 < newcap && newcap < newLen. */
		if (go >= 22 ? ((uint64_t)newcap & m) >= ((uint64_t)newlen & m)
			     : !(0 < newcap && newcap < newlen))
			break;
	}
	return newcap <= 0 ? newlen : newcap;
}

static int64_t nextcap_word(int64_t newlen, int64_t oldcap, int go, int ptr)
{
	return nextcap_core(newlen, oldcap, go, ptr, NULL, 0, NULL, NULL);
}

size_t gg_nextcap_trace(const gg_target *t, int64_t newlen, int64_t oldcap, int64_t *caps, size_t max,
			gg_nextcap_rule *rule)
{
	size_t n = 0;
	if (max > 0)
		caps[n++] = oldcap;
	int64_t r = nextcap_core(newlen, oldcap, t->go, t->arch->ptr_size, caps, max, &n, rule);
	/* The result may differ from the last value seen (taken: newLen). */
	if (n > 0 && caps[n - 1] != r) {
		if (n < max)
			n++;
		caps[n - 1] = r;
	}
	return n;
}

int64_t gg_nextcap(int go, int64_t newlen, int64_t oldcap)
{
	return nextcap_word(newlen, oldcap, go, 8);
}

static gg_status panic_len(gg_error *err, int go)
{
	return ggi_fail(err, GG_ERR_PANIC, 0, "runtime error: growslice: %s out of range",
			go >= 20 ? "len" : "cap");
}

gg_status gg_growslice(const gg_target *t, gg_elem e, int64_t oldlen, int64_t oldcap, int64_t num,
		       gg_grow *out, gg_error *err)
{
	const int ptr = t->arch->ptr_size;
	const int64_t maxint = gg_target_maxint(t);
	const uint64_t maxalloc = t->arch->max_alloc;
	const uint64_t umax = ptr == 8 ? UINT64_MAX : UINT32_MAX;
	if (oldlen < 0 || oldcap < oldlen || oldcap > maxint || num < 0 || num > maxint)
		return ggi_fail(err, GG_ERR_RANGE, 0,
				"need 0 <= len <= cap <= %lld and 0 <= add <= %lld on %s", (long long)maxint,
				(long long)maxint, t->arch->name);
	*out = (gg_grow){0};
	int64_t newlen = add(oldlen, num, ptr);
	out->newlen = newlen;
	if (newlen >= 0 && newlen <= oldcap) {
		out->path = GG_PATH_NONE;
		out->nextcap = out->newcap = oldcap;
		out->capbytes = (uint64_t)oldcap * e.size;
		return GG_OK;
	}
	/* <=1.19 checks "cap < old.cap", 1.20+ "newLen < 0": both catch the
	 * wrapped sum. */
	if (newlen < 0)
		return panic_len(err, t->go);
	if (e.size == 0) {
		out->path = GG_PATH_ZEROSIZE;
		out->nextcap = out->newcap = newlen;
		return GG_OK;
	}
	const int64_t formula = nextcap_word(newlen, oldcap, t->go, ptr);
	int64_t nc = formula;
	uint64_t unc = (uint64_t)nc & umax, capmem, req;
	int overflow;
	if (e.size == 1) {
		req = unc;
		capmem = gg_roundupsize(t, req, e.noscan);
		overflow = unc > maxalloc;
		nc = (int64_t)capmem;
	} else if ((e.size & (e.size - 1)) == 0) {
		/* Covers size == PtrSize too: maxAlloc/PtrSize == maxAlloc>>3 or >>2. */
		unsigned shift = (unsigned)__builtin_ctzll(e.size);
		req = (unc << shift) & umax;
		capmem = gg_roundupsize(t, req, e.noscan);
		overflow = unc > (maxalloc >> shift);
		nc = (int64_t)(capmem >> shift);
		if (t->go >= 20 && e.size != (uint64_t)ptr)
			capmem = ((uint64_t)nc << shift) & umax;
	} else {
		/* math.MulUintptr */
		overflow = unc != 0 && e.size > umax / unc;
		req = (e.size * unc) & umax;
		capmem = gg_roundupsize(t, req, e.noscan);
		nc = (int64_t)(capmem / e.size);
		if (t->go >= 20)
			capmem = (uint64_t)nc * e.size;
	}
	if (overflow || capmem > maxalloc)
		return panic_len(err, t->go);
	out->path = GG_PATH_HEAP;
	out->nextcap = formula;
	out->newcap = wrap(nc, ptr);
	out->reqbytes = req;
	out->capbytes = (uint64_t)out->newcap * e.size;
	out->alloc = gg_alloc_bytes(t, capmem, e.noscan, &out->sizeclass);
	out->header = gg_malloc_has_header(t, capmem, e.noscan);
	return GG_OK;
}

static int mul_fits(uint64_t size, int64_t n, uint64_t umax, uint64_t maxalloc, uint64_t *mem)
{
	uint64_t un = (uint64_t)n & umax;
	if (un != 0 && size > umax / un)
		return 0;
	*mem = size * un;
	return *mem <= maxalloc;
}

gg_status gg_makeslice(const gg_target *t, gg_elem e, int64_t len, int64_t cap, uint64_t *alloc,
		       gg_error *err)
{
	const uint64_t umax = t->arch->ptr_size == 8 ? UINT64_MAX : UINT32_MAX;
	const int64_t maxint = gg_target_maxint(t);
	uint64_t mem;
	if (len > maxint || cap > maxint || len < -maxint - 1 || cap < -maxint - 1)
		return ggi_fail(err, GG_ERR_RANGE, 0, "len and cap must fit in a %d-bit int on %s",
				8 * t->arch->ptr_size, t->arch->name);
	if (!mul_fits(e.size, cap, umax, t->arch->max_alloc, &mem) || len < 0 || len > cap || cap < 0) {
		uint64_t lmem;
		if (!mul_fits(e.size, len, umax, t->arch->max_alloc, &lmem) || len < 0)
			return ggi_fail(err, GG_ERR_PANIC, 0, "runtime error: makeslice: len out of range");
		return ggi_fail(err, GG_ERR_PANIC, 0, "runtime error: makeslice: cap out of range");
	}
	if (alloc)
		*alloc = gg_alloc_bytes(t, mem, e.noscan, NULL);
	return GG_OK;
}

int64_t gg_stackbuf_elems(uint64_t size)
{
	return size == 0 || size > GG_STACK_BUF_BYTES ? 0 : (int64_t)(GG_STACK_BUF_BYTES / size);
}

int gg_escape_active(int go, gg_escape esc)
{
	switch (esc) {
	case GG_ESC_HEAP: return 1;
	case GG_ESC_STACK: return go >= 25;
	case GG_ESC_RET:
	case GG_ESC_RETCAP: return go >= 26;
	}
	return 0;
}

void gg_slice_start(gg_slicestate *s, const gg_target *t, gg_elem e, gg_escape esc, int64_t len, int64_t cap)
{
	*s = (gg_slicestate){*t, e, esc, len, cap, 0, 0};
	/* Before the release that introduced it, a strategy is plain heap
	 * growth: the compiler had nothing else. 1.25 has the stack buffer
	 * but no move2heap, and a slice that escapes gets no buffer there. */
	if (!gg_escape_active(t->go, esc))
		s->esc = GG_ESC_HEAP;
}

static uint64_t roundup_elems(const gg_slicestate *s, int64_t n)
{
	return gg_roundupsize(&s->t, (uint64_t)n * s->e.size, s->e.noscan) / s->e.size;
}

gg_status gg_slice_append(gg_slicestate *s, int64_t num, gg_grow *out, gg_error *err)
{
	int64_t k = gg_stackbuf_elems(s->e.size);
	/* Wrapping sum: a huge num must reach growslice's panic, not overflow here. */
	int64_t newlen = (int64_t)((uint64_t)s->len + (uint64_t)num);
	if (s->esc != GG_ESC_HEAP && num >= 0 && newlen > s->cap && newlen <= k) {
		if (s->esc == GG_ESC_RETCAP) {
			/* growsliceBuf: one size class at a time inside the buffer. */
			*out = (gg_grow){.newlen = newlen, .nextcap = newlen, .path = GG_PATH_BUFLADDER};
			out->newcap = (int64_t)roundup_elems(s, newlen);
			out->capbytes = (uint64_t)out->newcap * s->e.size;
			s->on_stack = 1;
			s->len = newlen;
			s->cap = out->newcap;
			return GG_OK;
		}
		if (s->len == 0 && !s->buf_used) {
			*out =
			    (gg_grow){.newlen = newlen, .nextcap = k, .newcap = k, .path = GG_PATH_STACKBUF};
			out->capbytes = (uint64_t)k * s->e.size;
			s->on_stack = s->buf_used = 1;
			s->len = newlen;
			s->cap = k;
			return GG_OK;
		}
	}
	gg_status st = gg_growslice(&s->t, s->e, s->len, s->cap, num, out, err);
	if (st != GG_OK)
		return st;
	if (out->path != GG_PATH_NONE)
		s->on_stack = 0;
	s->len = out->newlen;
	s->cap = out->newcap;
	return GG_OK;
}

int64_t gg_slice_finish(const gg_slicestate *s, gg_grow *out)
{
	if (out)
		*out = (gg_grow){.newlen = s->len, .nextcap = s->cap, .newcap = s->cap, .path = GG_PATH_NONE};
	if (s->esc != GG_ESC_RET || !s->on_stack)
		return s->cap;
	/* moveSliceNoCap: the heap copy is sized to the length, rounded. */
	int64_t c = s->len == 0 ? 0 : (int64_t)roundup_elems(s, s->len);
	if (out && s->len > 0) {
		out->nextcap = s->len;
		out->newcap = c;
		out->path = GG_PATH_HEAP;
		out->reqbytes = (uint64_t)s->len * s->e.size;
		out->capbytes = (uint64_t)c * s->e.size;
		out->alloc = gg_alloc_bytes(&s->t, out->capbytes, s->e.noscan, &out->sizeclass);
		out->header = gg_malloc_has_header(&s->t, out->capbytes, s->e.noscan);
	}
	return c;
}
