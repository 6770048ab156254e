/* gogrow map as text and TSV: make's detail or a summary table, growth
 * steps, the simulations' min / median / max, churn; and the SVG of the
 * live bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/out/write.h"

/* puts on a sink: the line and its newline. */
static void line(out_sink *o, const char *s)
{
	sink_puts(o, s);
	sink_putc(o, '\n');
}

static void print_stack_saving(const map_result *r, out_sink *o)
{
	if (r->stack_saving)
		sink_printf(o,
			    "(--escape stack: %llu bytes less than a heap map in every run: the header%s)\n",
			    (unsigned long long)r->stack_saving,
			    r->m.impl == GG_MAP_CLASSIC ? " and the first bucket, when on the stack"
							: " and the first group, when on the stack");
}

static const char *u64s(char *b, uint64_t v)
{
	snprintf(b, 24, "%llu", (unsigned long long)v);
	return b;
}

static const char *i64s(char *b, int64_t v)
{
	snprintf(b, 24, "%lld", (long long)v);
	return b;
}

const char *impl_name(gg_mapimpl i)
{
	return i == GG_MAP_CLASSIC ? "classic" : "swiss";
}

static void print_storage(const gg_maptype *m, out_sink *o)
{
	sink_printf(o, "  key %llu B%s, elem %llu B%s\n", (unsigned long long)m->key.size,
		    m->indirect_key ? " (stored as a pointer: over 128 bytes)" : "",
		    (unsigned long long)m->elem.size,
		    m->indirect_elem ? " (stored as a pointer: over 128 bytes)" : "");
	if (m->impl == GG_MAP_CLASSIC) {
		sink_printf(
		    o,
		    "  bucket: tophash [8]uint8 @0, keys [8]%llu B @%llu, elems [8]%llu B @%llu, overflow "
		    "@%llu"
		    " = %llu B, %s\n",
		    (unsigned long long)m->kslot.size, (unsigned long long)m->keys_off,
		    (unsigned long long)m->eslot.size, (unsigned long long)m->elems_off,
		    (unsigned long long)m->overflow_off, (unsigned long long)m->bucket_size,
		    m->bucket_noscan ? "noscan (overflow pointers kept in mapextra)" : "has pointers");
		sink_printf(o, "  hmap header %llu B\n", (unsigned long long)m->header_size);
	} else {
		sink_printf(
		    o, "  slot: key @0, elem @%llu = %llu B; group: ctrl uint64 + 8 slots = %llu B, %s\n",
		    (unsigned long long)m->slot_elem_off, (unsigned long long)m->slot_size,
		    (unsigned long long)m->group_size, m->group_noscan ? "noscan" : "has pointers");
		sink_printf(o, "  Map header %llu B, table %llu B\n", (unsigned long long)m->header_size,
			    (unsigned long long)m->table_size);
	}
}

/* What --escape stack put on the stack, and what that changes. */
static void print_stack_note(const gg_maptype *m, const gg_mapmake *mk, out_sink *o)
{
	if (!mk->stack)
		return;
	int classic = m->impl == GG_MAP_CLASSIC;
	sink_printf(o, "on the stack (the map does not escape): the %s header", classic ? "hmap" : "Map");
	if (mk->stack_storage)
		sink_printf(o,
			    " and one %s, %llu bytes;\nthe first growth (9th key) allocates %s on the heap\n",
			    classic ? "bucket" : "group", (unsigned long long)mk->stack_bytes,
			    classic ? "2 buckets" : "a 16-slot table");
	else
		sink_printf(o, ", %llu bytes;\nthe hint is over 8, so makemap allocates the %s on the heap\n",
			    (unsigned long long)mk->stack_bytes, classic ? "buckets" : "storage");
}

static void print_make_detail(const map_result *r, const map_answer *q, out_sink *o)
{
	const gg_maptype *m = &r->m;
	const gg_mapmake *mk = &r->mk;
	int64_t hint = q->hint;
	char gb[16];
	sink_printf(o, "%s/%s %s: %s\n", cli_go_name(m->t.go, gb), m->t.arch->name, q->type,
		    m->impl == GG_MAP_CLASSIC ? "classic hash map (hmap + buckets)"
					      : "Swiss tables (Map + directory of tables)");
	print_storage(m, o);
	sink_printf(o, "make(%s, %lld)", q->type, (long long)hint);
	if (mk->hint_used != hint)
		sink_printf(o,
			    ": the runtime treats this hint as 0 (negative, or its storage would overflow or "
			    "exceed maxAlloc)");
	if (m->impl == GG_MAP_CLASSIC) {
		if (mk->B == 0)
			sink_printf(o, "%s B = 0: %s\n", mk->hint_used != hint ? ";" : ":",
				    mk->stack_storage ? "its one bucket is on the stack"
						      : "no buckets until the first insert allocates one");
		else
			sink_printf(
			    o,
			    ": B = %d (%llu buckets hold %lld keys at load factor %s)%s, %llu buckets "
			    "allocated%s\n",
			    mk->B, 1ULL << mk->B, (long long)r->grow_at - 1, m->t.go == 21 ? "6.0" : "6.5",
			    mk->spare ? " + spare overflow buckets" : "", (unsigned long long)mk->nbuckets,
			    mk->spare ? " (size-class rounded)" : "");
	} else {
		if (mk->dirlen == 0)
			sink_printf(o, "%s no table: %s\n", mk->hint_used != hint ? ";" : ":",
				    mk->stack_storage
					? "the small map's group (8 slots) is on the stack"
					: "the first insert allocates one group (a small map of 8 slots)");
		else
			sink_printf(
			    o,
			    ": %lld*8/7 = %llu slots -> %llu table%s of %llu slots (%llu groups), each "
			    "takes %llu keys "
			    "before it grows\n",
			    (long long)mk->hint_used, (unsigned long long)mk->target,
			    (unsigned long long)mk->dirlen, mk->dirlen > 1 ? "s" : "",
			    (unsigned long long)mk->table_cap,
			    (unsigned long long)mk->table_cap / GG_MAP_SLOTS,
			    (unsigned long long)mk->growth_left);
	}
	out_table tab;
	table_init(&tab);
	const char *heads[] = {"object", "count", "size", "bytes", "class", "header", "noscan"};
	for (int i = 0; i < 7; i++)
		table_col(&tab, heads[i], i >= 1 && i <= 4);
	for (int i = 0; i < mk->nallocs; i++) {
		const gg_mapalloc *a = &mk->allocs[i];
		char n[24], s[24], b[24], cl[24];
		snprintf(cl, sizeof cl, "%d", a->sizeclass);
		const char *cells[] = {a->what,
				       u64s(n, a->count),
				       u64s(s, a->size),
				       u64s(b, a->bytes),
				       a->sizeclass ? cl : "large",
				       a->header ? "yes" : "no",
				       a->noscan ? "yes" : "no"};
		table_row(&tab, cells);
	}
	if (mk->nallocs) {
		table_print(&tab, FMT_TEXT, o);
	}
	table_free(&tab);
	sink_printf(o,
		    "total: %llu bytes in %llu allocations (MemStats.TotalAlloc and Mallocs of the make)\n",
		    (unsigned long long)mk->bytes, (unsigned long long)mk->mallocs);
	print_stack_note(m, mk, o);
	uint64_t ow = r->small_overwrite;
	if (m->impl == GG_MAP_SWISS)
		sink_printf(o, "note: assigning to an existing key of a full 8-entry small map %s\n",
			    ow ? "still turns it into a 16-slot table in this release"
			       : "updates in place from go1.27");
	if (ow)
		sink_printf(o, "      (%llu bytes; fixed in go1.27)\n", (unsigned long long)ow);
}

static void make_summary(out_table *tab)
{
	const char *heads[] = {"go", "arch",   "impl",	"bucket/group", "hint",
			       "B",  "tables", "slots", "bytes",	"mallocs"};
	for (int i = 0; i < 10; i++)
		table_col(tab, heads[i], i >= 3);
}

static void make_summary_row(out_table *tab, const map_result *r, int64_t hint)
{
	char gb[16], st[24], h[24], B[24], t[24], sl[24], by[24], ml[24];
	cli_go_name(r->go, gb);
	if (r->st != GG_OK) {
		/* The message went to stderr; keep the table narrow. */
		const char *cells[] = {gb, r->arch, "error", "", "", "", "", "", "", ""};
		table_row(tab, cells);
		return;
	}
	const gg_maptype *m = &r->m;
	const gg_mapmake *mk = &r->mk;
	int classic = m->impl == GG_MAP_CLASSIC;
	u64s(st, classic ? m->bucket_size : m->group_size);
	const char *cells[] = {gb,
			       r->arch,
			       impl_name(m->impl),
			       st,
			       i64s(h, hint),
			       classic ? i64s(B, mk->B) : "-",
			       classic ? "-" : u64s(t, mk->dirlen),
			       classic ? u64s(sl, mk->B ? (UINT64_C(1) << mk->B) * GG_MAP_SLOTS : 0)
				       : u64s(sl, mk->dirlen * mk->table_cap),
			       u64s(by, mk->bytes),
			       u64s(ml, mk->mallocs)};
	table_row(tab, cells);
}

/* Step table columns: all of them with go/arch/impl for TSV (several
 * targets in one table), else the ones that mean something for the
 * implementation. */
static const char *const grow_heads[] = {"go",	   "arch",    "impl",	"count",    "event",
					 "B",	   "buckets", "tables", "capacity", "alloc",
					 "before", "during",  "after",	"total"};
static const int grow_all[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, -1};
static const int grow_classic[] = {3, 4, 5, 6, 8, 9, 10, 11, 12, 13, -1};
static const int grow_swiss[] = {3, 4, 7, 8, 9, 10, 11, 12, 13, -1};

static const int *grow_sel(const map_result *r, int with_target)
{
	return with_target ? grow_all : r->m.impl == GG_MAP_CLASSIC ? grow_classic : grow_swiss;
}

static void grow_cols(out_table *tab, const int *sel)
{
	for (; *sel >= 0; sel++)
		table_col(tab, grow_heads[*sel], *sel == 3 || *sel >= 5);
}

static void grow_row(out_table *tab, const map_result *r, const gg_mapstep *s, const int *sel)
{
	char gb[16], cnt[24], B[24], nb[24], t[24], cap[24], al[24], be[24], du[24], af[24], to[24];
	int classic = r->m.impl == GG_MAP_CLASSIC;
	const char *cells[] = {cli_go_name(r->m.t.go, gb),
			       r->m.t.arch->name,
			       impl_name(r->m.impl),
			       i64s(cnt, s->count),
			       gg_mapevent_name(s->ev),
			       classic ? i64s(B, s->B) : "-",
			       classic ? u64s(nb, s->nbuckets) : "-",
			       classic ? "-" : u64s(t, s->ev == GG_EV_SMALL ? 0 : s->tables),
			       u64s(cap, classic ? (UINT64_C(1) << s->B) * GG_MAP_SLOTS : s->capacity),
			       u64s(al, s->alloc),
			       u64s(be, s->before),
			       u64s(du, s->during),
			       u64s(af, s->after),
			       u64s(to, s->total)};
	const char *row[14];
	int n = 0;
	for (; *sel >= 0; sel++)
		row[n++] = cells[*sel];
	table_row(tab, row);
}

static void print_grow_text(const map_result *r, const map_answer *q, out_sink *o)
{
	char gb[16];
	const gg_maptype *m = &r->m;
	int64_t hint = q->hint, n = q->n;
	sink_printf(o, "%s/%s %s (%s): %lld distinct keys into make(m, %lld) of %llu bytes\n",
		    cli_go_name(m->t.go, gb), m->t.arch->name, q->type, impl_name(m->impl), (long long)n,
		    (long long)hint, (unsigned long long)r->g.make.bytes);
	print_stack_note(m, &r->g.make, o);
	if (r->n) {
		out_table tab;
		table_init(&tab);
		grow_cols(&tab, grow_sel(r, 0));
		for (size_t i = 0; i < r->n; i++)
			grow_row(&tab, r, &r->steps[i], grow_sel(r, 0));
		table_print(&tab, FMT_TEXT, o);
		table_free(&tab);
	} else
		sink_printf(o, "no growth step\n");
	if (r->g.exact_until < n)
		sink_printf(o, "exact up to %lld keys; %s\n", (long long)r->g.exact_until,
			    m->impl == GG_MAP_SWISS
				? "after that, which table fills first and when it splits depend on the "
				  "hash seed\n(--sim R simulates R maps to show the spread)"
				: "after that growth depends on the hash seed");
	if (m->impl == GG_MAP_CLASSIC && r->n && !r->simulated && !r->g.make.stack)
		line(o, "(--sim R simulates R maps: overflow buckets and same-size grows, with their bytes)");
	if (r->entry_bytes && r->n)
		sink_printf(
		    o,
		    "before/during/after/total include the %llu bytes each insert allocates for the key "
		    "or elem\n"
		    "stored through a pointer; alloc is the map's own storage.\n",
		    (unsigned long long)r->entry_bytes);
	if (m->impl == GG_MAP_CLASSIC && r->n)
		line(o,
		     "buckets: the new array, preallocated overflow buckets included; capacity: 8 slots per "
		     "bucket\n"
		     "of 2^B. bytes: hmap, bucket arrays and mapextra; overflow buckets beyond the "
		     "preallocated\n"
		     "spares depend on the hash seed and are not counted. 'during' holds while old buckets "
		     "are\n"
		     "evacuated (at least one per later write); 'after' once the old array is garbage.");
	else if (r->n)
		line(o,
		     "'during' is the moment both the old and the new table are referenced; 'after' once the "
		     "old one\n"
		     "is garbage.");
	if (r->small_overwrite && r->g.make.dirlen == 0 && n >= GG_MAP_SLOTS)
		sink_printf(
		    o,
		    "note: here only new keys are inserted; in this release an update of an existing key "
		    "in a\n"
		    "full 8-entry small map also turns it into a 16-slot table (%llu bytes; not from "
		    "go1.27)\n",
		    (unsigned long long)r->small_overwrite);
}

/* A row of a min / median / max table; a NULL distribution is left out. */
typedef struct dist_row {
	const char *name;
	const gg_dist *d;
} dist_row;

static void print_dist_rows(const dist_row *rows, size_t n, out_sink *o)
{
	out_table tab;
	table_init(&tab);
	const char *heads[] = {"", "min", "median", "max"};
	for (int i = 0; i < 4; i++)
		table_col(&tab, heads[i], i > 0);
	for (size_t i = 0; i < n; i++) {
		char a[24], b[24], c[24];
		if (!rows[i].d)
			continue;
		const char *cells[] = {rows[i].name, u64s(a, rows[i].d->min), u64s(b, rows[i].d->median),
				       u64s(c, rows[i].d->max)};
		table_row(&tab, cells);
	}
	table_print(&tab, FMT_TEXT, o);
	table_free(&tab);
}

static void print_sim(const map_result *r, out_sink *o)
{
	if (!r->simulated || r->sim_st != GG_OK)
		return; /* the error went to stderr */
	const gg_swiss_seeded_runs *s = &r->sim;
	const gg_classic_seeded_runs *cs = &r->csim;
	int classic = r->m.impl == GG_MAP_CLASSIC;
	sink_printf(
	    o,
	    "SIMULATION, not exact: %d maps with random hashes (seed %llu; Go's real hash is seeded at "
	    "random,\n"
	    "so this is its distribution, not a prediction of one run). At %lld keys, min / median / max:\n",
	    classic ? cs->runs : s->runs, (unsigned long long)(classic ? cs->seed : s->seed),
	    (long long)(classic ? cs->n : s->n));
	const gg_dist *split2 = s->split2_runs ? &s->split2 : NULL;
	const dist_row srows[] = {{"tables", &s->tables},   {"directory", &s->dirlen},
				  {"slots", &s->capacity},  {"TotalAlloc", &s->total},
				  {"live bytes", &s->live}, {"2nd split at", split2}};
	const dist_row crows[] = {{"B", &cs->B},
				  {"overflow buckets", &cs->overflow},
				  {"  allocated singly", &cs->newoverflow},
				  {"same-size grows", &cs->samesize},
				  {"last grow at", &cs->lastgrow},
				  {"TotalAlloc", &cs->total}};
	print_dist_rows(classic ? crows : srows, 6, o);
	if (!classic && s->split2_runs && s->split2_runs < s->runs)
		sink_printf(o, "(2nd split: in %d of %d runs)\n", s->split2_runs, s->runs);
	if (classic)
		line(o, "TotalAlloc includes hmap, bucket arrays, overflow buckets, mapextra and the []*bmap "
			"that keeps\n"
			"the overflow buckets of noscan maps alive.");
	print_stack_saving(r, o);
	line(o, out_hash_assumption);
}

static void print_churn(const map_result *r, const map_answer *q, out_sink *o)
{
	char gb[16];
	const gg_maptype *m = &r->m;
	int64_t hint = q->hint, n = q->cn, k = q->ck;
	sink_printf(
	    o,
	    "%s/%s %s (%s): make(m, %lld), %lld inserts, then %lld times delete the oldest key and insert "
	    "a new one\n",
	    cli_go_name(m->t.go, gb), m->t.arch->name, q->type, impl_name(m->impl), (long long)hint,
	    (long long)n, (long long)k);
	if (m->impl == GG_MAP_CLASSIC) {
		int B = r->churn_B;
		sink_printf(
		    o,
		    "exact: B stays %d (%llu buckets): deletes never shrink a classic map and len never "
		    "exceeds %lld,\n"
		    "so no load-factor grow happens during the churn.\n",
		    B, 1ULL << B, (long long)n);
		if (r->sim_st != GG_OK)
			return;
		const gg_classic_seeded_runs *cs = &r->csim;
		sink_printf(
		    o,
		    "SIMULATION, not exact: %d maps with random hashes (seed %llu). A delete leaves a "
		    "hole that a\n"
		    "later insert into the same bucket chain fills; a full chain takes an overflow "
		    "bucket, and\n"
		    "2^min(B,15) of them since the last grow start a same-size grow (which depends on the "
		    "hash\n"
		    "seed). At the end, min / median / max:\n",
		    cs->runs, (unsigned long long)cs->seed);
		const dist_row rows[] = {{"same-size grows", &cs->samesize},
					 {"overflow buckets", &cs->overflow},
					 {"  allocated singly", &cs->newoverflow},
					 {"TotalAlloc", &cs->total}};
		print_dist_rows(rows, sizeof rows / sizeof rows[0], o);
		line(o, "TotalAlloc is make, fill and churn: hmap, bucket arrays, overflow buckets, mapextra "
			"and the\n"
			"[]*bmap that keeps a noscan map's overflow buckets alive.");
		print_stack_saving(r, o);
		line(o, out_hash_assumption);
		return;
	}
	if (r->sim_st != GG_OK)
		return;
	const gg_mapchurn *s = &r->churn;
	sink_printf(
	    o,
	    "SIMULATION, not exact: %d maps with random hashes (seed %llu); which groups are full, and so "
	    "which\n"
	    "deletes leave tombstones, depends on Go's random hash seed.\n%s\nAt the end, min / median / "
	    "max:\n",
	    s->runs, (unsigned long long)s->seed,
	    m->t.go >= 25
		? "go1.25+: pruneTombstones turns unneeded tombstones back into empty slots, when that\n"
		  "reclaims 10% of a table, before the table would grow."
		: "go1.24: tombstones keep their share of the growth budget until the table rehashes\n"
		  "(doubles, or splits at 1024 slots), so a churning map grows at constant len.");
	const dist_row rows[] = {{"tables", &s->tables},     {"directory", &s->dirlen},
				 {"slots", &s->capacity},    {"tombstones", &s->tombstones},
				 {"TotalAlloc", &s->total},  {"live bytes", &s->live},
				 {"rehashes", &s->rehashes}, {"prunes", m->t.go >= 25 ? &s->prunes : NULL}};
	print_dist_rows(rows, sizeof rows / sizeof rows[0], o);
	line(o,
	     "rehashes count table grows and splits from make on (fill included); TotalAlloc is make, fill "
	     "and churn.");
	print_stack_saving(r, o);
	line(o, out_hash_assumption);
}

/* --churn --tsv: one row per target and measure; a classic map's exact B
 * fills all three columns, and the exact column says which rows are. */
static void churn_tsv(out_table *tab, const map_result *rs, int n)
{
	const char *heads[] = {"go", "arch", "impl", "measure", "min", "median", "max", "exact"};
	for (int i = 0; i < 8; i++)
		table_col(tab, heads[i], i >= 4 && i <= 6);
	for (int i = 0; i < n; i++) {
		const map_result *r = &rs[i];
		if (r->st != GG_OK)
			continue;
		char gb[16], a[24], b[24], c[24];
		cli_go_name(r->m.t.go, gb);
		if (r->m.impl == GG_MAP_CLASSIC) {
			i64s(a, r->churn_B);
			const char *cells[] = {gb, r->m.t.arch->name, "classic", "B", a, a, a, "yes"};
			table_row(tab, cells);
			const gg_classic_seeded_runs *cs = &r->csim;
			const struct {
				const char *name;
				const gg_dist *d;
			} crows[] = {{"same_size_grows", &cs->samesize},
				     {"overflow_buckets", &cs->overflow},
				     {"overflow_allocated", &cs->newoverflow},
				     {"total", &cs->total}};
			for (size_t k = 0; k < sizeof crows / sizeof crows[0]; k++) {
				const char *cc[] = {gb,
						    r->m.t.arch->name,
						    "classic",
						    crows[k].name,
						    u64s(a, crows[k].d->min),
						    u64s(b, crows[k].d->median),
						    u64s(c, crows[k].d->max),
						    "no"};
				table_row(tab, cc);
			}
			continue;
		}
		const gg_mapchurn *s = &r->churn;
		const struct {
			const char *name;
			const gg_dist *d;
		} rows[] = {{"tables", &s->tables},	{"directory", &s->dirlen},
			    {"slots", &s->capacity},	{"tombstones", &s->tombstones},
			    {"total", &s->total},	{"live", &s->live},
			    {"rehashes", &s->rehashes}, {"prunes", &s->prunes}};
		for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
			const char *cells[] = {gb,
					       r->m.t.arch->name,
					       "swiss",
					       rows[k].name,
					       u64s(a, rows[k].d->min),
					       u64s(b, rows[k].d->median),
					       u64s(c, rows[k].d->max),
					       "no"};
			table_row(tab, cells);
		}
	}
}

/* Live bytes against the number of keys, one staircase per target. */
int map_write_svg(const map_answer *q, const char *path)
{
	svg_series sv[CLI_MAX_TARGETS];
	char names[CLI_MAX_TARGETS][64];
	double *xs[CLI_MAX_TARGETS] = {0}, *ys[CLI_MAX_TARGETS] = {0};
	size_t ns = 0;
	int ok = 1;
	for (int i = 0; i < q->nrs && ok; i++) {
		const map_result *r = &q->rs[i];
		if (r->st != GG_OK)
			continue;
		xs[ns] = malloc((r->n + 1) * sizeof(double));
		ys[ns] = malloc((r->n + 1) * sizeof(double));
		if (!xs[ns] || !ys[ns]) {
			ok = 0;
			ns++;
			break;
		}
		/* The map as make left it, then the live bytes after each step. */
		xs[ns][0] = 1;
		ys[ns][0] = (double)r->g.make.bytes;
		for (size_t k = 0; k < r->n; k++) {
			xs[ns][k + 1] = (double)r->steps[k].count;
			ys[ns][k + 1] = (double)r->steps[k].after;
		}
		char gb[16];
		snprintf(names[ns], sizeof names[ns], "%s/%s %s", cli_go_name(r->go, gb), r->arch,
			 impl_name(r->m.impl));
		sv[ns] = (svg_series){names[ns], xs[ns], ys[ns], r->n + 1, 1};
		ns++;
	}
	char title[256];
	snprintf(title, sizeof title, "live bytes of %s while keys are inserted", q->type);
	if (ok)
		ok = svg_plot(path, title, "len(m)", "bytes (after each growth step)", sv, ns, 1, 1);
	else
		cli_error("out of memory");
	for (size_t i = 0; i < ns; i++) {
		free(xs[i]);
		free(ys[i]);
	}
	return ok;
}

/* Text and TSV: one block per target for churn and growth, else a table
 * (or the detail of make when there is one target). */
static void text_write(const map_answer *m, cli_format fmt, out_sink *o)
{
	const map_result *rs = m->rs;
	out_table tab;
	int shown = 0;
	table_init(&tab);
	if (m->churn && fmt == FMT_TSV)
		churn_tsv(&tab, rs, m->nrs);
	else if (m->grow && fmt == FMT_TSV) {
		grow_cols(&tab, grow_all);
		for (int i = 0; i < m->nrs; i++)
			for (size_t k = 0; rs[i].st == GG_OK && k < rs[i].n; k++)
				grow_row(&tab, &rs[i], &rs[i].steps[k], grow_all);
	} else if (m->churn || m->grow) {
		for (int i = 0; i < m->nrs; i++) {
			if (rs[i].st != GG_OK)
				continue;
			if (shown++)
				sink_putc(o, '\n');
			if (m->churn)
				print_churn(&rs[i], m, o);
			else {
				print_grow_text(&rs[i], m, o);
				print_sim(&rs[i], o);
			}
		}
	} else if (m->nrs == 1 && fmt == FMT_TEXT) {
		if (rs[0].st == GG_OK)
			print_make_detail(&rs[0], m, o);
	} else {
		make_summary(&tab);
		for (int i = 0; i < m->nrs; i++)
			make_summary_row(&tab, &rs[i], m->hint);
		if (fmt == FMT_TEXT)
			sink_printf(o, "make(%s, %lld)\n", m->type, (long long)m->hint);
	}
	if (tab.ncols)
		table_print(&tab, fmt, o);
	table_free(&tab);
}

void map_write(const map_answer *a, cli_format fmt, out_sink *o)
{
	if (fmt == FMT_JSON)
		map_write_json(a, o);
	else
		text_write(a, fmt, o);
}
