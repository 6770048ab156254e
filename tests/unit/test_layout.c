/* Layout rules, one by one, on a 64-bit and a 32-bit target. */
#include "check.h"
#include "gogrow/types.h"

static gg_target T64 = {0}, T32 = {0}, T32_18 = {0}, MIPS = {0};

static gg_status lay(const char *src, const gg_target *t, gg_layout *l, gg_error *err)
{
	gg_typeexpr *e;
	gg_status st = gg_type_parse(src, &e, err);
	if (st != GG_OK)
		return st;
	st = gg_layout_of(t, gg_typeexpr_root(e), l, err);
	gg_typeexpr_free(e);
	return st;
}

static void want(const char *src, const gg_target *t, uint64_t size, uint64_t align, uint64_t ptrdata)
{
	gg_layout l = {0};
	gg_error err = {0};
	gg_status st = lay(src, t, &l, &err);
	if (st != GG_OK || l.size != size || l.align != align || l.ptrdata != ptrdata) {
		fprintf(stderr, "%s on %s: got st=%d %llu/%llu/%llu (%s), want %llu/%llu/%llu\n", src,
			t->arch->name, st, (unsigned long long)l.size, (unsigned long long)l.align,
			(unsigned long long)l.ptrdata, err.msg, (unsigned long long)size,
			(unsigned long long)align, (unsigned long long)ptrdata);
		check_failed++;
	} else
		check_passed++;
}

static void offsets(const char *src, const gg_target *t, const uint64_t *want_offs, size_t n)
{
	gg_typeexpr *e;
	gg_error err;
	uint64_t offs[16];
	size_t got = 0;
	CHECK(gg_type_parse(src, &e, &err) == GG_OK);
	CHECK(gg_struct_offsets(t, gg_typeexpr_root(e), offs, 16, &got, &err) == GG_OK);
	CHECK_EQ_I(got, n);
	for (size_t i = 0; i < n && i < got; i++)
		CHECK_EQ_I(offs[i], want_offs[i]);
	gg_typeexpr_free(e);
}

static void rejects(const char *src, const gg_target *t, gg_status st, const char *msg)
{
	gg_layout l;
	gg_error err = {0};
	CHECK(lay(src, t, &l, &err) == st);
	CHECK_STR_CONTAINS(err.msg, msg);
}

int main(void)
{
	gg_error err;
	CHECK(gg_target_make("amd64", 27, &T64, &err) == GG_OK);
	CHECK(gg_target_make("386", 27, &T32, &err) == GG_OK);
	CHECK(gg_target_make("386", 18, &T32_18, &err) == GG_OK);
	CHECK(gg_target_make("mips", 27, &MIPS, &err) == GG_OK);

	/* Basic types: 8-byte scalars are 4-aligned on 32-bit. */
	want("int64", &T64, 8, 8, 0);
	want("int64", &T32, 8, 4, 0);
	want("complex64", &T64, 8, 4, 0);
	want("complex128", &T32, 16, 4, 0);
	want("int", &T32, 4, 4, 0);
	want("string", &T64, 16, 8, 8);
	want("[]int", &T32, 12, 4, 4);
	want("interface{}", &T64, 16, 8, 16);
	want("error", &T32, 8, 4, 8);
	want("map[int]int", &T64, 8, 8, 8);
	want("func()", &T64, 8, 8, 8);
	want("uintptr", &T64, 8, 8, 0);
	/* Structs and padding. */
	want("struct{a int8; b int64}", &T64, 16, 8, 0);
	want("struct{a int8; b int64}", &T32, 12, 4, 0);
	want("struct{a uint64; b [3]byte}", &T32, 12, 4, 0);
	want("struct{a int8; b complex128}", &T32, 20, 4, 0);
	/* Trailing zero-size field gets a byte of padding. */
	want("struct{a int64; b struct{}}", &T64, 16, 8, 0);
	want("struct{a int32; b struct{}}", &T64, 8, 4, 0);
	want("struct{a struct{}; b int32}", &T64, 4, 4, 0);
	want("struct{a [0]int64; b struct{}}", &T64, 0, 8, 0);
	want("struct{a int8; b [0]int64}", &T32, 8, 4, 0);
	/* Zero-length arrays hold no pointers. */
	want("[0]*int", &T64, 0, 8, 0);
	want("[4]struct{}", &T64, 0, 1, 0);
	/* ptrdata stops at the last pointer. */
	want("struct{p *int; b [100]byte}", &T64, 112, 8, 8);
	want("struct{b [100]byte; p *int}", &T64, 112, 8, 112);
	want("[3]string", &T64, 48, 8, 40);
	want("struct{s string; n int}", &T32, 12, 4, 4);
	/* align64 from 1.19 on. */
	want("atomic.Int64", &T32, 8, 8, 0);
	want("struct{a int32; b atomic.Int64}", &T32, 16, 8, 0);
	want("struct{a bool; b [2]atomic.Int64}", &T32, 24, 8, 0);
	want("atomic.Int32", &T32, 4, 4, 0);
	want("atomic.Pointer[int]", &T64, 8, 8, 8);
	want("sync.Mutex", &T64, 8, 4, 0);
	want("time.Time", &T32, 20, 4, 20);
	want("reflect.SliceHeader", &T64, 24, 8, 0);
	offsets("struct{a int32; b atomic.Int64}", &T32, (uint64_t[]){0, 8}, 2);
	offsets("struct{a int8; b int16; c int32; d int64}", &T64, (uint64_t[]){0, 2, 4, 8}, 4);
	offsets("struct{a, b int8; c int64}", &T32, (uint64_t[]){0, 1, 4}, 3);
	rejects("atomic.Int64", &T32_18, GG_ERR_RELEASE, "go1.19");
	rejects("any", &(gg_target){T32.arch, 17}, GG_ERR_RELEASE, "go1.18");
	/* Too large, as the compiler says. */
	rejects("[1<<49]uint64", &T64, GG_ERR_TOO_LARGE, "larger than address space");
	want("[1<<46]uint64", &T64, UINT64_C(1) << 49, 8, 0);
	rejects("[1<<30]uint64", &T32, GG_ERR_TOO_LARGE, "larger than address space");
	rejects("[1<<28]uint64", &T32, GG_ERR_TOO_LARGE, "type too large");
	rejects("[1<<28]uint64", &MIPS, GG_ERR_TOO_LARGE, "larger than address space");
	rejects("struct{a [1<<30]byte; b [1<<30]byte}", &T32, GG_ERR_TOO_LARGE, "too large");
	want("[1<<20][1<<20][1<<8]byte", &T64, UINT64_C(1) << 48, 1, 0);
	rejects("[1<<40][1<<40]byte", &T64, GG_ERR_TOO_LARGE, "larger than address space");
	/* Types only referred to are checked too (CalcSize's CheckSize). */
	rejects("*[1<<40]byte", &T32, GG_ERR_TOO_LARGE, "invalid array length 1099511627776");
	want("*[1<<40]byte", &T64, 8, 8, 8);
	rejects("[1<<31]struct{}", &T32, GG_ERR_TOO_LARGE, "invalid array length 2147483648");
	want("[1<<31 - 1]struct{}", &T32, 0, 1, 0);
	want("[1<<31]struct{}", &T64, 0, 1, 0);
	rejects("*[1<<62]int64", &T64, GG_ERR_TOO_LARGE, "larger than address space");
	rejects("[][1<<62]int64", &T64, GG_ERR_TOO_LARGE, "larger than address space");
	rejects("map[int][1<<62]int64", &T64, GG_ERR_TOO_LARGE, "larger than address space");
	rejects("func(int) *[1<<62]int64", &T64, GG_ERR_TOO_LARGE, "larger than address space");
	rejects("interface{M(x [1<<62]int64)}", &T64, GG_ERR_TOO_LARGE, "larger than address space");
	rejects("chan [1<<16]byte", &T64, GG_ERR_TOO_LARGE, "channel element type too large");
	rejects("*chan struct{a [1<<15]byte; b [1<<15]byte}", &T32, GG_ERR_TOO_LARGE, "channel element");
	want("chan [1<<16 - 1]byte", &T64, 8, 8, 8);
	rejects("*atomic.Int64", &T32_18, GG_ERR_RELEASE, "go1.19");
	/* Comparability. */
	gg_typeexpr *e;
	CHECK(gg_type_parse("struct{a [2]string; b interface{}}", &e, &err) == GG_OK);
	CHECK(gg_type_comparable(gg_typeexpr_root(e)));
	gg_typeexpr_free(e);
	CHECK(gg_type_parse("[2][]int", &e, &err) == GG_OK);
	CHECK(!gg_type_comparable(gg_typeexpr_root(e)));
	gg_typeexpr_free(e);
	return check_summary();
}
