/* The type parser: what it accepts, and where and why it rejects. */
#include <stdlib.h>

#include "check.h"
#include "gogrow/types.h"

static const gg_type *ok(const char *src, gg_typeexpr **e)
{
	gg_error err = {0};
	gg_status st = gg_type_parse(src, e, &err);
	if (st != GG_OK) {
		fprintf(stderr, "parse \"%s\" failed: %s (col %d)\n", src, err.msg, err.column);
		check_failed++;
		return NULL;
	}
	check_passed++;
	return gg_typeexpr_root(*e);
}

static void bad(const char *src, gg_status want, int col, const char *msg)
{
	gg_typeexpr *e = NULL;
	gg_error err = {0};
	gg_status st = gg_type_parse(src, &e, &err);
	if (st != want || (col && err.column != col) || !strstr(err.msg, msg) || e != NULL) {
		fprintf(stderr,
			"parse \"%s\": status %d col %d msg \"%s\"; want status %d col %d msg ~\"%s\"\n", src,
			st, err.column, err.msg, want, col, msg);
		check_failed++;
	} else
		check_passed++;
	gg_typeexpr_free(e);
}

/* A struct of `n` fields f0..f{n-1}; with `dup`, the last one repeats f0. */
static char *struct_src(size_t n, int dup, size_t *dup_col)
{
	char *s = malloc(n * 16 + 32), *q = s;
	if (!s)
		return NULL;
	q += sprintf(q, "struct{");
	for (size_t i = 0; i < n; i++) {
		if (dup && i == n - 1) {
			*dup_col = (size_t)(q - s) + 1;
			q += sprintf(q, "f0 int8}");
		} else
			q += sprintf(q, "f%zu int8%s", i, i + 1 < n ? "; " : "}");
	}
	return s;
}

/* Field names are checked for repeats in linear time: 400 k fields (a
 * pairwise check would take minutes; ctest's TIMEOUT for this test catches
 * that) with the repeat found at its column. One declaration may list any
 * number of names. */
static void big_structs(void)
{
	gg_typeexpr *e;
	const gg_type *t;
	size_t n = 400000, col = 0;
	char *src = struct_src(n, 0, &col);
	if (src && (t = ok(src, &e))) {
		CHECK_EQ_I(t->nfields, n);
		CHECK(!strcmp(t->fields[n - 1].name, "f399999"));
		gg_typeexpr_free(e);
	}
	free(src);
	src = struct_src(n, 1, &col);
	if (src)
		bad(src, GG_ERR_TYPE, (int)col, "duplicate field f0");
	free(src);
	/* 1000 names in one list: a, a1, ... all int16. */
	char *list = malloc(1000 * 8 + 32), *q = list;
	if (list) {
		q += sprintf(q, "struct{a");
		for (int i = 1; i < 1000; i++)
			q += sprintf(q, ", a%d", i);
		sprintf(q, " int16}");
		if ((t = ok(list, &e))) {
			CHECK_EQ_I(t->nfields, 1000);
			CHECK(t->fields[999].type->kind == GG_INT16 &&
			      t->fields[0].type == t->fields[999].type);
			gg_typeexpr_free(e);
		}
		free(list);
	}
}

int main(void)
{
	gg_typeexpr *e;
	const gg_type *t;

	if ((t = ok("int", &e))) {
		CHECK(t->kind == GG_INT);
		gg_typeexpr_free(e);
	}
	if ((t = ok("struct{a, b int32; _ [3]byte; c []string `json:\"c\"`}", &e))) {
		CHECK(t->kind == GG_STRUCT && t->nfields == 4);
		CHECK(!strcmp(t->fields[1].name, "b") && t->fields[1].type->kind == GG_INT32);
		CHECK(t->fields[2].type->kind == GG_ARRAY && t->fields[2].type->len == 3);
		CHECK(t->fields[3].type->kind == GG_SLICE);
		gg_typeexpr_free(e);
	}
	if ((t = ok("struct{\n\ta int8\n\tb int64\n}", &e))) {
		CHECK(t->nfields == 2);
		gg_typeexpr_free(e);
	}
	if ((t = ok("struct{atomic.Int64; *sync.Mutex; time.Time}", &e))) {
		CHECK(t->nfields == 3 && t->fields[0].embedded && !strcmp(t->fields[0].name, "Int64"));
		CHECK(!strcmp(t->fields[1].name, "Mutex") && t->fields[1].type->kind == GG_POINTER);
		gg_typeexpr_free(e);
	}
	if ((t = ok("[1<<10 + 2*3]byte", &e))) {
		CHECK(t->kind == GG_ARRAY && t->len == 1030);
		gg_typeexpr_free(e);
	}
	if ((t = ok("[0x10][0b11][0o7][1_000]uint8", &e))) {
		CHECK(t->len == 16 && t->elem->len == 3 && t->elem->elem->len == 7 &&
		      t->elem->elem->elem->len == 1000);
		gg_typeexpr_free(e);
	}
	if ((t = ok("map[string]map[[2]int]*struct{}", &e))) {
		CHECK(t->kind == GG_MAP && t->key->kind == GG_STRING && t->elem->kind == GG_MAP);
		gg_typeexpr_free(e);
	}
	const char *valid[] = {
	    "func()",
	    "func(int) string",
	    "func(a, b int, c ...string) (n int, err error)",
	    "func(int, string) (bool, error)",
	    "func(unsafe.Pointer) func() int",
	    "chan int",
	    "chan<- int",
	    "<-chan []byte",
	    "chan (<-chan int)",
	    "interface{}",
	    "interface{ String() string; error }",
	    "any",
	    "error",
	    "atomic.Pointer[struct{a int}]",
	    "(*int)",
	    "[]func(x ...int)",
	    "struct{}",
	    "struct{a int; }",
	    "struct{f func() int; g func(int) (int, error)}",
	    "struct{a /* c */ int // x\n}",
	    "complex128",
	    "rune",
	    "uintptr",
	    "reflect.SliceHeader",
	};
	for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++)
		if (ok(valid[i], &e))
			gg_typeexpr_free(e);

	bad("", GG_ERR_SYNTAX, 1, "expected type, found end of input");
	bad("struct{a int", GG_ERR_SYNTAX, 13, "expected ';' or '}'");
	bad("[3]", GG_ERR_SYNTAX, 4, "expected type");
	bad("[-1]int", GG_ERR_TYPE, 2, "negative");
	bad("[...]int", GG_ERR_SYNTAX, 2, "composite literals");
	bad("[n]int", GG_ERR_TYPE, 2, "name \"n\"");
	bad("[1<<63]byte", GG_ERR_SYNTAX, 0, "overflow");
	bad("[99999999999999999999]byte", GG_ERR_SYNTAX, 2, "overflows");
	bad("[1/0]byte", GG_ERR_SYNTAX, 0, "division by zero");
	bad("foo", GG_ERR_TYPE, 1, "undefined type \"foo\"");
	bad("struct{a int; b Foo}", GG_ERR_TYPE, 17, "undefined type \"Foo\"");
	bad("map[[]int]int", GG_ERR_TYPE, 5, "invalid map key");
	bad("map[func()]int", GG_ERR_TYPE, 5, "invalid map key");
	bad("map[struct{a []int}]int", GG_ERR_TYPE, 5, "invalid map key");
	bad("map[string]", GG_ERR_SYNTAX, 12, "expected type");
	bad("struct{a int; a string}", GG_ERR_TYPE, 15, "duplicate field a");
	bad("int int", GG_ERR_SYNTAX, 5, "expected end of type");
	bad("interface{ ~int }", GG_ERR_TYPE, 12, "type constraints");
	bad("interface{ int }", GG_ERR_TYPE, 12, "type constraints");
	bad("atomic.Pointer", GG_ERR_TYPE, 1, "must be instantiated");
	bad("int[3]", GG_ERR_TYPE, 4, "not a generic type");
	bad("func(a, b)", GG_ERR_TYPE, 6, "undefined type \"a\"");
	bad("func(...int, string)", GG_ERR_SYNTAX, 0, "variadic");
	bad("struct{a int; \"tag\"}", GG_ERR_SYNTAX, 15, "field name");
	bad("chan", GG_ERR_SYNTAX, 5, "expected type");
	bad("map", GG_ERR_SYNTAX, 4, "'[' after map");
	bad("$", GG_ERR_SYNTAX, 1, "invalid character");
	bad("struct{a `x}", GG_ERR_SYNTAX, 0, "unterminated");
	bad("/* open", GG_ERR_SYNTAX, 1, "invalid");
	bad("struct{type int}", GG_ERR_SYNTAX, 8, "field name");
	bad("struct{\xff int}", GG_ERR_SYNTAX, 8, "byte 0xff");
	bad("struct{a\xc3 int}", GG_ERR_SYNTAX, 8, "invalid character");
	bad("struct{\x01 int}", GG_ERR_SYNTAX, 8, "byte 0x01");
	bad("struct{\xed\xa0\x80 int}", GG_ERR_SYNTAX, 8, "byte 0xed");

	/* Names declared twice, as the type checker reports them. */
	bad("struct{a, b, a int}", GG_ERR_TYPE, 14, "duplicate field a");
	bad("struct{sync.Mutex; Mutex int}", GG_ERR_TYPE, 20, "duplicate field Mutex");
	bad("interface{M(); N() int; M(int)}", GG_ERR_TYPE, 25, "duplicate method M");
	/* An embedded interface may bring a method declared again (go1.14+). */
	if ((t = ok("interface{Error() string; error}", &e)))
		gg_typeexpr_free(e);
	if ((t = ok("struct{_ int; _ [2]byte; a int8}", &e))) {
		CHECK(t->nfields == 3);
		gg_typeexpr_free(e);
	}
	if ((t = ok("interface{M(); error}", &e))) {
		CHECK(t->kind == GG_INTERFACE && t->ninner == 1);
		gg_typeexpr_free(e);
	}
	/* Signatures are kept for the layout checks (parameters, results). */
	if ((t = ok("func(a, b int, c *[4]byte) (string, error)", &e))) {
		CHECK(t->kind == GG_FUNC && t->ninner == 4);
		CHECK(t->inner[1]->kind == GG_POINTER && t->inner[1]->elem->len == 4);
		gg_typeexpr_free(e);
	}
	big_structs();

	/* Deep nesting is an error, not a stack overflow. */
	char deep[4000];
	size_t n = 0;
	for (int i = 0; i < 1000; i++)
		deep[n++] = '*';
	memcpy(deep + n, "int", 4);
	bad(deep, GG_ERR_SYNTAX, 0, "nested too deeply");
	n = 0;
	for (int i = 0; i < 1000; i++)
		deep[n++] = '(';
	deep[n] = 0;
	bad(deep, GG_ERR_SYNTAX, 0, "nested too deeply");

	/* The caret points at the column. */
	gg_error err = {.column = 5};
	char caret[32];
	gg_error_caret(&err, caret, sizeof caret);
	CHECK(!strcmp(caret, "    ^"));
	return check_summary();
}
