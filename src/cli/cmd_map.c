/* gogrow map 'map[K]V': how a map type is stored, what make(map[K]V, hint)
 * allocates, and (--grow N) every growth step while N distinct keys are
 * inserted, for one or several targets; --escape stack for a map that does
 * not escape (header and a small map's bucket or group on the stack), and
 * --churn N,K for N inserts followed by K delete+insert pairs (a labelled
 * simulation: Swiss tombstones, classic overflow buckets; a classic map's
 * B is exact).
 *
 * The model (gogrow/map.h) is exact; where Go's behaviour depends on the
 * hash seed (classic overflow buckets, Swiss splits after the first) this
 * command says so instead of guessing, and --sim R prints a simulated
 * distribution under a heading that says it is one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "gogrow/map.h"

typedef struct target_res {
	gg_status st;
	gg_error err;
	gg_maptype m;
	gg_mapmake mk;
	gg_mapgrowth g;
	gg_mapstep *steps;
	size_t n, cap;
	int oom;
	int simulated;
	gg_swiss_seeded_runs sim;
	gg_classic_seeded_runs csim;
	int churned;
	gg_mapchurn churn;
	gg_mapgrowth cfill; /* classic under churn: the exact part, B after n inserts */
	gg_status sim_st;
	gg_error sim_err;
	uint64_t stack_saving; /* --escape stack: bytes taken off every simulated run's TotalAlloc */
} target_res;

/* The simulations model a heap map; a map that does not escape allocates
 * the same minus a constant (gg_map_stack_saving), taken off here. */
static void dist_sub(gg_dist *d, uint64_t v)
{
	d->min -= v;
	d->median -= v;
	d->max -= v;
}

static void stack_adjust(target_res *r, int64_t hint, int64_t n)
{
	uint64_t t, l;
	gg_error err;
	if (gg_map_stack_saving(&r->m, hint, n, &t, &l, &err) != GG_OK)
		return;
	r->stack_saving = t;
	if (r->churned && r->m.impl == GG_MAP_SWISS) {
		dist_sub(&r->churn.total, t);
		dist_sub(&r->churn.live, l);
	} else if (r->m.impl == GG_MAP_CLASSIC)
		dist_sub(&r->csim.total, t);
	else {
		dist_sub(&r->sim.total, t);
		dist_sub(&r->sim.live, l);
	}
}

static void print_stack_saving(const target_res *r)
{
	if (r->stack_saving)
		printf("(--escape stack: %llu bytes less than a heap map in every run: the header%s)\n",
		       (unsigned long long)r->stack_saving,
		       r->m.impl == GG_MAP_CLASSIC ? " and the first bucket, when on the stack"
						   : " and the first group, when on the stack");
}

static void collect(void *ctx, const gg_mapstep *s)
{
	target_res *r = ctx;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 32;
		gg_mapstep *n = realloc(r->steps, cap * sizeof *n);
		if (!n) {
			r->oom = 1;
			return;
		}
		r->steps = n;
		r->cap = cap;
	}
	r->steps[r->n++] = *s;
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

static const char *impl_name(gg_mapimpl i)
{
	return i == GG_MAP_CLASSIC ? "classic" : "swiss";
}

static void print_storage(const gg_maptype *m)
{
	printf("  key %llu B%s, elem %llu B%s\n", (unsigned long long)m->key.size,
	       m->indirect_key ? " (stored as a pointer: over 128 bytes)" : "",
	       (unsigned long long)m->elem.size,
	       m->indirect_elem ? " (stored as a pointer: over 128 bytes)" : "");
	if (m->impl == GG_MAP_CLASSIC) {
		printf("  bucket: tophash [8]uint8 @0, keys [8]%llu B @%llu, elems [8]%llu B @%llu, overflow "
		       "@%llu"
		       " = %llu B, %s\n",
		       (unsigned long long)m->kslot.size, (unsigned long long)m->keys_off,
		       (unsigned long long)m->eslot.size, (unsigned long long)m->elems_off,
		       (unsigned long long)m->overflow_off, (unsigned long long)m->bucket_size,
		       m->bucket_noscan ? "noscan (overflow pointers kept in mapextra)" : "has pointers");
		printf("  hmap header %llu B\n", (unsigned long long)m->header_size);
	} else {
		printf("  slot: key @0, elem @%llu = %llu B; group: ctrl uint64 + 8 slots = %llu B, %s\n",
		       (unsigned long long)m->slot_elem_off, (unsigned long long)m->slot_size,
		       (unsigned long long)m->group_size, m->group_noscan ? "noscan" : "has pointers");
		printf("  Map header %llu B, table %llu B\n", (unsigned long long)m->header_size,
		       (unsigned long long)m->table_size);
	}
}

/* What --escape stack put on the stack, and what that changes. */
static void print_stack_note(const gg_maptype *m, const gg_mapmake *mk)
{
	if (!mk->stack)
		return;
	int classic = m->impl == GG_MAP_CLASSIC;
	printf("on the stack (the map does not escape): the %s header", classic ? "hmap" : "Map");
	if (mk->stack_storage)
		printf(" and one %s, %llu bytes;\nthe first growth (9th key) allocates %s on the heap\n",
		       classic ? "bucket" : "group", (unsigned long long)mk->stack_bytes,
		       classic ? "2 buckets" : "a 16-slot table");
	else
		printf(", %llu bytes;\nthe hint is over 8, so makemap allocates the %s on the heap\n",
		       (unsigned long long)mk->stack_bytes, classic ? "buckets" : "storage");
}

static void print_make_detail(const target_res *r, const cli_common *c, int64_t hint)
{
	const gg_maptype *m = &r->m;
	const gg_mapmake *mk = &r->mk;
	char gb[16];
	printf("%s/%s %s: %s\n", cli_go_name(m->t.go, gb), m->t.arch->name, c->pos[0],
	       m->impl == GG_MAP_CLASSIC ? "classic hash map (hmap + buckets)"
					 : "Swiss tables (Map + directory of tables)");
	print_storage(m);
	printf("make(%s, %lld)", c->pos[0], (long long)hint);
	if (mk->hint_used != hint)
		printf(": the runtime treats this hint as 0 (negative, or its storage would overflow or "
		       "exceed maxAlloc)");
	if (m->impl == GG_MAP_CLASSIC) {
		if (mk->B == 0)
			printf("%s B = 0: %s\n", mk->hint_used != hint ? ";" : ":",
			       mk->stack_storage ? "its one bucket is on the stack"
						 : "no buckets until the first insert allocates one");
		else
			printf(": B = %d (%llu buckets hold %lld keys at load factor %s)%s, %llu buckets "
			       "allocated%s\n",
			       mk->B, 1ULL << mk->B, (long long)gg_classic_grow_at(m->t.go, mk->B) - 1,
			       m->t.go == 21 ? "6.0" : "6.5", mk->spare ? " + spare overflow buckets" : "",
			       (unsigned long long)mk->nbuckets, mk->spare ? " (size-class rounded)" : "");
	} else {
		if (mk->dirlen == 0)
			printf("%s no table: %s\n", mk->hint_used != hint ? ";" : ":",
			       mk->stack_storage
				   ? "the small map's group (8 slots) is on the stack"
				   : "the first insert allocates one group (a small map of 8 slots)");
		else
			printf(": %lld*8/7 = %llu slots -> %llu table%s of %llu slots (%llu groups), each "
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
		table_print(&tab, FMT_TEXT, stdout);
	}
	table_free(&tab);
	printf("total: %llu bytes in %llu allocations (MemStats.TotalAlloc and Mallocs of the make)\n",
	       (unsigned long long)mk->bytes, (unsigned long long)mk->mallocs);
	print_stack_note(m, mk);
	uint64_t ow = gg_swiss_full_small_overwrite(m);
	if (m->impl == GG_MAP_SWISS)
		printf("note: assigning to an existing key of a full 8-entry small map %s\n",
		       ow ? "still turns it into a 16-slot table in this release"
			  : "updates in place from go1.27");
	if (ow)
		printf("      (%llu bytes; fixed in go1.27)\n", (unsigned long long)ow);
}

static void make_summary(out_table *tab)
{
	const char *heads[] = {"go", "arch",   "impl",	"bucket/group", "hint",
			       "B",  "tables", "slots", "bytes",	"mallocs"};
	for (int i = 0; i < 10; i++)
		table_col(tab, heads[i], i >= 3);
}

static void make_summary_row(out_table *tab, const target_res *r, const gg_target *tg, int64_t hint)
{
	char gb[16], st[24], h[24], B[24], t[24], sl[24], by[24], ml[24];
	cli_go_name(tg->go, gb);
	if (r->st != GG_OK) {
		/* The message went to stderr; keep the table narrow. */
		const char *cells[] = {gb, tg->arch->name, "error", "", "", "", "", "", "", ""};
		table_row(tab, cells);
		return;
	}
	const gg_maptype *m = &r->m;
	const gg_mapmake *mk = &r->mk;
	int classic = m->impl == GG_MAP_CLASSIC;
	u64s(st, classic ? m->bucket_size : m->group_size);
	const char *cells[] = {gb,
			       tg->arch->name,
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

static const int *grow_sel(const target_res *r, int with_target)
{
	return with_target ? grow_all : r->m.impl == GG_MAP_CLASSIC ? grow_classic : grow_swiss;
}

static void grow_cols(out_table *tab, const int *sel)
{
	for (; *sel >= 0; sel++)
		table_col(tab, grow_heads[*sel], *sel == 3 || *sel >= 5);
}

static void grow_row(out_table *tab, const target_res *r, const gg_mapstep *s, const int *sel)
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

static void print_grow_text(const target_res *r, const cli_common *c, int64_t hint, int64_t n)
{
	char gb[16];
	const gg_maptype *m = &r->m;
	printf("%s/%s %s (%s): %lld distinct keys into make(m, %lld) of %llu bytes\n",
	       cli_go_name(m->t.go, gb), m->t.arch->name, c->pos[0], impl_name(m->impl), (long long)n,
	       (long long)hint, (unsigned long long)r->g.make.bytes);
	print_stack_note(m, &r->g.make);
	if (r->n) {
		out_table tab;
		table_init(&tab);
		grow_cols(&tab, grow_sel(r, 0));
		for (size_t i = 0; i < r->n; i++)
			grow_row(&tab, r, &r->steps[i], grow_sel(r, 0));
		table_print(&tab, FMT_TEXT, stdout);
		table_free(&tab);
	} else
		printf("no growth step\n");
	if (r->g.exact_until < n)
		printf("exact up to %lld keys; %s\n", (long long)r->g.exact_until,
		       m->impl == GG_MAP_SWISS
			   ? "after that, which table fills first and when it splits depend on the "
			     "hash seed\n(--sim R simulates R maps to show the spread)"
			   : "after that growth depends on the hash seed");
	if (m->impl == GG_MAP_CLASSIC && r->n && !r->simulated && !r->g.make.stack)
		puts("(--sim R simulates R maps: overflow buckets and same-size grows, with their bytes)");
	if (gg_map_entry_bytes(m) && r->n)
		printf("before/during/after/total include the %llu bytes each insert allocates for the key "
		       "or elem\n"
		       "stored through a pointer; alloc is the map's own storage.\n",
		       (unsigned long long)gg_map_entry_bytes(m));
	if (m->impl == GG_MAP_CLASSIC && r->n)
		puts("buckets: the new array, preallocated overflow buckets included; capacity: 8 slots per "
		     "bucket\n"
		     "of 2^B. bytes: hmap, bucket arrays and mapextra; overflow buckets beyond the "
		     "preallocated\n"
		     "spares depend on the hash seed and are not counted. 'during' holds while old buckets "
		     "are\n"
		     "evacuated (at least one per later write); 'after' once the old array is garbage.");
	else if (r->n)
		puts("'during' is the moment both the old and the new table are referenced; 'after' once the "
		     "old one\n"
		     "is garbage.");
	if (gg_swiss_full_small_overwrite(m) && r->g.make.dirlen == 0 && n >= GG_MAP_SLOTS)
		printf("note: here only new keys are inserted; in this release an update of an existing key "
		       "in a\n"
		       "full 8-entry small map also turns it into a 16-slot table (%llu bytes; not from "
		       "go1.27)\n",
		       (unsigned long long)gg_swiss_full_small_overwrite(m));
}

/* A row of a min / median / max table; a NULL distribution is left out. */
typedef struct dist_row {
	const char *name;
	const gg_dist *d;
} dist_row;

static void print_dist_rows(const dist_row *rows, size_t n)
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
	table_print(&tab, FMT_TEXT, stdout);
	table_free(&tab);
}

static void print_sim(const target_res *r)
{
	if (!r->simulated || r->sim_st != GG_OK)
		return; /* the error went to stderr */
	const gg_swiss_seeded_runs *s = &r->sim;
	const gg_classic_seeded_runs *cs = &r->csim;
	int classic = r->m.impl == GG_MAP_CLASSIC;
	printf(
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
	print_dist_rows(classic ? crows : srows, 6);
	if (!classic && s->split2_runs && s->split2_runs < s->runs)
		printf("(2nd split: in %d of %d runs)\n", s->split2_runs, s->runs);
	if (classic)
		puts("TotalAlloc includes hmap, bucket arrays, overflow buckets, mapextra and the []*bmap "
		     "that keeps\n"
		     "the overflow buckets of noscan maps alive.");
	print_stack_saving(r);
	puts(out_hash_assumption);
}

/* A classic map under churn: B after make and the n inserts; deletes
 * never lower it and len never passes n again. */
static int churn_B(const target_res *r)
{
	int B = gg_classic_B(r->m.t.go, r->churn.n);
	return r->cfill.make.B > B ? r->cfill.make.B : B;
}

static void print_churn(const target_res *r, const cli_common *c, int64_t hint, int64_t n, int64_t k)
{
	char gb[16];
	const gg_maptype *m = &r->m;
	printf("%s/%s %s (%s): make(m, %lld), %lld inserts, then %lld times delete the oldest key and insert "
	       "a new one\n",
	       cli_go_name(m->t.go, gb), m->t.arch->name, c->pos[0], impl_name(m->impl), (long long)hint,
	       (long long)n, (long long)k);
	if (m->impl == GG_MAP_CLASSIC) {
		int B = churn_B(r);
		printf("exact: B stays %d (%llu buckets): deletes never shrink a classic map and len never "
		       "exceeds %lld,\n"
		       "so no load-factor grow happens during the churn.\n",
		       B, 1ULL << B, (long long)n);
		if (r->sim_st != GG_OK)
			return;
		const gg_classic_seeded_runs *cs = &r->csim;
		printf("SIMULATION, not exact: %d maps with random hashes (seed %llu). A delete leaves a "
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
		print_dist_rows(rows, sizeof rows / sizeof rows[0]);
		puts("TotalAlloc is make, fill and churn: hmap, bucket arrays, overflow buckets, mapextra "
		     "and the\n"
		     "[]*bmap that keeps a noscan map's overflow buckets alive.");
		print_stack_saving(r);
		puts(out_hash_assumption);
		return;
	}
	if (r->sim_st != GG_OK)
		return;
	const gg_mapchurn *s = &r->churn;
	printf("SIMULATION, not exact: %d maps with random hashes (seed %llu); which groups are full, and so "
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
	print_dist_rows(rows, sizeof rows / sizeof rows[0]);
	puts("rehashes count table grows and splits from make on (fill included); TotalAlloc is make, fill "
	     "and churn.");
	print_stack_saving(r);
	puts(out_hash_assumption);
}

/* --churn --tsv: one row per target and measure; a classic map's exact B
 * fills all three columns, and the exact column says which rows are. */
static void churn_tsv(out_table *tab, const target_res *rs, int n)
{
	const char *heads[] = {"go", "arch", "impl", "measure", "min", "median", "max", "exact"};
	for (int i = 0; i < 8; i++)
		table_col(tab, heads[i], i >= 4 && i <= 6);
	for (int i = 0; i < n; i++) {
		const target_res *r = &rs[i];
		if (r->st != GG_OK)
			continue;
		char gb[16], a[24], b[24], c[24];
		cli_go_name(r->m.t.go, gb);
		if (r->m.impl == GG_MAP_CLASSIC) {
			i64s(a, churn_B(r));
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

static void json_alloc(json_w *w, const gg_mapalloc *a)
{
	jw_obj(w, NULL);
	jw_s(w, "object", a->what);
	jw_u(w, "count", a->count);
	jw_u(w, "size", a->size);
	jw_u(w, "bytes", a->bytes);
	jw_i(w, "class", a->sizeclass);
	jw_b(w, "header", a->header);
	jw_b(w, "noscan", a->noscan);
	jw_end_obj(w);
}

static void json_layout(json_w *w, const gg_maptype *m)
{
	jw_obj(w, "layout");
	jw_u(w, "key_size", m->key.size);
	jw_u(w, "elem_size", m->elem.size);
	jw_b(w, "indirect_key", m->indirect_key);
	jw_b(w, "indirect_elem", m->indirect_elem);
	jw_u(w, "header_size", m->header_size);
	if (m->impl == GG_MAP_CLASSIC) {
		jw_u(w, "bucket_size", m->bucket_size);
		jw_u(w, "keys_offset", m->keys_off);
		jw_u(w, "elems_offset", m->elems_off);
		jw_u(w, "overflow_offset", m->overflow_off);
		jw_b(w, "bucket_noscan", m->bucket_noscan);
	} else {
		jw_u(w, "slot_size", m->slot_size);
		jw_u(w, "slot_elem_offset", m->slot_elem_off);
		jw_u(w, "group_size", m->group_size);
		jw_b(w, "group_noscan", m->group_noscan);
		jw_u(w, "table_size", m->table_size);
	}
	jw_end_obj(w);
}

static void json_make(json_w *w, const gg_maptype *m, const gg_mapmake *mk)
{
	jw_obj(w, "make");
	jw_i(w, "hint", mk->hint);
	jw_i(w, "hint_used", mk->hint_used);
	if (m->impl == GG_MAP_CLASSIC) {
		jw_i(w, "B", mk->B);
		jw_u(w, "buckets", mk->nbuckets);
		jw_u(w, "spare_buckets", mk->spare);
	} else {
		jw_u(w, "tables", mk->dirlen);
		jw_i(w, "global_depth", mk->global_depth);
		jw_u(w, "table_capacity", mk->table_cap);
		jw_u(w, "growth_left", mk->growth_left);
	}
	jw_arr(w, "allocs");
	for (int i = 0; i < mk->nallocs; i++)
		json_alloc(w, &mk->allocs[i]);
	jw_end_arr(w);
	jw_u(w, "bytes", mk->bytes);
	jw_u(w, "mallocs", mk->mallocs);
	jw_s(w, "escape", mk->stack ? "stack" : "heap");
	if (mk->stack) {
		jw_b(w, "stack_storage", mk->stack_storage);
		jw_u(w, "stack_bytes", mk->stack_bytes);
	}
	jw_end_obj(w);
}

static void json_grow(json_w *w, const target_res *r)
{
	const gg_maptype *m = &r->m;
	jw_obj(w, "grow");
	jw_i(w, "n", r->g.n);
	jw_i(w, "exact_until", r->g.exact_until);
	jw_arr(w, "steps");
	for (size_t i = 0; i < r->n; i++) {
		const gg_mapstep *s = &r->steps[i];
		jw_obj(w, NULL);
		jw_i(w, "count", s->count);
		jw_s(w, "event", gg_mapevent_name(s->ev));
		if (m->impl == GG_MAP_CLASSIC) {
			jw_i(w, "B", s->B);
			jw_u(w, "buckets", s->nbuckets);
		} else {
			jw_u(w, "dirlen", s->dirlen);
			jw_u(w, "tables", s->tables);
			jw_u(w, "capacity", s->capacity);
		}
		jw_arr(w, "allocs");
		for (int k = 0; k < s->nallocs; k++)
			json_alloc(w, &s->allocs[k]);
		jw_end_arr(w);
		jw_u(w, "alloc", s->alloc);
		jw_u(w, "before", s->before);
		jw_u(w, "during", s->during);
		jw_u(w, "after", s->after);
		jw_u(w, "total", s->total);
		jw_end_obj(w);
	}
	jw_end_arr(w);
	jw_end_obj(w);
}

/* --sim: the seeded runs of inserts. */
static void json_seeded(json_w *w, const target_res *r)
{
	const gg_maptype *m = &r->m;
	if (m->impl == GG_MAP_CLASSIC) {
		const gg_classic_seeded_runs *s = &r->csim;
		jw_obj(w, "simulation");
		jw_s(w, "hash", out_hash_assumption_json);
		jw_b(w, "exact", 0);
		jw_i(w, "runs", s->runs);
		jw_u(w, "seed", s->seed);
		jw_i(w, "n", s->n);
		jw_dist(w, "B", &s->B);
		jw_dist(w, "overflow_buckets", &s->overflow);
		jw_dist(w, "overflow_buckets_allocated", &s->newoverflow);
		jw_dist(w, "same_size_grows", &s->samesize);
		jw_dist(w, "last_grow_at", &s->lastgrow);
		jw_dist(w, "total", &s->total);
		jw_end_obj(w);
	} else {
		const gg_swiss_seeded_runs *s = &r->sim;
		jw_obj(w, "simulation");
		jw_s(w, "hash", out_hash_assumption_json);
		jw_b(w, "exact", 0);
		jw_i(w, "runs", s->runs);
		jw_u(w, "seed", s->seed);
		jw_i(w, "n", s->n);
		jw_dist(w, "tables", &s->tables);
		jw_dist(w, "dirlen", &s->dirlen);
		jw_dist(w, "capacity", &s->capacity);
		jw_dist(w, "total", &s->total);
		jw_dist(w, "live", &s->live);
		if (s->split2_runs)
			jw_dist(w, "second_split_at", &s->split2);
		jw_i(w, "second_split_runs", s->split2_runs);
		jw_end_obj(w);
	}
}

/* --churn: the seeded runs of deletes and inserts. */
static void json_churn(json_w *w, const target_res *r)
{
	const gg_maptype *m = &r->m;
	if (m->impl == GG_MAP_SWISS) {
		const gg_mapchurn *s = &r->churn;
		jw_obj(w, "churn");
		jw_s(w, "hash", out_hash_assumption_json);
		jw_b(w, "exact", 0);
		jw_i(w, "runs", s->runs);
		jw_u(w, "seed", s->seed);
		jw_i(w, "n", s->n);
		jw_i(w, "k", s->k);
		jw_dist(w, "tables", &s->tables);
		jw_dist(w, "dirlen", &s->dirlen);
		jw_dist(w, "capacity", &s->capacity);
		jw_dist(w, "tombstones", &s->tombstones);
		jw_dist(w, "total", &s->total);
		jw_dist(w, "live", &s->live);
		jw_dist(w, "rehashes", &s->rehashes);
		jw_dist(w, "prunes", &s->prunes);
		jw_end_obj(w);
	} else {
		const gg_classic_seeded_runs *s = &r->csim;
		jw_obj(w, "churn");
		jw_s(w, "hash", out_hash_assumption_json);
		jw_i(w, "B", churn_B(r));
		jw_b(w, "B_exact", 1);
		jw_b(w, "exact", 0);
		jw_i(w, "runs", s->runs);
		jw_u(w, "seed", s->seed);
		jw_i(w, "n", s->n);
		jw_dist(w, "same_size_grows", &s->samesize);
		jw_dist(w, "overflow_buckets", &s->overflow);
		jw_dist(w, "overflow_buckets_allocated", &s->newoverflow);
		jw_dist(w, "total", &s->total);
		jw_end_obj(w);
	}
}

static void json_result(json_w *w, const target_res *r, const gg_target *tg, int grow)
{
	char gb[16];
	jw_obj(w, NULL);
	jw_s(w, "go", cli_go_name(tg->go, gb));
	jw_s(w, "arch", tg->arch->name);
	if (r->st != GG_OK) {
		jw_s(w, "error", r->err.msg);
		jw_end_obj(w);
		return;
	}
	jw_s(w, "impl", impl_name(r->m.impl));
	json_layout(w, &r->m);
	json_make(w, &r->m, grow ? &r->g.make : &r->mk);
	if (r->m.impl == GG_MAP_SWISS)
		jw_u(w, "full_small_overwrite_bytes", gg_swiss_full_small_overwrite(&r->m));
	if (grow)
		json_grow(w, r);
	if (r->sim_st != GG_OK && (r->simulated || r->churned))
		jw_s(w, "simulation_error", r->sim_err.msg);
	else if (r->simulated)
		json_seeded(w, r);
	else if (r->churned)
		json_churn(w, r);
	jw_end_obj(w);
}

/* --churn: make (for the JSON make object), the exact classic part, then
 * the simulation; a simulation error is the target's error. */
static gg_status run_churn(target_res *r, int64_t hint, int64_t n, int64_t k, int runs, uint64_t seed)
{
	gg_status st = gg_makemap(&r->m, hint, 0, &r->mk, &r->err);
	if (st == GG_OK && r->m.impl == GG_MAP_CLASSIC)
		st = gg_mapgrow(&r->m, hint, n, NULL, NULL, &r->cfill, &r->err);
	if (st != GG_OK)
		return st;
	if (r->m.impl == GG_MAP_CLASSIC)
		r->sim_st = gg_classic_churn(&r->m, hint, n, k, runs, seed, &r->csim, &r->sim_err);
	else
		r->sim_st = gg_swiss_churn(&r->m, hint, n, k, runs, seed, &r->churn, &r->sim_err);
	if (r->sim_st != GG_OK)
		r->err = r->sim_err;
	return r->sim_st;
}

/* Live bytes against the number of keys, one staircase per target. */
static int write_grow_svg(const char *path, const target_res *rs, const cli_common *c)
{
	svg_series sv[CLI_MAX_TARGETS];
	char names[CLI_MAX_TARGETS][64];
	double *xs[CLI_MAX_TARGETS] = {0}, *ys[CLI_MAX_TARGETS] = {0};
	size_t ns = 0;
	int ok = 1;
	for (int i = 0; i < c->ntargets && ok; i++) {
		const target_res *r = &rs[i];
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
		snprintf(names[ns], sizeof names[ns], "%s/%s %s", cli_go_name(c->targets[i].go, gb),
			 c->targets[i].arch->name, impl_name(r->m.impl));
		sv[ns] = (svg_series){names[ns], xs[ns], ys[ns], r->n + 1, 1};
		ns++;
	}
	char title[256];
	snprintf(title, sizeof title, "live bytes of %s while keys are inserted", c->pos[0]);
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

/* What `gogrow map` was asked. */
typedef struct map_args {
	cli_common c;
	int64_t hint, n, runs, seed;
	int noswiss, grow, sim, churn, has_seed;
	const char *churn_arg, *svg;
	int64_t cn, ck; /* --churn N,K */
	gg_mapesc esc;
} map_args;

/* --churn N,K: N inserts, then K deletes each followed by an insert. */
static int parse_churn(map_args *m)
{
	char nbuf[32];
	const char *comma = strchr(m->churn_arg, ',');
	size_t nl = comma ? (size_t)(comma - m->churn_arg) : 0;
	if (nl < sizeof nbuf) {
		memcpy(nbuf, m->churn_arg, nl);
		nbuf[nl] = 0;
	}
	if (!comma || nl >= sizeof nbuf || !gg_parse_int64(nbuf, &m->cn) ||
	    !gg_parse_int64(comma + 1, &m->ck) || m->cn < 0 || m->ck < 0) {
		cli_error(
		    "--churn wants N,K (N inserts, then K deletes each followed by an insert), not \"%s\"",
		    m->churn_arg);
		return 0;
	}
	if (m->grow) {
		cli_error("--churn and --grow are separate workloads; give one of them");
		return 0;
	}
	if (m->cn == 0 && m->ck > 0) {
		cli_error("--churn %lld,%lld: with no keys there is nothing to delete (N must be 1 or more)",
			  (long long)m->cn, (long long)m->ck);
		return 0;
	}
	if (!m->sim)
		m->runs = 101, m->sim = 1;
	return 1;
}

/* Options that conflict or lack their partner; returns 0 after saying why. */
static int check_map_args(map_args *m)
{
	if (m->svg && !m->grow)
		return cli_error("--svg plots the bytes of --grow N"), 0;
	if (m->has_seed && !m->sim && !m->churn)
		return cli_error("--seed goes with --sim R or --churn (it seeds the simulated maps)"), 0;
	if (m->c.escape && m->c.esc != GG_ESC_HEAP && m->c.esc != GG_ESC_STACK)
		return cli_error("--escape for maps is heap or stack (a map is a pointer: returning it is "
				 "escaping)"),
		       0;
	m->esc = m->c.escape && m->c.esc == GG_ESC_STACK ? GG_MAPESC_STACK : GG_MAPESC_HEAP;
	if (m->grow && m->n < 0)
		return cli_error("--grow must be 0 or more"), 0;
	if (m->churn && !parse_churn(m))
		return 0;
	if (m->sim && !m->grow && !m->churn)
		return cli_error("--sim needs --grow N or --churn N,K (it simulates N inserts)"), 0;
	if (m->sim && (m->runs < 1 || m->runs > GG_SEEDED_MAX_RUNS))
		return cli_error("--sim must be 1..%d runs", GG_SEEDED_MAX_RUNS), 0;
	return 1;
}

/* The --sim part of one target: the seeded runs, on the stack if asked. */
static void seed_target(target_res *r, const map_args *m)
{
	r->simulated = 1;
	if (r->m.impl == GG_MAP_SWISS)
		r->sim_st = gg_swiss_seeded(&r->m, m->hint, m->n, (int)m->runs, (uint64_t)m->seed, &r->sim,
					    &r->sim_err);
	else
		r->sim_st = gg_classic_seeded(&r->m, m->hint, m->n, (int)m->runs, (uint64_t)m->seed, &r->csim,
					      &r->sim_err);
}

/* Answers one target; returns the exit code its failure calls for. */
static int answer_target(target_res *r, const gg_type *t, const gg_target *tg, const map_args *m)
{
	char gb[16];
	int rc = EXIT_OK;
	r->st = gg_map_type(tg, t, m->noswiss, &r->m, &r->err);
	if (r->st == GG_OK && m->churn) {
		r->churned = 1;
		r->churn.n = m->cn;
		r->st = run_churn(r, m->hint, m->cn, m->ck, (int)m->runs, (uint64_t)m->seed);
	} else if (r->st == GG_OK && m->grow)
		r->st = gg_mapgrow_esc(&r->m, m->hint, m->esc, m->n, collect, r, &r->g, &r->err);
	else if (r->st == GG_OK)
		r->st = gg_makemap_esc(&r->m, m->hint, 0, m->esc, &r->mk, &r->err);
	if (r->st == GG_OK && m->sim && !m->churn) {
		seed_target(r, m);
		if (r->sim_st != GG_OK && m->c.fmt != FMT_JSON)
			cli_error("%s/%s: simulation: %s", cli_go_name(tg->go, gb), tg->arch->name,
				  r->sim_err.msg);
		if (r->sim_st != GG_OK)
			rc = cli_exit(r->sim_st);
	}
	if (r->st == GG_OK && m->esc == GG_MAPESC_STACK && (r->simulated || r->churned) && r->sim_st == GG_OK)
		stack_adjust(r, m->hint, m->churn ? m->cn : m->n);
	if (r->st == GG_OK && r->oom) {
		r->st = GG_ERR_NOMEM;
		snprintf(r->err.msg, sizeof r->err.msg, "out of memory");
	}
	if (r->st != GG_OK) {
		if (m->c.fmt != FMT_JSON)
			cli_error("%s/%s: %s", cli_go_name(tg->go, gb), tg->arch->name, r->err.msg);
		if (rc == EXIT_OK)
			rc = cli_exit(r->st);
	}
	return rc;
}

static void print_json_all(const map_args *m, target_res *rs)
{
	json_w w;
	jw_begin(&w, stdout);
	jw_obj(&w, NULL);
	jw_s(&w, "command", "map");
	jw_s(&w, "type", m->c.pos[0]);
	jw_i(&w, "hint", m->hint);
	if (m->grow)
		jw_i(&w, "grow", m->n);
	if (m->churn) {
		jw_i(&w, "churn_n", m->cn);
		jw_i(&w, "churn_k", m->ck);
	}
	jw_arr(&w, "results");
	for (int i = 0; i < m->c.ntargets; i++)
		json_result(&w, &rs[i], &m->c.targets[i], m->grow);
	jw_end_arr(&w);
	jw_end_obj(&w);
	jw_finish(&w);
}

/* Text and TSV: one block per target for churn and growth, else a table
 * (or the detail of make when there is one target). */
static void print_all(const map_args *m, target_res *rs)
{
	const cli_common *c = &m->c;
	out_table tab;
	int shown = 0;
	table_init(&tab);
	if (m->churn && c->fmt == FMT_TSV)
		churn_tsv(&tab, rs, c->ntargets);
	else if (m->grow && c->fmt == FMT_TSV) {
		grow_cols(&tab, grow_all);
		for (int i = 0; i < c->ntargets; i++)
			for (size_t k = 0; rs[i].st == GG_OK && k < rs[i].n; k++)
				grow_row(&tab, &rs[i], &rs[i].steps[k], grow_all);
	} else if (m->churn || m->grow) {
		for (int i = 0; i < c->ntargets; i++) {
			if (rs[i].st != GG_OK)
				continue;
			if (shown++)
				putchar('\n');
			if (m->churn)
				print_churn(&rs[i], c, m->hint, m->cn, m->ck);
			else {
				print_grow_text(&rs[i], c, m->hint, m->n);
				print_sim(&rs[i]);
			}
		}
	} else if (c->ntargets == 1 && c->fmt == FMT_TEXT) {
		if (rs[0].st == GG_OK)
			print_make_detail(&rs[0], c, m->hint);
	} else {
		make_summary(&tab);
		for (int i = 0; i < c->ntargets; i++)
			make_summary_row(&tab, &rs[i], &c->targets[i], m->hint);
		if (c->fmt == FMT_TEXT)
			printf("make(%s, %lld)\n", c->pos[0], (long long)m->hint);
	}
	if (tab.ncols)
		table_print(&tab, c->fmt, stdout);
	table_free(&tab);
}

int cmd_map(int argc, char **argv)
{
	map_args m = {.n = -1, .seed = 1};
	cli_opt extra[] = {
	    {"--hint", OPT_INT, &m.hint, NULL},		  {"--svg", OPT_STR, &m.svg, NULL},
	    {"--churn", OPT_STR, &m.churn_arg, &m.churn}, {"--grow", OPT_INT, &m.n, &m.grow},
	    {"--sim", OPT_INT, &m.runs, &m.sim},	  {"--seed", OPT_INT, &m.seed, &m.has_seed},
	    {"--noswissmap", OPT_FLAG, &m.noswiss, NULL}, {NULL, 0, NULL, NULL}};
	if (!cli_parse("map", argc, argv, extra, &m.c))
		return cli_usage_error("map");
	if (m.c.npos != 1) {
		cli_error("map needs exactly one map type, such as 'map[string]int'");
		return cli_usage_error("map");
	}
	if (!check_map_args(&m))
		return cli_usage_error("map");
	if (!cli_targets(&m.c))
		return EXIT_USAGE;
	gg_typeexpr *e = cli_type(m.c.pos[0]);
	if (!e)
		return EXIT_USAGE;
	const gg_type *t = gg_typeexpr_root(e);
	int is_map = t->kind == GG_MAP;
	target_res *rs = is_map ? calloc((size_t)m.c.ntargets, sizeof *rs) : NULL;
	if (!rs) {
		if (!is_map)
			cli_error("map needs a map type such as 'map[string]int', not %s", m.c.pos[0]);
		else
			cli_error("out of memory");
		gg_typeexpr_free(e);
		return is_map ? EXIT_INTERNAL : EXIT_USAGE;
	}
	int rc = EXIT_OK;
	for (int i = 0; i < m.c.ntargets; i++) {
		int r = answer_target(&rs[i], t, &m.c.targets[i], &m);
		if (rc == EXIT_OK)
			rc = r;
	}
	if (m.c.fmt == FMT_JSON)
		print_json_all(&m, rs);
	else
		print_all(&m, rs);
	if (m.svg && !write_grow_svg(m.svg, rs, &m.c) && rc == EXIT_OK)
		rc = EXIT_USAGE;
	for (int i = 0; i < m.c.ntargets; i++)
		free(rs[i].steps);
	free(rs);
	gg_typeexpr_free(e);
	return rc;
}
