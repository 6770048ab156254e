/* growslice and the stack strategies, against sequences measured on real Go
 * (tests/data/validation/raw: grow_* and stackappend_*). */
#include <stdlib.h>

#include "check.h"
#include "gogrow/slice.h"

/* Caps seen while appending one at a time from nil. */
static void seq(const char *arch, int go, gg_elem e, gg_escape esc, const int64_t *want, size_t n)
{
	gg_target t = check_target(arch, go);
	gg_slicestate s;
	gg_slice_start(&s, &t, e, esc, 0, 0);
	size_t k = 0;
	int ok = 1;
	while (k < n) {
		gg_grow g;
		gg_error err;
		if (s.len < s.cap) {
			s.len = s.cap;
			continue;
		}
		if (gg_slice_append(&s, 1, &g, &err) != GG_OK) {
			ok = 0;
			break;
		}
		if (g.newcap != want[k]) {
			fprintf(stderr, "%s go1.%d size %llu step %zu: cap %lld, want %lld\n", arch, go,
				(unsigned long long)e.size, k, (long long)g.newcap, (long long)want[k]);
			ok = 0;
			break;
		}
		k++;
	}
	if (ok)
		check_passed++;
	else
		check_failed++;
}

#define SEQ(arch, go, e, esc, ...)                                                                           \
	do {                                                                                                 \
		static const int64_t w_[] = {__VA_ARGS__};                                                   \
		seq(arch, go, e, esc, w_, sizeof w_ / sizeof w_[0]);                                         \
	} while (0)

static int64_t final_cap(const char *arch, int go, gg_elem e, gg_escape esc, int64_t n, int64_t *sum)
{
	gg_target t = check_target(arch, go);
	gg_slicestate s;
	gg_grow g;
	gg_error err;
	gg_slice_start(&s, &t, e, esc, 0, 0);
	*sum = 0;
	for (int64_t i = 0; i < n; i++) {
		if (gg_slice_append(&s, 1, &g, &err) != GG_OK)
			return -1;
		*sum += s.cap;
	}
	return gg_slice_finish(&s, NULL);
}

int main(void)
{
	const gg_elem i64 = {8, 1}, ptr8 = {8, 0}, ptr4 = {4, 0}, byte = {1, 1}, b3 = {3, 1}, zero = {0, 1};
	const gg_elem b6 = {6, 1}, str32 = {8, 0}, b9 = {9, 1};
	SEQ("amd64", 17, i64, GG_ESC_HEAP, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 1280, 1696, 2304,
	    3072, 4096, 5120, 7168, 9216, 12288, 15360, 19456);
	SEQ("amd64", 18, i64, GG_ESC_HEAP, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280, 1792, 2560, 3408,
	    5120, 7168, 9216, 12288, 16384, 21504, 27648);
	SEQ("amd64", 21, ptr8, GG_ESC_HEAP, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280);
	SEQ("amd64", 22, ptr8, GG_ESC_HEAP, 1, 2, 4, 8, 16, 32, 64, 143, 287, 607, 1023, 1535, 2303, 3071,
	    4095, 6144, 8192, 11264, 14336, 18432, 23552, 29696);
	SEQ("386", 22, ptr4, GG_ESC_HEAP, 2, 4, 8, 16, 32, 70, 142, 286, 574, 1022, 1534, 2366, 3390, 4606,
	    6142, 8190, 12288, 16384);
	SEQ("amd64", 16, byte, GG_ESC_HEAP, 8, 16, 32, 64, 128, 256, 512, 1024, 1280, 1792, 2304, 3072, 4096,
	    5376, 6784, 9472, 12288, 16384, 20480, 27264, 40960, 57344);
	SEQ("arm64", 27, byte, GG_ESC_HEAP, 8, 16, 32, 64, 128, 256, 512, 896, 1408, 2048, 3072, 4096, 5376,
	    6912, 9472, 12288, 16384, 21760, 28672, 40960, 57344, 73728);
	SEQ("amd64", 19, b3, GG_ESC_HEAP, 2, 5, 10, 21, 42, 85, 170, 341, 682, 1066, 1621, 2261, 3157, 4522,
	    6144, 8192);
	SEQ("amd64", 19, zero, GG_ESC_HEAP, 1, 2, 3, 4, 5);
	/* Stack buffer (1.25+): first growth of an empty local slice. */
	SEQ("amd64", 24, byte, GG_ESC_STACK, 8, 16, 32, 64);
	SEQ("amd64", 25, byte, GG_ESC_STACK, 32, 64, 128);
	SEQ("amd64", 25, b6, GG_ESC_STACK, 5, 10, 21, 42);
	SEQ("amd64", 25, i64, GG_ESC_RETCAP, 1, 2, 4, 8); /* no growsliceBuf before 1.26 */
	/* growsliceBuf ladder (1.26+, cap used while building). */
	SEQ("amd64", 26, byte, GG_ESC_RETCAP, 8, 16, 24, 32, 64, 128);
	SEQ("amd64", 26, i64, GG_ESC_RETCAP, 1, 2, 3, 4, 8, 16);
	SEQ("386", 26, ptr4, GG_ESC_RETCAP, 2, 4, 6, 8, 16, 32, 70);
	SEQ("386", 27, str32, GG_ESC_RETCAP, 1, 2, 3, 4, 8, 16, 35, 71);
	SEQ("amd64", 26, b9, GG_ESC_RETCAP, 1, 2, 3, 7, 14, 28, 56, 113);

	int64_t sum;
	/* Returned slices: 1.26+ moves a stack-built slice to a heap copy sized to its length. */
	CHECK_EQ_I(final_cap("amd64", 25, i64, GG_ESC_RET, 3, &sum), 4);
	CHECK_EQ_I(final_cap("amd64", 26, i64, GG_ESC_RET, 3, &sum), 3);
	CHECK_EQ_I(final_cap("amd64", 26, byte, GG_ESC_RET, 17, &sum), 24);
	CHECK_EQ_I(final_cap("amd64", 26, byte, GG_ESC_RET, 33, &sum), 64);
	CHECK_EQ_I(final_cap("amd64", 26, i64, GG_ESC_RETCAP, 5, &sum), 8);
	CHECK_EQ_I(sum, 18);
	CHECK_EQ_I(final_cap("amd64", 26, i64, GG_ESC_STACK, 3, &sum), 4);

	/* Single appends (seed claims a, e, f). */
	gg_grow g;
	gg_error err = {0};
	gg_target a19 = check_target("amd64", 19), i19 = check_target("386", 19);
	CHECK(gg_growslice(&a19, (gg_elem){16, 1}, 1024, 1024, 1, &g, &err) == GG_OK && g.newcap == 1536);
	CHECK_EQ_I(g.nextcap, 1472);
	CHECK(gg_growslice(&i19, (gg_elem){12, 1}, 1024, 1024, 1, &g, &err) == GG_OK && g.newcap == 1536);
	CHECK(gg_growslice(&a19, i64, 1023, 1023, 1, &g, &err) == GG_OK && g.newcap == 1536);
	CHECK(gg_growslice(&a19, i64, 5, 10, 3, &g, &err) == GG_OK && g.newcap == 10 &&
	      g.path == GG_PATH_NONE);
	CHECK(gg_growslice(&a19, i64, 0, 0, 100, &g, &err) == GG_OK && g.newcap == 112 && g.nextcap == 100);
	CHECK(gg_growslice(&a19, zero, 7, 7, 3, &g, &err) == GG_OK && g.newcap == 10 &&
	      g.path == GG_PATH_ZEROSIZE);

	/* Panics, worded as the runtime words them in each release. */
	CHECK(gg_growslice(&i19, byte, INT32_MAX, INT32_MAX, 1, &g, &err) == GG_ERR_PANIC);
	CHECK_STR_CONTAINS(err.msg, "growslice: cap out of range");
	gg_target i20 = check_target("386", 20), a20 = check_target("amd64", 20),
		  m27 = check_target("mips", 27);
	CHECK(gg_growslice(&i20, byte, INT32_MAX, INT32_MAX, 1, &g, &err) == GG_ERR_PANIC);
	CHECK_STR_CONTAINS(err.msg, "growslice: len out of range");
	CHECK(gg_growslice(&a20, i64, 0, 0, (int64_t)1 << 46, &g, &err) == GG_ERR_PANIC);
	CHECK(gg_growslice(&a20, i64, 0, 0, (int64_t)1 << 45, &g, &err) == GG_OK);
	CHECK(gg_growslice(&m27, byte, 0, 0, ((int64_t)1 << 31) - 1, &g, &err) == GG_ERR_PANIC);
	CHECK(gg_growslice(&m27, byte, 0, 0, (int64_t)1 << 30, &g, &err) == GG_OK);
	CHECK(gg_growslice(&m27, (gg_elem){2, 1}, 0, 0, (int64_t)1 << 30, &g, &err) == GG_ERR_PANIC);
	CHECK(gg_growslice(&a20, (gg_elem){24, 1}, 0, 0, INT64_MAX / 16, &g, &err) == GG_ERR_PANIC);
	CHECK(gg_growslice(&a20, i64, 5, 4, 1, &g, &err) == GG_ERR_RANGE);
	CHECK(gg_growslice(&i20, i64, 0, 0, (int64_t)1 << 32, &g, &err) == GG_ERR_RANGE);

	/* gg_slice_append with a num that overflows len + num: Go's panic, no
	 * signed overflow on the way (caught by the GOGROW_SANITIZE build). */
	for (gg_escape esc = GG_ESC_HEAP; esc <= GG_ESC_RETCAP; esc++) {
		gg_slicestate sim;
		gg_slice_start(&sim, &a20, i64, esc, 1, 1);
		CHECK(gg_slice_append(&sim, INT64_MAX, &g, &err) == GG_ERR_PANIC);
	}

	uint64_t alloc;
	CHECK(gg_makeslice(&a20, i64, 3, 10, &alloc, &err) == GG_OK && alloc == 80);
	CHECK(gg_makeslice(&a20, i64, 10, 3, &alloc, &err) == GG_ERR_PANIC);
	CHECK_STR_CONTAINS(err.msg, "makeslice: cap out of range");
	CHECK(gg_makeslice(&a20, i64, -1, 3, &alloc, &err) == GG_ERR_PANIC);
	CHECK_STR_CONTAINS(err.msg, "makeslice: len out of range");
	CHECK(gg_makeslice(&i20, i64, (int64_t)1 << 30, (int64_t)1 << 30, &alloc, &err) == GG_ERR_PANIC);
	CHECK_STR_CONTAINS(err.msg, "len out of range");

	/* String conversions: stack buffer, size classes, 1.22 zero-copy. */
	int64_t cc;
	gg_target a21 = check_target("amd64", 21), a22 = check_target("amd64", 22);
	CHECK(gg_conv_cap(&a21, GG_CONV_BYTES, GG_USE_READONLY, 5, &cc, &err) == GG_OK && cc == 32);
	CHECK(gg_conv_cap(&a22, GG_CONV_BYTES, GG_USE_READONLY, 5, &cc, &err) == GG_OK && cc == 5);
	CHECK(gg_conv_cap(&a22, GG_CONV_BYTES, GG_USE_LOCAL, 5, &cc, &err) == GG_OK && cc == 32);
	CHECK(gg_conv_cap(&a22, GG_CONV_BYTES, GG_USE_LOCAL, 33, &cc, &err) == GG_OK && cc == 48);
	CHECK(gg_conv_cap(&a22, GG_CONV_BYTES, GG_USE_ESCAPES, 5, &cc, &err) == GG_OK && cc == 8);
	CHECK(gg_conv_cap(&a22, GG_CONV_RUNES, GG_USE_LOCAL, 32, &cc, &err) == GG_OK && cc == 32);
	CHECK(gg_conv_cap(&a22, GG_CONV_RUNES, GG_USE_ESCAPES, 5, &cc, &err) == GG_OK && cc == 6);
	CHECK(gg_conv_cap(&a22, GG_CONV_CONST_BYTES, GG_USE_ESCAPES, 5, &cc, &err) == GG_OK && cc == 5);
	CHECK(gg_conv_cap(&a22, GG_CONV_BYTES, GG_USE_LOCAL, -1, &cc, &err) == GG_ERR_RANGE);
	CHECK(gg_conv_cap(&i20, GG_CONV_RUNES, GG_USE_ESCAPES, INT32_MAX, &cc, &err) == GG_ERR_PANIC);

	CHECK_EQ_I(gg_nextcap(17, 1025, 1024), 1280);
	CHECK_EQ_I(gg_nextcap(18, 1025, 1024), 1472);
	CHECK_EQ_I(gg_nextcap(18, 300, 100), 300);
	CHECK_EQ_I(gg_stackbuf_elems(6), 5);
	CHECK_EQ_I(gg_stackbuf_elems(33), 0);
	CHECK_EQ_I(gg_stackbuf_elems(0), 0);
	CHECK(gg_escape_active(25, GG_ESC_STACK) && !gg_escape_active(24, GG_ESC_STACK));
	CHECK(gg_escape_active(26, GG_ESC_RET) && !gg_escape_active(25, GG_ESC_RET));
	return check_summary();
}
