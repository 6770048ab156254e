/* Heap-profile audit: the profile.proto decoder on profiles encoded here by
 * a separate small protobuf writer (packed and unpacked fields, inlined
 * frames, runtime frames, labels or none, bad input), pprof's unsampling,
 * and the matcher on object sizes the real Go runtime recorded (the sizes
 * and counts below are those of tests/data/audit's profiles, as `go tool
 * pprof -raw` lists them). */
#include <math.h>

#include "check.h"
#include "gogrow/audit.h"

typedef struct buf {
	uint8_t b[16384];
	size_t n;
} buf;

static void put_varint(buf *w, uint64_t v)
{
	do {
		w->b[w->n++] = (uint8_t)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
}

static void f_int(buf *w, unsigned field, uint64_t v)
{
	put_varint(w, (uint64_t)field << 3);
	put_varint(w, v);
}

static void f_bytes(buf *w, unsigned field, const void *p, size_t n)
{
	put_varint(w, (uint64_t)field << 3 | 2);
	put_varint(w, n);
	memcpy(w->b + w->n, p, n);
	w->n += n;
}

static void f_msg(buf *w, unsigned field, const buf *m)
{
	f_bytes(w, field, m->b, m->n);
}

/* String table indices. */
enum {
	S_EMPTY,
	S_AOBJ,
	S_COUNT,
	S_ASPACE,
	S_BYTES,
	S_IOBJ,
	S_ISPACE,
	S_FILL,
	S_MAINGO,
	S_GROW,
	S_PROCGO,
	S_MAIN,
	S_OTHER,
	S_CPU,
	S_NS,
	S_COMMENT,
	S_REFLECT,
	S_RTMAP,
	S_N
};
static const char *const strs[S_N] = {"",
				      "alloc_objects",
				      "count",
				      "alloc_space",
				      "bytes",
				      "inuse_objects",
				      "inuse_space",
				      "main.fill",
				      "main.go",
				      "runtime.growslice",
				      "proc.go",
				      "main.main",
				      "main.other",
				      "samples",
				      "nanoseconds",
				      "built with go1.22.3",
				      "reflect.mapassign_faststr0",
				      "/usr/lib/go/src/runtime/map.go"};

static void value_type(buf *w, uint64_t type, uint64_t unit)
{
	buf m = {.n = 0};
	f_int(&m, 1, type);
	f_int(&m, 2, unit);
	f_msg(w, 1, &m);
}

static void function(buf *w, uint64_t id, uint64_t name, uint64_t file)
{
	buf m = {.n = 0};
	f_int(&m, 1, id);
	f_int(&m, 2, name);
	f_int(&m, 4, file);
	f_msg(w, 5, &m);
}

/* A location with up to two lines (fn, line), innermost first. */
static void location(buf *w, uint64_t id, uint64_t fn1, int64_t l1, uint64_t fn2, int64_t l2)
{
	buf m = {.n = 0}, ln = {.n = 0};
	f_int(&m, 1, id);
	f_int(&ln, 1, fn1);
	f_int(&ln, 2, (uint64_t)l1);
	f_msg(&m, 4, &ln);
	if (fn2) {
		ln.n = 0;
		f_int(&ln, 1, fn2);
		f_int(&ln, 2, (uint64_t)l2);
		f_msg(&m, 4, &ln);
	}
	f_msg(w, 4, &m);
}

/* A heap sample: locations, values (packed or not), the bytes label. */
static void sample(buf *w, const uint64_t *locs, int nloc, int64_t objects, int64_t bytes, int64_t size,
		   int packed)
{
	buf m = {.n = 0}, p = {.n = 0};
	for (int i = 0; i < nloc; i++)
		put_varint(&p, locs[i]);
	f_msg(&m, 1, &p);
	int64_t v[4] = {objects, bytes, 0, 0};
	p.n = 0;
	for (int i = 0; i < 4; i++) {
		if (packed)
			put_varint(&p, (uint64_t)v[i]);
		else
			f_int(&m, 2, (uint64_t)v[i]);
	}
	if (packed)
		f_msg(&m, 2, &p);
	if (size) {
		buf l = {.n = 0};
		f_int(&l, 1, S_BYTES);
		f_int(&l, 3, (uint64_t)size);
		f_msg(&m, 3, &l);
	}
	f_msg(w, 2, &m);
}

static void heap_header(buf *w, int64_t period)
{
	value_type(w, S_AOBJ, S_COUNT);
	value_type(w, S_ASPACE, S_BYTES);
	value_type(w, S_IOBJ, S_COUNT);
	value_type(w, S_ISPACE, S_BYTES);
	f_int(w, 12, (uint64_t)period);
	function(w, 1, S_FILL, S_MAINGO);
	function(w, 2, S_GROW, S_PROCGO);
	function(w, 3, S_MAIN, S_MAINGO);
	function(w, 4, S_OTHER, S_MAINGO);
	function(w, 5, S_REFLECT, S_RTMAP); /* runtime code under reflect's name */
	location(w, 10, 2, 100, 0, 0);	    /* runtime.growslice */
	location(w, 11, 4, 7, 1, 20);	    /* main.other inlined into main.fill */
	location(w, 12, 1, 30, 0, 0);
	location(w, 13, 3, 5, 0, 0);
	location(w, 14, 1, 40, 0, 0);
	location(w, 15, 5, 1376, 0, 0);
}

static void strings(buf *w)
{
	for (int i = 0; i < S_N; i++)
		f_bytes(w, 6, strs[i], strlen(strs[i]));
}

/* Object sizes and counts go1.22 on amd64 recorded for 10 nil []int64
 * filled to 1000 (main.fillInts of tests/data/audit/src/classic). */
static const int64_t ints_size[] = {16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 6784, 10240};
static const int64_t ints_objs[] = {15, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10};

/* The test profile: fill:30 grows []int64 (behind a runtime frame), other:7
 * (inlined) makes one presized 8192-byte slice, fill:40 allocates three
 * sizes that are no growth sequence, and one sample is runtime-only. */
static void build(buf *w, int64_t period, int with_comment)
{
	w->n = 0;
	heap_header(w, period);
	const uint64_t a[] = {10, 15, 12, 13}, b[] = {11, 13}, c[] = {10, 15}, d[] = {14, 13};
	for (size_t i = 0; i < sizeof ints_size / sizeof ints_size[0]; i++)
		sample(w, a, 4, ints_objs[i], ints_objs[i] * ints_size[i], ints_size[i], (int)(i & 1));
	sample(w, b, 2, 10, 81920, 0, 1); /* no label: size from the average */
	sample(w, c, 2, 4, 64, 16, 1);
	sample(w, d, 2, 10, 480, 48, 1);
	sample(w, d, 2, 10, 800, 80, 0);
	sample(w, d, 2, 10, 2080, 208, 1);
	if (with_comment)
		f_int(w, 13, S_COMMENT);
	strings(w);
}

static const gg_prof_site *site_named(const gg_heapprof *p, const char *fn, int64_t line)
{
	for (size_t i = 0; i < p->nsites; i++)
		if (!strcmp(p->sites[i].func, fn) && p->sites[i].line == line)
			return &p->sites[i];
	return NULL;
}

static void test_decode(void)
{
	buf w;
	build(&w, 1, 1);
	gg_heapprof p;
	gg_error err;
	CHECK_EQ_I(gg_heapprof_parse(w.b, w.n, &p, &err), GG_OK);
	CHECK_EQ_I(p.nraw, 16);
	CHECK_EQ_I(p.nnosite, 1);
	CHECK_EQ_I(p.nsamples, 15);
	CHECK_EQ_I(p.nsites, 3);
	CHECK_EQ_I(p.period, 1);
	CHECK_EQ_I(p.go, 22);
	CHECK(site_named(&p, "main.fill", 30) != NULL);
	CHECK(site_named(&p, "main.other", 7) != NULL); /* the inlined frame, not main.fill:20 */
	CHECK(site_named(&p, "main.fill", 40) != NULL);
	CHECK(site_named(&p, "runtime.growslice", 100) == NULL);
	CHECK(site_named(&p, "reflect.mapassign_faststr0", 1376) == NULL);
	const gg_prof_site *s = site_named(&p, "main.other", 7);
	CHECK(s && !strcmp(s->file, "main.go"));
	int seen8192 = 0;
	for (size_t i = 0; i < p.nsamples; i++)
		seen8192 += p.samples[i].size == 8192 && p.samples[i].objects == 10;
	CHECK_EQ_I(seen8192, 1);
	gg_heapprof_free(&p);
	build(&w, 1, 0);
	CHECK_EQ_I(gg_heapprof_parse(w.b, w.n, &p, &err), GG_OK);
	CHECK_EQ_I(p.go, 0);
	gg_heapprof_free(&p);
}

static gg_status parse_status(const uint8_t *b, size_t n, gg_error *err)
{
	gg_heapprof p;
	gg_status st = gg_heapprof_parse(b, n, &p, err);
	gg_heapprof_free(&p);
	return st;
}

static void test_bad_input(void)
{
	buf w;
	gg_error err;
	build(&w, 1, 0);
	/* Every cut: a clean answer; cut inside the last field, a syntax error. */
	for (size_t n = 0; n < w.n; n++) {
		gg_status st = parse_status(w.b, n, &err);
		CHECK(st == GG_OK || st == GG_ERR_SYNTAX || st == GG_ERR_UNSUPPORTED);
	}
	CHECK_EQ_I(parse_status(w.b, w.n - 1, &err), GG_ERR_SYNTAX);
	CHECK_STR_CONTAINS(err.msg, "truncated");
	/* A CPU profile's sample types. */
	buf c = {.n = 0};
	value_type(&c, S_CPU, S_COUNT);
	value_type(&c, S_CPU, S_NS);
	strings(&c);
	CHECK_EQ_I(parse_status(c.b, c.n, &err), GG_ERR_UNSUPPORTED);
	CHECK_STR_CONTAINS(err.msg, "not a heap profile");
	/* A sample naming a location that does not exist. */
	c.n = 0;
	heap_header(&c, 1);
	const uint64_t bad[] = {99};
	sample(&c, bad, 1, 1, 16, 16, 1);
	strings(&c);
	CHECK_EQ_I(parse_status(c.b, c.n, &err), GG_ERR_SYNTAX);
	CHECK_STR_CONTAINS(err.msg, "does not define");
	/* Values that do not match the sample types. */
	c.n = 0;
	heap_header(&c, 1);
	buf m = {.n = 0};
	f_int(&m, 1, 12);
	f_int(&m, 2, 1);
	f_msg(&c, 2, &m);
	strings(&c);
	CHECK_EQ_I(parse_status(c.b, c.n, &err), GG_ERR_SYNTAX);
	CHECK_STR_CONTAINS(err.msg, "values");
	/* A group (wire type 3), an 11-byte varint, a length past the end. */
	const uint8_t group[] = {0x0b, 0x0c},
		      longv[] = {0x60, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01};
	const uint8_t past[] = {0x32, 0x05, 'a'};
	CHECK_EQ_I(parse_status(group, sizeof group, &err), GG_ERR_SYNTAX);
	CHECK_EQ_I(parse_status(longv, sizeof longv, &err), GG_ERR_SYNTAX);
	CHECK_EQ_I(parse_status(past, sizeof past, &err), GG_ERR_SYNTAX);
	/* Known field, wrong wire type: a string table entry as a varint. */
	const uint8_t wrongwire[] = {0x30, 0x01};
	CHECK_EQ_I(parse_status(wrongwire, sizeof wrongwire, &err), GG_ERR_SYNTAX);
	CHECK_EQ_I(parse_status(NULL, 0, &err), GG_ERR_UNSUPPORTED); /* empty: no sample types */
}

static void test_scale(void)
{
	int64_t o, b;
	gg_heap_scale(7, 100, 1, &o, &b);
	CHECK(o == 7 && b == 700);
	gg_heap_scale(0, 100, 524288, &o, &b);
	CHECK(o == 0 && b == 0);
	/* Values Go's scaleHeapSample gives (1/(1-e^-1) = 1.5819767...). */
	gg_heap_scale(1, 524288, 524288, &o, &b);
	CHECK_EQ_I(o, 1);
	CHECK_EQ_I(b, 829411);
	gg_heap_scale(3, 16, 524288, &o, &b);
	CHECK_EQ_I(o, 98305);
	CHECK_EQ_I(b, 1572888);
	CHECK(fabs(gg_heap_unscale(98305, 16, 524288) - 3) < 0.001);
	CHECK(gg_heap_unscale(5, 16, 1) == 5);
}

static const gg_audit_site *found(const gg_heapprof *p, const gg_audit *a, const char *fn, int64_t line)
{
	for (size_t i = 0; i < a->n; i++) {
		const gg_prof_site *s = &p->sites[a->sites[i].site];
		if (!strcmp(s->func, fn) && s->line == line)
			return &a->sites[i];
	}
	return NULL;
}

static void test_match_slice(void)
{
	buf w;
	build(&w, 1, 0);
	gg_heapprof p;
	gg_audit a;
	gg_target t;
	gg_error err;
	CHECK_EQ_I(gg_heapprof_parse(w.b, w.n, &p, &err), GG_OK);
	CHECK_EQ_I(gg_target_make("amd64", 22, &t, &err), GG_OK);
	CHECK_EQ_I(gg_audit_run(&t, &p, &a, &err), GG_OK);
	CHECK_EQ_I(a.n, 1); /* the presized site and the three odd sizes are not growth */
	CHECK_EQ_I(a.checked, 3);
	const gg_audit_site *s = found(&p, &a, "main.fill", 30);
	CHECK(s != NULL);
	if (s) {
		CHECK_EQ_I(s->kind, GG_GROWTH_SLICE);
		CHECK_EQ_I(s->unit, 8);
		CHECK_EQ_I(s->steps, 11);
		CHECK_EQ_I(s->first_step, 0);
		CHECK_EQ_I(s->unexplained, 0);
		CHECK_EQ_I(s->confidence, GG_CONF_HIGH);
		CHECK_EQ_I(s->objects, 115);
		CHECK_EQ_I(s->bytes, 252080);
		CHECK_EQ_I(s->saved, 252080 - 102400); /* all but the last 10240-byte array of each fill */
		CHECK(s->len_min <= 1000 && 1000 <= s->len_max);
		CHECK_EQ_I(s->bytes_err, 0);
	}
	gg_audit_free(&a);
	/* The same sizes under go1.17's growth formula and classes are no run of
	 * its []int64 steps past 256 elements: fewer steps match. */
	CHECK_EQ_I(gg_target_make("amd64", 17, &t, &err), GG_OK);
	CHECK_EQ_I(gg_audit_run(&t, &p, &a, &err), GG_OK);
	s = found(&p, &a, "main.fill", 30);
	CHECK(!s || s->steps < 11 || s->unit != 8);
	gg_audit_free(&a);
	gg_heapprof_free(&p);
}

/* go1.27 amd64, 10 map[int64]int64 made without a hint and given 600 keys
 * (main.fillIndex of tests/data/audit/src/swiss): directory, tables, the
 * small map's group, then groups arrays of 2 to 128 groups. */
static void test_match_swiss(void)
{
	static const int64_t size[] = {8, 32, 144, 288, 576, 1152, 2304, 4864, 9472, 18432};
	static const int64_t objs[] = {10, 70, 10, 10, 10, 10, 10, 10, 10, 10};
	buf w = {.n = 0};
	heap_header(&w, 1);
	const uint64_t a[] = {12, 13};
	int64_t total = 0;
	for (size_t i = 0; i < sizeof size / sizeof size[0]; i++) {
		sample(&w, a, 2, objs[i], objs[i] * size[i], size[i], 1);
		total += objs[i] * size[i];
	}
	strings(&w);
	gg_heapprof p;
	gg_audit au;
	gg_target t;
	gg_error err;
	CHECK_EQ_I(gg_heapprof_parse(w.b, w.n, &p, &err), GG_OK);
	CHECK_EQ_I(gg_target_make("amd64", 27, &t, &err), GG_OK);
	CHECK_EQ_I(gg_audit_run(&t, &p, &au, &err), GG_OK);
	CHECK_EQ_I(au.n, 1);
	if (au.n == 1) {
		const gg_audit_site *s = &au.sites[0];
		CHECK_EQ_I(s->kind, GG_GROWTH_SWISS_MAP);
		CHECK(s->unit_min <= 136 && 136 <= s->unit_max);
		CHECK_EQ_I(s->steps, 8);
		CHECK_EQ_I(s->side, 2); /* the 32-byte tables and the 8-byte directory */
		CHECK_EQ_I(s->unexplained, 0);
		CHECK_EQ_I(s->bytes, total);
		CHECK(s->len_min <= 600 && 600 <= s->len_max);
	}
	gg_audit_free(&au);
	/* The same sizes as go1.22 sees them: no Swiss tables, so at best a
	 * slice of 136..144-byte elements, leaving the tables unexplained. */
	CHECK_EQ_I(gg_target_make("amd64", 22, &t, &err), GG_OK);
	CHECK_EQ_I(gg_audit_run(&t, &p, &au, &err), GG_OK);
	CHECK(au.n == 0 || au.sites[0].kind != GG_GROWTH_SWISS_MAP);
	CHECK(au.n == 0 || au.sites[0].unexplained > 0);
	gg_audit_free(&au);
	gg_heapprof_free(&p);
}

/* go1.22 amd64: 10 map[string]int of up to 19 keys (B 0 to 2, buckets of
 * 208 bytes) allocate 208, 416 and 896 bytes, as a slice of 208-byte
 * elements growing to 4 would: both kinds are reported, confidence low. */
static void test_match_ambiguous(void)
{
	buf w = {.n = 0};
	heap_header(&w, 1);
	const uint64_t a[] = {12, 13};
	sample(&w, a, 2, 300, 300 * 208, 208, 1);
	sample(&w, a, 2, 140, 140 * 416, 416, 1);
	sample(&w, a, 2, 139, 139 * 896, 896, 1);
	strings(&w);
	gg_heapprof p;
	gg_audit au;
	gg_target t;
	gg_error err;
	CHECK_EQ_I(gg_heapprof_parse(w.b, w.n, &p, &err), GG_OK);
	CHECK_EQ_I(gg_target_make("amd64", 22, &t, &err), GG_OK);
	CHECK_EQ_I(gg_audit_run(&t, &p, &au, &err), GG_OK);
	CHECK_EQ_I(au.n, 1);
	if (au.n == 1) {
		const gg_audit_site *s = &au.sites[0];
		CHECK(s->kinds & (1u << GG_GROWTH_SLICE));
		CHECK(s->kinds & (1u << GG_GROWTH_CLASSIC_MAP));
		CHECK(s->alternatives > 0);
		CHECK_EQ_I(s->confidence, GG_CONF_LOW);
		CHECK_EQ_I(s->steps, 3);
	}
	gg_audit_free(&au);
	gg_heapprof_free(&p);
}

/* One site of go1.22 []int64 steps (see ints_size) with the given counts. */
static size_t audit_steps(int64_t period, const int64_t *size, const int64_t *objs, size_t n,
			  gg_audit_site *out)
{
	buf w = {.n = 0};
	heap_header(&w, period);
	const uint64_t a[] = {12, 13};
	for (size_t i = 0; i < n; i++)
		sample(&w, a, 2, objs[i], objs[i] * size[i], size[i], 1);
	strings(&w);
	gg_heapprof p;
	gg_audit au = {0};
	gg_target t;
	gg_error err;
	size_t found = 0;
	if (gg_heapprof_parse(w.b, w.n, &p, &err) == GG_OK &&
	    gg_target_make("amd64", 22, &t, &err) == GG_OK && gg_audit_run(&t, &p, &au, &err) == GG_OK) {
		found = au.n;
		if (au.n)
			*out = au.sites[0];
	}
	gg_audit_free(&au);
	gg_heapprof_free(&p);
	return found;
}

/* Counts that rise along the steps are not one fill growing (exact
 * profile); a step missing from a sampled profile breaks the run only when
 * its neighbour's count says the runtime would have sampled it. */
static void test_counts_and_gaps(void)
{
	gg_audit_site s;
	const int64_t size[] = {32, 64, 128, 256, 512};
	const int64_t rising[] = {1, 2, 3, 4, 5}, falling[] = {5, 5, 4, 4, 1};
	CHECK_EQ_I(audit_steps(1, size, falling, 5, &s), 1);
	CHECK_EQ_I(s.count_rises, 0);
	CHECK_EQ_I(audit_steps(1, size, rising, 5, &s), 1);
	CHECK_EQ_I(s.count_rises, 4);
	CHECK_EQ_I(s.confidence, GG_CONF_LOW);
	/* 4096 missing between 2048 and 6784: 100 scaled objects of 2048 bytes
	 * make 0.8 samples expected at 4096, a million make 7800. */
	const int64_t big[] = {1024, 2048, 6784, 10240};
	const int64_t few[] = {100, 100, 100, 100}, many[] = {1000000, 1000000, 1000000, 1000000};
	CHECK_EQ_I(audit_steps(524288, big, few, 4, &s), 1);
	CHECK_EQ_I(s.steps, 4);
	CHECK_EQ_I(s.missing, 1);
	CHECK(s.bytes_err > 0);
	CHECK_EQ_I(audit_steps(524288, big, many, 4, &s), 0);
	CHECK_EQ_I(audit_steps(1, big, few, 4, &s), 0); /* exact: a missing step is missing */
}

int main(void)
{
	test_decode();
	test_bad_input();
	test_scale();
	test_match_slice();
	test_match_swiss();
	test_match_ambiguous();
	test_counts_and_gaps();
	return check_summary();
}
