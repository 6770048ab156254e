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
