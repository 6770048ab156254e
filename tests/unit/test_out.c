/* The command's output module: memory sinks, the table and JSON writers,
 * and answers written to a memory sink and to a FILE giving the same bytes. */
#include "check.h"

#include "cli/answer/answer.h"
#include "cli/out/write.h"

static void test_mem_sink(void)
{
	out_sink s;
	sink_mem(&s);
	CHECK(s.len == 0);
	for (int i = 0; i < 1000; i++)
		sink_printf(&s, "%d,", i); /* grows past the first buffers */
	sink_putc(&s, 'x');
	sink_puts(&s, "yz");
	CHECK(!sink_failed(&s));
	CHECK(!strncmp(s.buf, "0,1,2,3,", 8));
	CHECK(strstr(s.buf, ",999,xyz") != NULL);
	CHECK_EQ_I(s.len, strlen(s.buf));
	sink_free(&s);
	CHECK(s.buf == NULL);
}

static void test_json_escapes(void)
{
	out_sink s;
	sink_mem(&s);
	json_str(&s, "a\"b\\c\nd\te\x01 \xff");
	CHECK(!strcmp(s.buf, "\"a\\\"b\\\\c\\nd\\te\\u0001 \\ufffd\""));
	sink_free(&s);
}

static void test_table(void)
{
	out_table t;
	table_init(&t);
	table_col(&t, "name", 0);
	table_col(&t, "n", 1);
	const char *r1[] = {"ab", "5"}, *r2[] = {"c", "123"};
	table_row(&t, r1);
	table_row(&t, r2);
	const struct {
		cli_format fmt;
		const char *want;
	} cases[] = {{FMT_TEXT, "name    n\nab      5\nc     123\n"},
		     {FMT_TSV, "name\tn\nab\t5\nc\t123\n"},
		     {FMT_JSON, "[{\"name\":\"ab\",\"n\":5},{\"name\":\"c\",\"n\":123}]\n"}};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		out_sink s;
		sink_mem(&s);
		table_print(&t, cases[i].fmt, &s);
		CHECK(s.buf && !strcmp(s.buf, cases[i].want));
		sink_free(&s);
	}
	table_free(&t);
}

/* The same answer through a FILE and through memory. */
static void same_bytes(void (*write)(const void *, cli_format, out_sink *), const void *a, cli_format fmt,
		       out_sink *mem)
{
	FILE *f = tmpfile();
	CHECK(f != NULL);
	if (!f)
		return;
	out_sink fs;
	sink_file(&fs, f);
	write(a, fmt, &fs);
	long n = ftell(f);
	char *buf = calloc((size_t)n + 1, 1);
	rewind(f);
	CHECK(buf && fread(buf, 1, (size_t)n, f) == (size_t)n);
	sink_mem(mem);
	write(a, fmt, mem);
	CHECK_EQ_I(mem->len, n);
	CHECK(buf && mem->buf && !memcmp(buf, mem->buf, (size_t)n));
	free(buf);
	fclose(f);
}

static void classes_w(const void *a, cli_format fmt, out_sink *o)
{
	classes_write(a, fmt, o);
}

static void append_w(const void *a, cli_format fmt, out_sink *o)
{
	append_write(a, fmt, o);
}

static void test_answers(void)
{
	cli_common c;
	char *argv[] = {"--go", "1.22", "--tsv"};
	CHECK(cli_parse("classes", 3, argv, NULL, &c) && cli_targets(&c));
	classes_answer ca;
	CHECK(classes_answer_build(&ca, &c));
	CHECK_EQ_I(ca.nrows, 67);
	out_sink s;
	same_bytes(classes_w, &ca, FMT_TSV, &s);
	/* Class 1: 8-byte objects, one 8 KiB page, 1024 of them; a scan span
	 * keeps its heap bits in its last 128 bytes from go1.22 (1008). */
	const char *want = "go\tarch\tclass\tbytes\tpages\tobjs_noscan\tobjs_scan\ttail_waste\n"
			   "go1.22\tamd64\t1\t8\t1\t1024\t1008\t0\n";
	CHECK(s.buf && !strncmp(s.buf, want, strlen(want)));
	sink_free(&s);
	classes_answer_free(&ca);

	/* append(make([]int, 1000), x) on go1.22: 1000 + (1000+768)/4 = 1442
	 * ints, 11536 bytes, rounded up to the 12288-byte class: cap 1536. */
	gg_typeexpr *e;
	gg_error err;
	CHECK(gg_type_parse("int", &e, &err) == GG_OK);
	append_answer aa = {.type = "[]int", .len = 1000, .cap = 1000, .add = 1};
	CHECK(append_answer_build(&aa, &c, gg_typeexpr_root(e)));
	CHECK_EQ_I(aa.nrows, 1);
	CHECK_EQ_I(aa.rows[0].g.newcap, 1536);
	same_bytes(append_w, &aa, FMT_JSON, &s);
	CHECK(strstr(s.buf, "\"newcap\":1536,\"request_bytes\":11536,\"bytes\":12288") != NULL);
	sink_free(&s);
	append_answer_free(&aa);
	gg_typeexpr_free(e);
}

int main(void)
{
	test_mem_sink();
	test_json_escapes();
	test_table();
	test_answers();
	return check_summary();
}
