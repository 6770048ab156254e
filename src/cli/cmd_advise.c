/* gogrow advise '[]T' --n N: the make() capacity that avoids regrowth and
 * fills its size class, and what it saves against growing from empty.
 * With --pattern L1,L2,...: the lengths the slice reaches in different runs;
 * each candidate capacity is scored by the heap bytes all runs allocate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "gogrow/map.h"

typedef struct cost {
	int64_t grows;	    /* growslice calls (each one copies the old array) */
	uint64_t allocated; /* heap bytes of every allocation */
	uint64_t copied;    /* bytes copied by the growths */
	int64_t cap;	    /* final cap */
} cost;

/* Append one at a time to make([]T, 0, start) until length n. */
static gg_status run(const gg_target *tg, gg_elem e, int64_t start, int64_t n, cost *c, gg_error *err)
{
	gg_slicestate s;
	memset(c, 0, sizeof *c);
	uint64_t first = 0;
	if (start > 0) {
		gg_status st = gg_makeslice(tg, e, 0, start, &first, err);
		if (st != GG_OK)
			return st;
	}
	c->allocated = first;
	gg_slice_start(&s, tg, e, GG_ESC_HEAP, 0, start);
	int64_t last = n - 1 < gg_target_maxint(tg) ? n - 1 : gg_target_maxint(tg);
	if (e.size == 0 && last > s.cap) {
		/* A zero-size slice grows by one at every append, allocating and
		 * copying nothing: count those growths instead of making them. */
		c->grows += last - s.cap;
		s.len = s.cap = last;
	}
	while (s.len < n) {
		if (s.len < s.cap) {
			s.len = s.cap < n ? s.cap : n;
			continue;
		}
		gg_grow g;
		int64_t oldlen = s.len;
		gg_status st = gg_slice_append(&s, 1, &g, err);
		if (st != GG_OK)
			return st;
		c->grows++;
		c->allocated += g.alloc;
		c->copied += (uint64_t)oldlen * e.size;
	}
	c->cap = s.cap;
	return GG_OK;
}

static int advise_n(const gg_target *tg, gg_elem e, int64_t n, const char *type, cli_format fmt)
{
	gg_error err = {0};
	cost grow, exact;
	if (run(tg, e, 0, n, &grow, &err) != GG_OK || run(tg, e, n, n, &exact, &err) != GG_OK) {
		cli_gg_error(&err);
		return cli_exit(err.code);
	}
	int64_t fill = e.size ? (int64_t)(gg_roundupsize(tg, (uint64_t)n * e.size, e.noscan) / e.size) : n;
	char gb[16];
	cli_go_name(tg->go, gb);
	if (fmt == FMT_JSON) {
		json_w w;
		jw_begin(&w, stdout);
		jw_obj(&w, NULL);
		jw_s(&w, "command", "advise");
		jw_s(&w, "type", type);
		jw_s(&w, "go", gb);
		jw_s(&w, "arch", tg->arch->name);
		jw_i(&w, "n", n);
		jw_i(&w, "advised_cap", fill);
		jw_u(&w, "advised_bytes", exact.allocated);
		jw_i(&w, "grow_from_empty_growths", grow.grows);
		jw_u(&w, "grow_from_empty_allocated", grow.allocated);
		jw_u(&w, "grow_from_empty_copied", grow.copied);
		jw_i(&w, "grow_from_empty_cap", grow.cap);
		jw_end_obj(&w);
		jw_finish(&w);
		return EXIT_OK;
	}
	printf("%s on %s/%s, %lld elements of %llu bytes\n", type, gb, tg->arch->name, (long long)n,
	       (unsigned long long)e.size);
	printf("  advice: make(%s, 0, %lld)%s\n", type, (long long)fill,
	       fill > n ? "  (the allocation for n has room for this many: same bytes)" : "");
	printf("  with make: 1 allocation of %llu bytes, no copy\n", (unsigned long long)exact.allocated);
	printf("  growing from empty: %lld growths, %llu bytes allocated in all, %llu bytes copied, final "
	       "cap %lld\n",
	       (long long)grow.grows, (unsigned long long)grow.allocated, (unsigned long long)grow.copied,
	       (long long)grow.cap);
	printf("  saved: %llu bytes allocated (%.1fx less), %lld growslice calls avoided\n",
	       (unsigned long long)(grow.allocated - exact.allocated),
	       exact.allocated ? (double)grow.allocated / (double)exact.allocated : 0.0,
	       (long long)grow.grows);
	return EXIT_OK;
}

static int advise_pattern(const gg_target *tg, gg_elem e, const char *pattern, const char *type,
			  cli_format fmt)
{
	int64_t lens[64];
	int nl = 0;
	char buf[1024];
	snprintf(buf, sizeof buf, "%s", pattern);
	char *save = NULL;
	for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (nl == 64) {
			cli_error("--pattern: at most 64 lengths");
			return EXIT_USAGE;
		}
		if (!cli_int("--pattern", tok, &lens[nl]))
			return EXIT_USAGE;
		if (lens[nl] < 0) {
			cli_error("--pattern: lengths must not be negative");
			return EXIT_USAGE;
		}
		nl++;
	}
	if (nl == 0) {
		cli_error("--pattern needs a comma-separated list of lengths");
		return EXIT_USAGE;
	}
	/* Candidates: no make, and each pattern length filled to its class. */
	int64_t cands[65];
	int nc = 0;
	cands[nc++] = 0;
	for (int i = 0; i < nl; i++) {
		int64_t c = e.size
				? (int64_t)(gg_roundupsize(tg, (uint64_t)lens[i] * e.size, e.noscan) / e.size)
				: lens[i];
		int dup = 0;
		for (int k = 0; k < nc; k++)
			dup |= cands[k] == c;
		if (!dup)
			cands[nc++] = c;
	}
	out_table tab;
	table_init(&tab);
	const char *heads[] = {"make cap", "allocated", "copied", "growths", "note"};
	for (int i = 0; i < 5; i++)
		table_col(&tab, heads[i], i < 4);
	int best = -1;
	cost totals[65];
	for (int k = 0; k < nc; k++) {
		totals[k] = (cost){0};
		for (int i = 0; i < nl; i++) {
			cost one;
			gg_error err = {0};
			if (run(tg, e, cands[k], lens[i], &one, &err) != GG_OK) {
				cli_gg_error(&err);
				table_free(&tab);
				return cli_exit(err.code);
			}
			totals[k].allocated += one.allocated;
			totals[k].copied += one.copied;
			if (__builtin_add_overflow(totals[k].grows, one.grows, &totals[k].grows)) {
				/* Zero-size elements: a growth per element, in every run. */
				cli_error("--pattern: the growslice calls of all runs do not fit in int64");
				table_free(&tab);
				return EXIT_USAGE;
			}
		}
		if (best < 0 || totals[k].allocated < totals[best].allocated ||
		    (totals[k].allocated == totals[best].allocated && totals[k].grows < totals[best].grows))
			best = k;
	}
	for (int k = 0; k < nc; k++) {
		char a[24], b[24], c[24], d[24];
		snprintf(a, sizeof a, "%lld", (long long)cands[k]);
		snprintf(b, sizeof b, "%llu", (unsigned long long)totals[k].allocated);
		snprintf(c, sizeof c, "%llu", (unsigned long long)totals[k].copied);
		snprintf(d, sizeof d, "%lld", (long long)totals[k].grows);
		const char *row[] = {a, b, c, d, k == best ? "<- least bytes" : ""};
		table_row(&tab, row);
	}
	if (fmt == FMT_TEXT)
		printf("%s, %d runs reaching lengths %s (totals over all runs)\n", type, nl, pattern);
	table_print(&tab, fmt, stdout);
	table_free(&tab);
	return EXIT_OK;
}

typedef struct growcount {
	int64_t steps;
	uint64_t last_total;
} growcount;

static void count_step(void *ctx, const gg_mapstep *st)
{
	growcount *g = ctx;
	g->steps++;
	g->last_total = st->total;
}

/* Maps: the hint that avoids every growth up to n keys, against inserting
 * into make(map[K]V) with no hint. */
/* What advise says of a map: the figures with the hint and growing from
 * empty, and how sure each is. */
typedef struct advice {
	int64_t n;
	uint64_t make_bytes; /* what make(map, n) allocates */
	uint64_t entries;    /* per-key objects (keys or elems over 128 bytes) */
	uint64_t with;	     /* bytes allocated with make(map, n) and n inserts */
	uint64_t from_empty; /* the same from make(map): exact, or the simulation's median */
	int64_t steps;	     /* deterministic growth steps from empty */
	int seeded;	     /* from_empty depends on the hash seed */
	int simulated;	     /* ... and was simulated (else it is unknown) */
	int64_t runs;
	gg_dist sim;
	int ignored; /* the runtime drops the hint */
} advice;

/* Past the exact range (Swiss splits), or for classic overflow buckets, the
 * bytes depend on the hash seed: simulate, with as many runs as the
 * simulations take; none fits when n alone is past their limit. */
static gg_status simulate_from_empty(const gg_maptype *mt, advice *a, gg_error *err)
{
	int64_t n = a->n;
	a->runs = n > 0 ? 20000000 / n : 101;
	a->runs = a->runs > 101 ? 101 : a->runs < 11 ? 11 : a->runs;
	if (n > 0 && a->runs > GG_SEEDED_MAX_WORK / n)
		a->runs = GG_SEEDED_MAX_WORK / n;
	if (!a->seeded || a->runs == 0)
		return GG_OK;
	gg_status st;
	if (mt->impl == GG_MAP_SWISS) {
		gg_swiss_seeded_runs ms;
		st = gg_swiss_seeded(mt, 0, n, (int)a->runs, 1, &ms, err);
		a->sim = ms.total;
	} else {
		gg_classic_seeded_runs cs;
		st = gg_classic_seeded(mt, 0, n, (int)a->runs, 1, &cs, err);
		a->sim = cs.total;
	}
	a->simulated = st == GG_OK;
	if (a->simulated)
		a->from_empty = a->sim.median;
	return st;
}

static void map_advice_json(const advice *a, const char *type, const gg_target *tg)
{
	char gb[16];
	json_w w;
	jw_begin(&w, stdout);
	jw_obj(&w, NULL);
	jw_s(&w, "command", "advise");
	jw_s(&w, "type", type);
	jw_s(&w, "go", cli_go_name(tg->go, gb));
	jw_s(&w, "arch", tg->arch->name);
	jw_i(&w, "n", a->n);
	jw_b(&w, "hint_ignored", a->ignored);
	if (a->ignored)
		jw_null(&w, "advised_hint");
	else
		jw_i(&w, "advised_hint", a->n);
	jw_u(&w, "advised_bytes", a->with);
	jw_i(&w, "grow_from_empty_steps", a->steps);
	if (a->seeded && !a->simulated)
		jw_null(&w, "grow_from_empty_allocated");
	else
		jw_u(&w, "grow_from_empty_allocated", a->from_empty);
	jw_b(&w, "grow_from_empty_simulated", a->simulated);
	if (a->simulated) {
		jw_obj(&w, "grow_from_empty_simulation");
		jw_i(&w, "runs", a->runs);
		jw_u(&w, "min", a->sim.min);
		jw_u(&w, "median", a->sim.median);
		jw_u(&w, "max", a->sim.max);
		jw_end_obj(&w);
	}
	jw_end_obj(&w);
	jw_finish(&w);
}

static void map_advice_text(const advice *a, const gg_maptype *mt, const char *type, const gg_target *tg)
{
	char gb[16];
	printf("%s on %s/%s, %lld distinct keys (%s)\n", type, cli_go_name(tg->go, gb), tg->arch->name,
	       (long long)a->n, mt->impl == GG_MAP_SWISS ? "swiss tables" : "classic buckets");
	if (a->ignored)
		printf(
		    "  no hint helps: the runtime ignores the hint of make(%s, %lld) on %s (its storage\n"
		    "  would pass maxAlloc): make allocates as with no hint and the map grows all the same\n",
		    type, (long long)a->n, tg->arch->name);
	else {
		printf("  advice: make(%s, %lld)\n", type, (long long)a->n);
		printf("  with the hint: %llu bytes allocated by make%s, no growth up to %lld keys\n",
		       (unsigned long long)a->make_bytes, a->entries ? " (plus the per-key objects)" : "",
		       (long long)a->n);
	}
	if (mt->impl == GG_MAP_CLASSIC)
		printf("  (inserts may still take overflow buckets past the preallocated spares: hash "
		       "dependent)\n");
	if (a->simulated)
		printf("  growing from empty: %lld deterministic growth steps; bytes allocated in all depend "
		       "on the\n"
		       "  hash seed: SIMULATION over %lld seeds: min %llu, median %llu, max %llu\n",
		       (long long)a->steps, (long long)a->runs, (unsigned long long)a->sim.min,
		       (unsigned long long)a->sim.median, (unsigned long long)a->sim.max);
	else if (a->seeded)
		printf(
		    "  growing from empty: %lld deterministic growth steps; past them the bytes depend on "
		    "the hash\n  seed, and one run of %lld inserts is past what gogrow simulates (%lld): not "
		    "estimated\n",
		    (long long)a->steps, (long long)a->n, (long long)GG_SEEDED_MAX_WORK);
	else
		printf("  growing from empty: %lld growth steps, %llu bytes allocated in all (exact)\n",
		       (long long)a->steps, (unsigned long long)a->from_empty);
	if (!a->ignored && (a->simulated || !a->seeded) && a->from_empty > a->with)
		printf("  saved: %llu bytes allocated%s (%.1fx less), %lld growth steps avoided\n",
		       (unsigned long long)(a->from_empty - a->with), a->simulated ? " (median)" : "",
		       (double)a->from_empty / (double)a->with, (long long)a->steps);
}

static int advise_map(const gg_type *t, const gg_target *tg, int64_t n, const char *type, cli_format fmt)
{
	gg_error err = {0};
	gg_maptype mt;
	gg_mapmake withhint;
	gg_mapgrowth grow;
	growcount gc = {0};
	if (gg_map_type(tg, t, 0, &mt, &err) != GG_OK || gg_makemap(&mt, n, 0, &withhint, &err) != GG_OK ||
	    gg_mapgrow(&mt, 0, n, count_step, &gc, &grow, &err) != GG_OK) {
		cli_gg_error(&err);
		return cli_exit(err.code);
	}
	advice a = {.n = n, .make_bytes = withhint.bytes, .entries = gg_map_entry_bytes(&mt) * (uint64_t)n};
	a.with = withhint.bytes + a.entries;
	a.from_empty = gc.steps ? gc.last_total : grow.make.bytes + a.entries;
	a.steps = gc.steps;
	a.seeded = (mt.impl == GG_MAP_SWISS && n > grow.exact_until) || mt.impl == GG_MAP_CLASSIC;
	if (simulate_from_empty(&mt, &a, &err) != GG_OK) {
		cli_gg_error(&err);
		return cli_exit(err.code);
	}
	/* The runtime drops a hint whose storage would pass maxAlloc (or
	 * overflow): make then allocates as with no hint and the map grows. */
	a.ignored = withhint.hint_used != n;
	if (a.ignored)
		a.with = a.from_empty;
	if (fmt == FMT_JSON)
		map_advice_json(&a, type, tg);
	else
		map_advice_text(&a, &mt, type, tg);
	return EXIT_OK;
}

int cmd_advise(int argc, char **argv)
{
	cli_common c;
	int64_t n = -1;
	const char *pattern = NULL;
	cli_opt extra[] = {
	    {"--n", OPT_INT, &n, NULL}, {"--pattern", OPT_STR, &pattern, NULL}, {NULL, 0, NULL, NULL}};
	if (!cli_parse("advise", argc, argv, extra, &c))
		return cli_usage_error("advise");
	if (c.npos != 1 || (n < 0 && !pattern)) {
		cli_error("advise needs a slice type and --n N (or --pattern L1,L2,...)");
		return cli_usage_error("advise");
	}
	if (!cli_targets(&c))
		return EXIT_USAGE;
	if (c.ntargets != 1) {
		cli_error("advise answers for one release and arch at a time");
		return EXIT_USAGE;
	}
	gg_typeexpr *e = cli_type(c.pos[0]);
	if (!e)
		return EXIT_USAGE;
	const gg_type *root = gg_typeexpr_root(e);
	if (root->kind == GG_MAP) {
		int r = EXIT_USAGE;
		if (pattern || n < 0)
			cli_error("for a map type, advise takes --n N (the number of distinct keys)");
		else
			r = advise_map(root, &c.targets[0], n, c.pos[0], c.fmt);
		gg_typeexpr_free(e);
		return r;
	}
	const gg_type *elem = cli_slice_elem(root, c.pos[0]);
	int rc = EXIT_USAGE;
	gg_elem el;
	gg_error err = {0};
	if (elem && gg_elem_of(&c.targets[0], elem, &el, &err) != GG_OK)
		cli_gg_error(&err);
	else if (elem)
		rc = pattern ? advise_pattern(&c.targets[0], el, pattern, c.pos[0], c.fmt)
			     : advise_n(&c.targets[0], el, n, c.pos[0], c.fmt);
	gg_typeexpr_free(e);
	return rc;
}
