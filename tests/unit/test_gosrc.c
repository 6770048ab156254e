/* The Go declaration reader (gosrc.h) and field-order advice (fieldorder.h).
 *
 * A package type must lay out exactly as the same type written inline for
 * gg_type_parse (checked against real Go by the golden vectors), on a 64-bit
 * and a 32-bit target; errors must name their file:line:col. The best field
 * orders are checked against every permutation of small structs. */
#include "check.h"
#include "gogrow/fieldorder.h"
#include "gogrow/gosrc.h"
#include "gogrow/types.h"

static gg_target T64, T32;

/* A package of one file "a.go"; NULL (and a failed check) if it does not read. */
static gg_gosrc *pkg1(const char *src)
{
	gg_gosrc *p = gg_gosrc_new();
	gg_error err = {0};
	if (gg_gosrc_add_file(p, "a.go", src, strlen(src), &err) != GG_OK) {
		fprintf(stderr, "package does not read: %s\n", err.msg);
		check_failed++;
		gg_gosrc_free(p);
		return NULL;
	}
	return p;
}

static int same_layout(gg_gosrc *p, const char *expr, const char *inline_type, const gg_target *t)
{
	gg_typeexpr *a = NULL, *b = NULL;
	gg_error err = {0};
	gg_layout la = {0}, lb = {0};
	int ok = gg_gosrc_type(p, expr, &a, &err) == GG_OK &&
		 gg_layout_of(t, gg_typeexpr_root(a), &la, &err) == GG_OK &&
		 gg_type_parse(inline_type, &b, &err) == GG_OK &&
		 gg_layout_of(t, gg_typeexpr_root(b), &lb, &err) == GG_OK;
	if (!ok || la.size != lb.size || la.align != lb.align || la.ptrdata != lb.ptrdata) {
		fprintf(stderr, "%s vs %s on %s: %s %llu/%llu/%llu vs %llu/%llu/%llu\n", expr, inline_type,
			t->arch->name, err.msg, (unsigned long long)la.size, (unsigned long long)la.align,
			(unsigned long long)la.ptrdata, (unsigned long long)lb.size,
			(unsigned long long)lb.align, (unsigned long long)lb.ptrdata);
		ok = 0;
	}
	gg_typeexpr_free(a);
	gg_typeexpr_free(b);
	return ok;
}

/* `expr` in package `src` lays out as `inline_type` on both targets. */
static void same(const char *src, const char *expr, const char *inline_type)
{
	gg_gosrc *p = pkg1(src);
	if (!p)
		return;
	CHECK(same_layout(p, expr, inline_type, &T64));
	CHECK(same_layout(p, expr, inline_type, &T32));
	gg_gosrc_free(p);
}

/* Reading `src` or resolving `expr` in it fails with `code` and a message
 * containing `msg` (a position such as "a.go:3:7: ..."). */
static void fails(const char *src, const char *expr, gg_status code, const char *msg)
{
	gg_gosrc *p = gg_gosrc_new();
	gg_error err = {0};
	gg_typeexpr *e = NULL;
	gg_status st = gg_gosrc_add_file(p, "a.go", src, strlen(src), &err);
	if (st == GG_OK)
		st = gg_gosrc_type(p, expr, &e, &err);
	if (st == GG_OK && e) {
		gg_layout l;
		st = gg_layout_of(&T64, gg_typeexpr_root(e), &l, &err);
	}
	CHECK_EQ_I(st, code);
	CHECK_STR_CONTAINS(err.msg, msg);
	gg_typeexpr_free(e);
	gg_gosrc_free(p);
}

static void test_declarations(void)
{
	/* single, grouped, alias, comments, tags, a, b int, embedded */
	same("package p\n"
	     "// A has a doc comment.\n"
	     "type A struct {\n"
	     "\ta, b int8 `json:\"a\"` // two names\n"
	     "\tc    int64 /* block\n comment */\n"
	     "\tB\n"
	     "\t*C\n"
	     "}\n"
	     "type (\n"
	     "\tB struct{ x uint16 }\n"
	     "\tC = B\n"
	     ")\n",
	     "A", "struct{a, b int8; c int64; B struct{x uint16}; C *struct{x uint16}}");
	/* order of declaration does not matter; defined types of basic types */
	same("package p\ntype X struct { y Y; z Z }\ntype Y [2]Z\ntype Z uint32\n", "X",
	     "struct{y [2]uint32; z uint32}");
	same("package p\ntype X struct { y Y; z Z }\ntype Y [2]Z\ntype Z uint32\n", "map[string]*X",
	     "map[string]*int");
	/* funcs, vars and methods are skipped, whatever their bodies hold */
	same("package p\n"
	     "func f() { s := \"}{\"; r := '}'; q := `\n}`; if true { _ = s + q; _ = r } }\n"
	     "var v = map[string]int{\"a\": 1}\n"
	     "func (t *T) M(x int) (y int) { return x }\n"
	     "type T struct{ a bool; b float64 }\n",
	     "[3]T", "[3]struct{a bool; b float64}");
}

static void test_recursion(void)
{
	same("package p\ntype Node struct { next *Node; v int32 }\n", "Node", "struct{next *int; v int32}");
	same("package p\ntype A struct { b []B; m map[string]A; f func(A) A; c chan *A }\n"
	     "type B struct { a *A; i interface{ M(A) } }\n",
	     "A", "struct{b []int; m map[string]int; f func(); c chan int}");
	same("package p\ntype A struct { b *B }\ntype B A\n", "B", "struct{b *int}");
	fails("package p\ntype A struct { b B }\ntype B struct { x int; a A }\n", "A", GG_ERR_TYPE,
	      "a.go:3:26: invalid recursive type A");
	fails("package p\ntype A [2]A\n", "A", GG_ERR_TYPE, "a.go:2:11: invalid recursive type A");
	fails("package p\ntype A = *A\n", "A", GG_ERR_TYPE, "a.go:2:11: invalid recursive type alias A");
}

static void test_constants(void)
{
	same("package p\n"
	     "const (\n\tA = iota * 2\n\tB\n\tC\n)\n"
	     "const N, M = C + 1, 1 << 3\n"
	     "const K int = M - N // typed\n"
	     "type T struct { a [A]byte; b [B]byte; c [N]int16; d [K]bool }\n",
	     "T", "struct{a [0]byte; b [2]byte; c [5]int16; d [3]bool}");
	fails("package p\ntype T [Q]int\n", "T", GG_ERR_TYPE, "a.go:2:9: undefined constant \"Q\"");
	fails("package p\nconst F = 1.5\ntype T [F]int\n", "T", GG_ERR_UNSUPPORTED,
	      "a.go:2:12: constant F: gogrow evaluates integer constant expressions only");
	fails("package p\nconst A = B\nconst B = A\ntype T [A]int\n", "T", GG_ERR_TYPE,
	      "a.go:3:11: constant definition loop through A");
	fails("package p\nimport \"unsafe\"\nconst S = unsafe.Sizeof(0)\ntype T [S]int\n", "T", GG_ERR_SYNTAX,
	      "a.go:3:11: array length: only integer constants");
}

static void test_generics(void)
{
	const char *src = "package p\n"
			  "type Pair[K comparable, V any] struct { Key K; Val V }\n"
			  "type List[T any] struct { next *List[T]; v T }\n"
			  "type Arr[T any, U interface{ ~int | ~string }] [3]T\n"
			  "type Box struct { Pair[int8, string]; l List[Pair[bool, int64]] }\n";
	same(src, "Pair[int, string]", "struct{Key int; Val string}");
	same(src, "[]Pair[bool, List[int16]]", "[]struct{Key bool; Val struct{next *int; v int16}}");
	same(src, "Arr[complex128, int]", "[3]complex128");
	same(src, "Box",
	     "struct{Pair struct{Key int8; Val string}; l struct{next *int; v struct{Key bool; Val int64}}}");
	fails(src, "Pair[int]", GG_ERR_TYPE, "Pair takes 2 type arguments, not 1");
	fails(src, "Pair", GG_ERR_TYPE, "generic type Pair must be instantiated");
	fails("package p\ntype X[T any] struct { x *X[[]T] }\n", "X[int]", GG_ERR_TYPE,
	      "instantiated in a cycle");
}

static void test_imports(void)
{
	const char *src =
	    "package p\n"
	    "import (\n\tt \"time\"\n\t\"sync/atomic\"\n\t\"sync\"\n\tx \"github.com/acme/x\"\n)\n"
	    "type A struct { at t.Time; n atomic.Int64; wg sync.WaitGroup }\n"
	    "type B struct { ok bool; u *x.User }\n"
	    "type C struct { d time.Duration }\n";
	gg_gosrc *p = pkg1(src);
	if (p) {
		CHECK(same_layout(p, "A", "struct{at time.Time; n atomic.Int64; wg sync.WaitGroup}", &T64));
		CHECK(same_layout(p, "A", "struct{at time.Time; n atomic.Int64; wg sync.WaitGroup}", &T32));
		/* on the command line, gogrow's own names */
		CHECK(same_layout(p, "[]time.Time", "[]time.Time", &T64));
		gg_gosrc_free(p);
	}
	fails(src, "B", GG_ERR_TYPE, "a.go:9:29: unknown imported type github.com/acme/x.User");
	fails(src, "C", GG_ERR_TYPE,
	      "a.go:10:19: undefined: time (the file imports no package of that name)");
	fails("package p\nimport \"net/url\"\ntype U struct { u url.Userinfo }\n", "U", GG_ERR_TYPE,
	      "a.go:3:19: unknown imported type net/url.Userinfo");
}

static void test_read_errors(void)
{
	fails("package p\nvar s = \"abc\ntype T int\n", "T", GG_ERR_SYNTAX,
	      "a.go:2:9: string literal not terminated");
	fails("package p\n/* open\ntype T int\n", "T", GG_ERR_SYNTAX, "a.go:2:1: comment not terminated");
	fails("package p\nfunc f() { if x { }\ntype T int\n", "T", GG_ERR_SYNTAX, "unbalanced brackets");
	fails("package p\nfunc f() ) {}\n", "T", GG_ERR_SYNTAX, "a.go:2:10: unexpected \")\"");
	fails("type T int\n", "T", GG_ERR_SYNTAX, "a.go:1:1: expected 'package' clause, found \"type\"");
	fails("package p\nfunc f() { r := '}\n }\n", "T", GG_ERR_SYNTAX,
	      "a.go:2:17: rune literal not terminated");
	fails("package p\ntype T\n", "T", GG_ERR_SYNTAX, "a.go:2:7: expected type, found newline");
	fails("package p\ntype (\n\tT int\n", "T", GG_ERR_SYNTAX,
	      "a.go:4:1: expected ')', found end of file");
	fails("package p\nconst (\n\tA\n)\n", "T", GG_ERR_SYNTAX,
	      "a.go:3:3: expected '=' and a value, found newline");
	fails("package p\nconst a, b = 1\ntype T [b]int\n", "T", GG_ERR_TYPE,
	      "a.go:2:10: missing value for constant b");
	fails("package p\nimport \"time\"\ntype T [time.Second]int\n", "T", GG_ERR_SYNTAX,
	      "a.go:3:9: array length: only integer constants");
	{
		const char nul[] = "package p\ntype T int\x00\n";
		gg_gosrc *q = gg_gosrc_new();
		gg_error e = {0};
		CHECK_EQ_I(gg_gosrc_add_file(q, "n.go", nul, sizeof nul - 1, &e), GG_ERR_SYNTAX);
		CHECK_STR_CONTAINS(e.msg, "n.go:2:11: NUL byte in Go source");
		gg_gosrc_free(q);
	}
	fails("package p\ntype T int\nconst T = 1\n", "T", GG_ERR_TYPE,
	      "a.go:3:7: T redeclared in this package");
	fails("package p\ntype T struct { a int; a bool }\n", "T", GG_ERR_TYPE,
	      "a.go:2:24: duplicate field a");
	fails("package p\ntype T struct { a int } x\n", "T", GG_ERR_SYNTAX,
	      "a.go:2:25: unexpected text after the type of T");
	fails("package p\ntype T struct { a Missing }\n", "T", GG_ERR_TYPE,
	      "a.go:2:19: undefined type \"Missing\"");
	fails("package p\ntype T int\n", "[]T]", GG_ERR_SYNTAX, "expected end of type");
	fails("package p\ntype T int\n", "map[U]T", GG_ERR_TYPE, "undefined type \"U\"");
	/* a second file must be the same package */
	gg_gosrc *p = pkg1("package p\ntype A int\n");
	gg_error err = {0};
	const char *b = "// doc\npackage q\n";
	CHECK_EQ_I(gg_gosrc_add_file(p, "b.go", b, strlen(b), &err), GG_ERR_SYNTAX);
	CHECK_STR_CONTAINS(err.msg, "b.go:2:9: package q, but other files are package p");
	const char *c = "package p\ntype B [2]A\n";
	CHECK_EQ_I(gg_gosrc_add_file(p, "c.go", c, strlen(c), &err), GG_OK);
	CHECK(same_layout(p, "B", "[2]int", &T32));
	CHECK_EQ_I(gg_gosrc_ntypes(p), 2);
	CHECK(!strcmp(gg_gosrc_type_name(p, 1), "B"));
	CHECK(!strcmp(gg_gosrc_package(p), "p"));
	CHECK_EQ_I(gg_gosrc_check(p, &err), GG_OK);
	gg_gosrc_free(p);
	/* gg_gosrc_check reports the first type that does not resolve */
	p = pkg1("package p\ntype A int\ntype B struct{ a A; z Nope }\n");
	CHECK_EQ_I(gg_gosrc_check(p, &err), GG_ERR_TYPE);
	CHECK_STR_CONTAINS(err.msg, "a.go:3:23: undefined type \"Nope\"");
	gg_gosrc_free(p);
}

/* Every permutation of t's fields: the smallest size and ptrdata found. */
static void brute(const gg_type *t, const gg_target *tg, size_t *perm, size_t k, gg_layout *min)
{
	size_t n = t->nfields;
	if (k == n) {
		gg_layout l;
		if (gg_struct_layout_in_order(tg, t, perm, &l, NULL, NULL) == GG_OK) {
			min->size = l.size < min->size ? l.size : min->size;
			min->ptrdata = l.ptrdata < min->ptrdata ? l.ptrdata : min->ptrdata;
		}
		return;
	}
	for (size_t i = k; i < n; i++) {
		size_t x = perm[k];
		perm[k] = perm[i], perm[i] = x;
		brute(t, tg, perm, k + 1, min);
		perm[i] = perm[k], perm[k] = x;
	}
}

static void best_is_min(const char *src, const gg_target *tg)
{
	gg_typeexpr *e;
	gg_error err = {0};
	if (gg_type_parse(src, &e, &err) != GG_OK) {
		fprintf(stderr, "%s: %s\n", src, err.msg);
		check_failed++;
		return;
	}
	const gg_type *t = gg_typeexpr_root(e);
	size_t perm[8], order[8];
	for (size_t i = 0; i < t->nfields; i++)
		perm[i] = i;
	gg_layout min = {UINT64_MAX, 0, UINT64_MAX}, best, pbest;
	brute(t, tg, perm, 0, &min);
	CHECK_EQ_I(gg_struct_best_order(tg, t, GG_ORDER_SIZE, order, 8, &best, &err), GG_OK);
	CHECK_EQ_I(best.size, min.size);
	CHECK_EQ_I(gg_struct_best_order(tg, t, GG_ORDER_PTRDATA, order, 8, &pbest, &err), GG_OK);
	CHECK_EQ_I(pbest.ptrdata, min.ptrdata);
	CHECK_EQ_I(gg_struct_best_order(tg, t, GG_ORDER_SIZE, order, 2, &best, &err),
		   t->nfields > 2 ? GG_ERR_RANGE : GG_OK);
	gg_typeexpr_free(e);
}

static void test_best_order(void)
{
	static const char *structs[] = {
	    "struct{a bool; b int64; c *int; d bool}",
	    "struct{a bool; b struct{}; c int32; d string; e uint16; f [3]byte; g float64}",
	    "struct{a [2]*int; b int8; c struct{p *int; n [5]int64}; d []byte; e int16}",
	    "struct{x struct{}; y int8}",
	    "struct{a atomic.Int64; b bool; c *int; d complex64}",
	    "struct{s string; b bool; i interface{}; u uint64; m map[int]int; z [0]int64}",
	};
	for (size_t i = 0; i < sizeof structs / sizeof structs[0]; i++) {
		best_is_min(structs[i], &T64);
		best_is_min(structs[i], &T32);
	}
	gg_typeexpr *e;
	gg_error err = {0};
	size_t order[4];
	gg_layout l;
	gg_type_parse("[4]int", &e, &err);
	CHECK_EQ_I(gg_struct_best_order(&T64, gg_typeexpr_root(e), GG_ORDER_SIZE, order, 4, &l, &err),
		   GG_ERR_TYPE);
	gg_typeexpr_free(e);
	/* an order that is not a permutation of the fields */
	gg_type_parse("struct{a int8; b int64}", &e, &err);
	size_t bad[2] = {0, 7};
	CHECK_EQ_I(gg_struct_layout_in_order(&T64, gg_typeexpr_root(e), bad, &l, NULL, &err), GG_ERR_RANGE);
	size_t swap[2] = {1, 0};
	uint64_t offs[2];
	CHECK_EQ_I(gg_struct_layout_in_order(&T64, gg_typeexpr_root(e), swap, &l, offs, &err), GG_OK);
	CHECK_EQ_I(l.size, 16);
	CHECK_EQ_I(offs[1], 8);
	gg_typeexpr_free(e);
	/* NULL packages are refused, not dereferenced */
	CHECK_EQ_I(gg_gosrc_ntypes(NULL), 0);
	CHECK_EQ_I(gg_gosrc_check(NULL, &err), GG_ERR_RANGE);
	CHECK_EQ_I(gg_gosrc_type(NULL, "int", &e, &err), GG_ERR_RANGE);
}

int main(void)
{
	T64 = check_target("amd64", 27);
	T32 = check_target("386", 21);
	test_declarations();
	test_recursion();
	test_constants();
	test_generics();
	test_imports();
	test_read_errors();
	test_best_order();
	return check_summary();
}
