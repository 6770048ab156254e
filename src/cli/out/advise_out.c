/* gogrow advise: the advice as text or JSON, a --pattern as a table. */
#include <stdio.h>

#include "cli/out/write.h"

/* The fields every advise answer starts with, the object left open. */
static void json_head(json_w *w, out_sink *o, const char *type, int go, const char *arch, int64_t n)
{
	char gb[16];
	jw_begin(w, o);
	jw_obj(w, NULL);
	jw_s(w, "command", "advise");
	jw_s(w, "type", type);
	jw_s(w, "go", cli_go_name(go, gb));
	jw_s(w, "arch", arch);
	jw_i(w, "n", n);
}

void advise_slice_write(const advise_slice_answer *a, cli_format fmt, out_sink *o)
{
	char gb[16];
	if (fmt == FMT_JSON) {
		json_w w;
		json_head(&w, o, a->type, a->go, a->arch, a->n);
		jw_i(&w, "advised_cap", a->fill);
		jw_u(&w, "advised_bytes", a->exact.allocated);
		jw_i(&w, "grow_from_empty_growths", a->grow.grows);
		jw_u(&w, "grow_from_empty_allocated", a->grow.allocated);
		jw_u(&w, "grow_from_empty_copied", a->grow.copied);
		jw_i(&w, "grow_from_empty_cap", a->grow.cap);
		jw_end_obj(&w);
		jw_finish(&w);
		return;
	}
	sink_printf(o, "%s on %s/%s, %lld elements of %llu bytes\n", a->type, cli_go_name(a->go, gb), a->arch,
		    (long long)a->n, (unsigned long long)a->elem_size);
	sink_printf(o, "  advice: make(%s, 0, %lld)%s\n", a->type, (long long)a->fill,
		    a->fill > a->n ? "  (the allocation for n has room for this many: same bytes)" : "");
	sink_printf(o, "  with make: 1 allocation of %llu bytes, no copy\n",
		    (unsigned long long)a->exact.allocated);
	sink_printf(
	    o,
	    "  growing from empty: %lld growths, %llu bytes allocated in all, %llu bytes copied, final "
	    "cap %lld\n",
	    (long long)a->grow.grows, (unsigned long long)a->grow.allocated,
	    (unsigned long long)a->grow.copied, (long long)a->grow.cap);
	sink_printf(o, "  saved: %llu bytes allocated (%.1fx less), %lld growslice calls avoided\n",
		    (unsigned long long)(a->grow.allocated - a->exact.allocated),
		    a->exact.allocated ? (double)a->grow.allocated / (double)a->exact.allocated : 0.0,
		    (long long)a->grow.grows);
}

void advise_pattern_write(const advise_pattern_answer *a, cli_format fmt, out_sink *o)
{
	out_table tab;
	table_init(&tab);
	const char *heads[] = {"make cap", "allocated", "copied", "growths", "note"};
	for (int i = 0; i < 5; i++)
		table_col(&tab, heads[i], i < 4);
	for (int k = 0; k < a->nc; k++) {
		char s[24], b[24], c[24], d[24];
		snprintf(s, sizeof s, "%lld", (long long)a->cands[k]);
		snprintf(b, sizeof b, "%llu", (unsigned long long)a->totals[k].allocated);
		snprintf(c, sizeof c, "%llu", (unsigned long long)a->totals[k].copied);
		snprintf(d, sizeof d, "%lld", (long long)a->totals[k].grows);
		const char *row[] = {s, b, c, d, k == a->best ? "<- least bytes" : ""};
		table_row(&tab, row);
	}
	if (fmt == FMT_TEXT)
		sink_printf(o, "%s, %d runs reaching lengths %s (totals over all runs)\n", a->type, a->nl,
			    a->pattern);
	table_print(&tab, fmt, o);
	table_free(&tab);
}

static void map_json(const advise_map_answer *a, out_sink *o)
{
	json_w w;
	json_head(&w, o, a->type, a->go, a->arch, a->n);
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

static void map_text(const advise_map_answer *a, out_sink *o)
{
	char gb[16];
	sink_printf(o, "%s on %s/%s, %lld distinct keys (%s)\n", a->type, cli_go_name(a->go, gb), a->arch,
		    (long long)a->n, a->impl == GG_MAP_SWISS ? "swiss tables" : "classic buckets");
	if (a->ignored)
		sink_printf(
		    o,
		    "  no hint helps: the runtime ignores the hint of make(%s, %lld) on %s (its storage\n"
		    "  would pass maxAlloc): make allocates as with no hint and the map grows all the same\n",
		    a->type, (long long)a->n, a->arch);
	else {
		sink_printf(o, "  advice: make(%s, %lld)\n", a->type, (long long)a->n);
		sink_printf(o, "  with the hint: %llu bytes allocated by make%s, no growth up to %lld keys\n",
			    (unsigned long long)a->make_bytes,
			    a->entries ? " (plus the per-key objects)" : "", (long long)a->n);
	}
	if (a->impl == GG_MAP_CLASSIC)
		sink_printf(o,
			    "  (inserts may still take overflow buckets past the preallocated spares: hash "
			    "dependent)\n");
	if (a->simulated)
		sink_printf(
		    o,
		    "  growing from empty: %lld deterministic growth steps; bytes allocated in all depend "
		    "on the\n"
		    "  hash seed: SIMULATION over %lld seeds: min %llu, median %llu, max %llu\n",
		    (long long)a->steps, (long long)a->runs, (unsigned long long)a->sim.min,
		    (unsigned long long)a->sim.median, (unsigned long long)a->sim.max);
	else if (a->seeded)
		sink_printf(
		    o,
		    "  growing from empty: %lld deterministic growth steps; past them the bytes depend on "
		    "the hash\n  seed, and one run of %lld inserts is past what gogrow simulates (%lld): not "
		    "estimated\n",
		    (long long)a->steps, (long long)a->n, (long long)GG_SEEDED_MAX_WORK);
	else
		sink_printf(o,
			    "  growing from empty: %lld growth steps, %llu bytes allocated in all (exact)\n",
			    (long long)a->steps, (unsigned long long)a->from_empty);
	if (!a->ignored && (a->simulated || !a->seeded) && a->from_empty > a->with)
		sink_printf(o, "  saved: %llu bytes allocated%s (%.1fx less), %lld growth steps avoided\n",
			    (unsigned long long)(a->from_empty - a->with), a->simulated ? " (median)" : "",
			    (double)a->from_empty / (double)a->with, (long long)a->steps);
}

void advise_map_write(const advise_map_answer *a, cli_format fmt, out_sink *o)
{
	if (fmt == FMT_JSON)
		map_json(a, o);
	else
		map_text(a, o);
}
