/* Differential test of the runtime slice against real Go: every amd64 row
 * of tests/data/golden/growth.tsv and append.tsv (measured on go1.19.8,
 * format in tests/data/golden/README.md) is replayed on a gg_rt_slice whose
 * element is built from the type's layout, and every cap is compared with
 * the measured one and with the model's. Other arches are skipped: the
 * runtime only runs on the host's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gogrow/conform.h"
#include "gogrow/rt_slice.h"
#include "gogrow/types.h"

#define MAX_FIELDS 8

typedef struct row {
	char *f[MAX_FIELDS];
	int n;
} row;

/* Splits a TSV line in place; 0 for comments and the header. */
static int split(char *line, row *r)
{
	line[strcspn(line, "\r\n")] = 0;
	if (line[0] == '#' || strncmp(line, "go\t", 3) == 0 || !line[0])
		return 0;
	r->n = 0;
	for (char *p = line; p && r->n < MAX_FIELDS; r->n++) {
		r->f[r->n] = p;
		p = strchr(p, '\t');
		if (p)
			*p++ = 0;
	}
	return 1;
}

/* An allocator that keeps the last freed blocks for reuse: the probe's
 * arrays are up to 128 MiB, and fresh ones from the system cost a page
 * fault per 4 KiB (minutes under ASan). Any gg_rt_allocator must do. */
#define KEEP 4
static struct kept {
	void *p;
	size_t cap;
} kept[KEEP];

static void *reuse_alloc(void *ctx, size_t size, gg_scan noscan)
{
	(void)ctx;
	(void)noscan;
	for (int i = 0; i < KEEP; i++)
		if (kept[i].p && kept[i].cap >= size) {
			size_t *h = kept[i].p;
			kept[i].p = NULL;
			return h + 2;
		}
	size_t *h = malloc(size + 16);
	if (!h)
		return NULL;
	h[0] = size;
	return h + 2;
}

static void reuse_free(void *ctx, void *p, size_t size, gg_scan noscan)
{
	(void)ctx;
	(void)size;
	(void)noscan;
	size_t *h = (size_t *)p - 2;
	int slot = 0; /* an empty slot, else the smallest kept block */
	for (int i = 0; i < KEEP; i++)
		if (!kept[i].p || (kept[slot].p && kept[i].cap < kept[slot].cap))
			slot = i;
	if (kept[slot].p && kept[slot].cap >= h[0]) {
		free(h);
		return;
	}
	free(kept[slot].p);
	kept[slot] = (struct kept){h, h[0]};
}

static void reuse_release(void)
{
	for (int i = 0; i < KEEP; i++) {
		free(kept[i].p);
		kept[i].p = NULL;
	}
}

static const gg_rt_allocator reuse = {reuse_alloc, reuse_free, NULL, NULL, NULL, NULL};

/* The slice's configuration for a row's release and type. */
static int config_of(const char *rel, const char *type, gg_rt_slice_config *c)
{
	gg_error err;
	gg_typeexpr *te;
	gg_target t;
	gg_layout l;
	memset(c, 0, sizeof *c);
	if (gg_release_parse(rel, &c->go, &err) != GG_OK || gg_target_make("amd64", c->go, &t, &err) != GG_OK)
		return 0;
	if (gg_type_parse(type, &te, &err) != GG_OK)
		return 0;
	gg_status st = gg_layout_of(&t, gg_typeexpr_root(te), &l, &err);
	gg_typeexpr_free(te);
	c->elem = (gg_rt_elemtype){(size_t)l.size, (size_t)l.align, l.ptrdata == 0};
	c->alloc = &reuse;
	return st == GG_OK;
}

/* Bytes a row may make the slice hold (0: no limit); see main. */
static uint64_t limit;
static int replayed; /* append rows within the limit */

/* One element at a time, as the probe did; filling up to cap in one go
 * gives the same caps, because only an append at len == cap grows. Each
 * new cap must be the next one the row lists, and the model's too. With a
 * limit, the row is replayed up to it and its caps so far compared. */
static int growth_row(const row *r)
{
	gg_rt_slice_config c;
	if (!config_of(r->f[0], r->f[2], &c))
		return 0;
	gg_rt_slice s;
	gg_error err;
	if (gg_rt_slice_init(&s, &c, &err) != GG_OK)
		return 0;
	int64_t n = gg_golden_grow_len(c.elem.size);
	int full = 1;
	if (limit && c.elem.size && n > (int64_t)(limit / c.elem.size)) {
		n = (int64_t)(limit / c.elem.size);
		full = 0;
	}
	const char *want = r->f[3];
	int ok = 1;
	static const unsigned char zero[1 << 17];
	while (ok && s.len < n) {
		if (s.len < s.cap) {
			ok = gg_rt_slice_append_n(&s, NULL, (s.cap < n ? s.cap : n) - s.len, &err) == GG_OK;
			continue;
		}
		gg_grow g;
		char *end;
		long long w = strtoll(want, &end, 10);
		ok = gg_growslice(&s.sim.t, s.sim.e, s.len, s.cap, 1, &g, &err) == GG_OK &&
		     gg_rt_slice_append(&s, zero, &err) == GG_OK && s.cap == g.newcap;
		if (ok && (end == want || s.cap != w)) {
			fprintf(stderr, "growth %s at len %lld: cap %lld, want %.20s\n", r->f[2],
				(long long)s.len, (long long)s.cap, want);
			ok = 0;
		}
		want = *end == ',' ? end + 1 : end;
	}
	gg_rt_slice_free(&s);
	if (ok && full && *want) {
		fprintf(stderr, "growth %s: caps %s never reached\n", r->f[2], want);
		ok = 0;
	}
	return ok;
}

static int append_row(const row *r)
{
	gg_rt_slice_config c;
	if (!config_of(r->f[0], r->f[2], &c))
		return 0;
	int64_t len = atoll(r->f[3]), cap = atoll(r->f[4]), add = atoll(r->f[5]), want = atoll(r->f[6]);
	gg_rt_slice s;
	gg_error err;
	gg_grow g;
	if (limit && (uint64_t)want * c.elem.size > limit)
		return 1;
	replayed++;
	int ok = gg_rt_slice_make(&s, &c, len, cap, &err) == GG_OK &&
		 gg_growslice(&s.sim.t, s.sim.e, len, cap, add, &g, &err) == GG_OK &&
		 gg_rt_slice_append_n(&s, NULL, add, &err) == GG_OK;
	if (ok && (s.cap != want || g.newcap != want || s.len != len + add)) {
		fprintf(stderr, "append %s len %lld cap %lld add %lld: got %lld, model %lld, want %lld\n",
			r->f[2], (long long)len, (long long)cap, (long long)add, (long long)s.cap,
			(long long)g.newcap, (long long)want);
		ok = 0;
	}
	gg_rt_slice_free(&s);
	return ok;
}

/* Replays the amd64 rows of one file; returns how many there were and
 * how many distinct types they covered. */
static int replay(const char *dir, const char *name, int (*fn)(const row *), int ncols, int *types)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/golden/%s", dir, name);
	FILE *f = fopen(path, "r");
	CHECK(f != NULL);
	if (!f)
		return 0;
	char *line = NULL, last[512] = "";
	size_t cap = 0;
	int rows = 0, bad = 0;
	*types = 0;
	while (getline(&line, &cap, f) > 0) {
		row r;
		if (!split(line, &r) || r.n != ncols || strcmp(r.f[1], "amd64") != 0)
			continue;
		rows++;
		if (strcmp(last, r.f[2]) != 0) {
			snprintf(last, sizeof last, "%s", r.f[2]);
			++*types;
		}
		if (!fn(&r) && ++bad <= 10)
			fprintf(stderr, "%s: row %s %s failed\n", name, r.f[0], r.f[2]);
	}
	free(line);
	fclose(f);
	CHECK_EQ_I(bad, 0);
	return rows;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/data";
	/* Replaying every row in full moves about 100 GB through memory (the
	 * probe's arrays reach 128 MiB): minutes natively, hours under
	 * valgrind. By default a row stops at 4 MiB of elements; pass 0 as the
	 * second argument for the full replay. */
	limit = argc > 2 ? strtoull(argv[2], NULL, 10) : UINT64_C(4) << 20;
	int types;
	int rows = replay(dir, "growth.tsv", growth_row, 4, &types);
	printf("growth.tsv: %d amd64 rows, %d types (limit %llu bytes, 0: none)\n", rows, types,
	       (unsigned long long)limit);
	CHECK_EQ_I(types, 117); /* the README's count: every type has an amd64 row */
	CHECK_EQ_I(rows, types);
	rows = replay(dir, "append.tsv", append_row, 7, &types);
	printf("append.tsv: %d amd64 rows, %d types (%d replayed)\n", rows, types, replayed);
	CHECK_EQ_I(types, 28);
	CHECK(rows > types);
	CHECK(replayed > rows / 2);
	reuse_release();
	return check_summary();
}
