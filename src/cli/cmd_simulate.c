/* gogrow simulate SCRIPT: runs a small workload script (gogrow/workload.h,
 * docs/simulate.md) against the model for one release and GOARCH and
 * reports the heap it would use: peak and final live bytes, total
 * allocated, growslice calls and map growth, old buckets held during
 * classic evacuation, per-variable and per-line totals and a timeline of
 * allocation events. --json, --svg, --trace and --pprof write the same run
 * in other forms; the writers live with the other output formats. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out/out.h"
#include "cli/out/write.h"
#include "gogrow/workload.h"

#define MAX_SCRIPT_BYTES (16u << 20)

/* One target's run and, where the hash seed decides, its simulations. */
typedef struct target_run {
	gg_workload_result r;
	gg_workload_seeded sd;
	int seeded; /* sd holds something to free */
} target_run;

/* Reads the whole script; "-" is stdin. */
static char *read_script(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f) {
		cli_error("cannot open %s", path);
		return NULL;
	}
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		if (n == cap) {
			if (cap >= MAX_SCRIPT_BYTES) {
				cli_error("%s: the script is over %u bytes", path, MAX_SCRIPT_BYTES);
				free(buf);
				buf = NULL;
				break;
			}
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	/* A directory opens but does not read (EISDIR): an error, not an empty script. */
	if (buf && ferror(f)) {
		cli_error("cannot read %s: %s", path, strerror(errno));
		free(buf);
		buf = NULL;
	}
	if (f != stdin)
		fclose(f);
	*len = n;
	return buf;
}

/* Runs of the seeded simulation by default: enough for a stable median at
 * little cost (10^6 keys: 2*10^7 simulated inserts), fewer when the
 * largest map would pass what the simulations take. */
#define DEFAULT_SEEDED_RUNS 21

static int default_runs(const gg_workload_result *r)
{
	int64_t most = 1;
	for (int i = 0; i < r->nvars; i++)
		if (r->vars[i].is_map && r->vars[i].peak_count > most)
			most = r->vars[i].peak_count;
	int64_t runs = GG_SEEDED_MAX_WORK / most;
	return runs > DEFAULT_SEEDED_RUNS ? DEFAULT_SEEDED_RUNS : runs < 1 ? 1 : (int)runs;
}

static void print_dist(const char *what, const gg_dist *d)
{
	printf("%s %llu / %llu / %llu", what, (unsigned long long)d->min, (unsigned long long)d->median,
	       (unsigned long long)d->max);
}

/* The heap line: exact, or simulated where the seed decides, with the
 * deterministic part shown as what it is, a lower bound. */
static void print_heap(const gg_workload_result *r, const gg_workload_seeded *sd)
{
	char a[24], b[24], c[24], d[24], e[24];
	if (!sd->nmaps && !sd->lower_bound) {
		printf("heap: peak %s bytes live (at op %s), %s live at the end, %s allocated in total (%s "
		       "objects)\n",
		       fmt_u64(a, r->peak), fmt_i64(b, r->peak_op), fmt_u64(c, r->final_live),
		       fmt_u64(d, r->total_alloc), fmt_u64(e, r->allocs));
		return;
	}
	if (sd->nmaps) {
		printf("heap: SIMULATED where the hash seed decides (%d map%s, %d random seeds from %llu), "
		       "min / "
		       "median / max:\n  ",
		       sd->nmaps, sd->nmaps > 1 ? "s" : "", sd->runs, (unsigned long long)sd->seed);
		print_dist("allocated in total", &sd->total);
		print_dist(";  live at the end", &sd->live);
		printf("\n");
		printf("  %s\n", out_hash_assumption);
		for (int i = 0; i < r->nvars; i++)
			if (sd->vars[i].done) {
				printf("  %s: ", r->vars[i].name);
				print_dist("its own bytes", &sd->vars[i].total);
				printf(" (deterministic part %s)\n", fmt_u64(a, r->vars[i].allocated));
			}
	}
	if (sd->lower_bound)
		printf("heap: a LOWER BOUND: %s, so its growth past the deterministic steps is not counted\n",
		       sd->why);
	printf("  deterministic part (a lower bound): peak %s bytes live (at op %s), %s live at the end, %s "
	       "allocated (%s objects)\n",
	       fmt_u64(a, r->peak), fmt_i64(b, r->peak_op), fmt_u64(c, r->final_live),
	       fmt_u64(d, r->total_alloc), fmt_u64(e, r->allocs));
}

static void json_seeded(json_w *w, const gg_workload_seeded *sd)
{
	jw_obj(w, "seeded");
	jw_s(w, "hash", out_hash_assumption_json);
	jw_i(w, "runs", sd->runs);
	jw_u(w, "seed", sd->seed);
	jw_i(w, "maps", sd->nmaps);
	jw_dist(w, "total_alloc", &sd->total);
	jw_dist(w, "final_live", &sd->live);
	jw_b(w, "lower_bound", sd->lower_bound);
	if (sd->lower_bound)
		jw_s(w, "why", sd->why);
	jw_end_obj(w);
}

static void json_seeded_var(json_w *w, const gg_workload_seeded_var *v)
{
	if (!v->done)
		return;
	jw_obj(w, "simulation");
	jw_s(w, "hash", out_hash_assumption_json);
	jw_b(w, "exact", 0);
	jw_dist(w, "allocated", &v->total);
	if (v->live_simulated)
		jw_dist(w, "live", &v->live);
	jw_end_obj(w);
}

/* "m", or "m[*]" for the slices stored in m's entries. */
static const char *var_label(const gg_workload_result *r, int var, int entry, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s", r->vars[var].name, entry ? "[*]" : "");
	return buf;
}

static const char *var_kind(const gg_workload_var *v)
{
	return !v->is_map ? "slice" : v->impl == GG_MAP_CLASSIC ? "classic map" : "swiss map";
}

/* Per variable: its allocations, and for a map of slices its entries'. */
static void print_vars(const gg_workload_result *r)
{
	char a[24], b[24], c[24], d[24];
	out_table tab;
	table_init(&tab);
	const char *heads[] = {"variable",  "type", "kind",  "allocs",
			       "allocated", "live", "grows", "at the end"};
	for (int i = 0; i < 8; i++)
		table_col(&tab, heads[i], i >= 3 && i <= 6);
	for (int i = 0; i < r->nvars; i++) {
		const gg_workload_var *v = &r->vars[i];
		char state[80], lb[40];
		if (v->is_map)
			snprintf(state, sizeof state, "len %lld (most %lld)", (long long)v->count,
				 (long long)v->peak_count);
		else
			snprintf(state, sizeof state, "len %lld cap %lld", (long long)v->len,
				 (long long)v->cap);
		const char *cells[] = {v->name,
				       v->type ? v->type : "",
				       var_kind(v),
				       fmt_u64(a, v->allocs),
				       fmt_u64(b, v->allocated),
				       fmt_u64(c, v->live),
				       fmt_u64(d, v->grows),
				       state};
		table_row(&tab, cells);
		if (v->entry_slices) {
			snprintf(state, sizeof state, "%lld non-nil slices", (long long)v->e_slices);
			const char *ec[] = {var_label(r, i, 1, lb, sizeof lb),
					    "slices in the entries",
					    "slices",
					    fmt_u64(a, v->e_allocs),
					    fmt_u64(b, v->e_allocated),
					    fmt_u64(c, v->e_live),
					    fmt_u64(d, v->e_grows),
					    state};
			table_row(&tab, ec);
		}
	}
	table_print(&tab, FMT_TEXT, sink_stdout());
	table_free(&tab);
}

static void print_growth(const gg_workload_result *r)
{
	char a[24], b[24], c[24];
	printf("growth: %s growslice calls, %s map grows (%s map growth steps with first buckets/groups)\n",
	       fmt_u64(a, r->growslices), fmt_u64(b, r->map_grows), fmt_u64(c, r->map_steps));
	int classic = 0;
	for (int i = 0; i < r->nvars; i++)
		if (r->vars[i].is_map && r->vars[i].impl == GG_MAP_CLASSIC) {
			classic = 1;
			printf(
			    "evacuation: %s holds old buckets of up to %s bytes, over %s operations in all\n",
			    r->vars[i].name, fmt_u64(a, r->vars[i].evac_peak),
			    fmt_i64(b, r->vars[i].evac_ops));
		}
	if (classic)
		printf("evacuation: at most %s bytes of old buckets held at once over all maps\n",
		       fmt_u64(a, r->evac_peak));
	for (int i = 0; i < r->nvars; i++)
		if (r->vars[i].note[0])
			printf("note: %s: %s\n", r->vars[i].name, r->vars[i].note);
	puts("(live = reachable: replaced arrays and evacuated buckets are garbage at once; GC timing is not"
	     " modelled)");
}

static void print_sites(const gg_workload_result *r)
{
	char a[24], b[24], c[24];
	out_table tab;
	printf("\nallocation sites:\n");
	table_init(&tab);
	const char *sh[] = {"line", "objects", "bytes", "statement"};
	for (int i = 0; i < 4; i++)
		table_col(&tab, sh[i], i < 3);
	for (int i = 0; i < r->nsites; i++) {
		const gg_workload_site *s = &r->sites[i];
		if (!s->bytes)
			continue;
		const char *cells[] = {fmt_i64(a, s->line), fmt_u64(b, s->allocs), fmt_u64(c, s->bytes),
				       s->text ? s->text : ""};
		table_row(&tab, cells);
	}
	table_print(&tab, FMT_TEXT, sink_stdout());
	table_free(&tab);
}

/* The first `nevents` events (-1: all that were kept). */
static void print_timeline(const gg_workload_result *r, int64_t nevents)
{
	char a[24], b[24], c[24];
	out_table tab;
	if (nevents == 0)
		return;
	size_t show = nevents < 0 || (uint64_t)nevents > r->nevents ? r->nevents : (size_t)nevents;
	printf("\ntimeline: %llu events", (unsigned long long)r->events_total);
	if (show < r->events_total)
		printf(" (the first %zu; --events N shows more, --json all%s)", show,
		       r->nevents < r->events_total ? " that were kept" : "");
	printf("\n");
	table_init(&tab);
	const char *th[] = {"op", "line", "variable", "key", "event", "cap/len", "alloc", "freed", "live"};
	for (int i = 0; i < 9; i++)
		table_col(&tab, th[i], i != 2 && i != 4);
	for (size_t i = 0; i < show; i++) {
		const gg_workload_event *ev = &r->events[i];
		char l[24], k[24], lb[40], cp[48], f[24];
		if (ev->kind == GG_WORKLOAD_EV_GROW)
			snprintf(cp, sizeof cp, "%lld->%lld", (long long)ev->oldcap, (long long)ev->newcap);
		else if (ev->kind == GG_WORKLOAD_EV_MAPSTEP || ev->kind == GG_WORKLOAD_EV_EVACUATED ||
			 ev->kind == GG_WORKLOAD_EV_ENTRY)
			snprintf(cp, sizeof cp, "len %lld", (long long)ev->newcap);
		else if (ev->kind == GG_WORKLOAD_EV_MAKE)
			snprintf(cp, sizeof cp, "cap %lld", (long long)ev->newcap);
		else
			cp[0] = 0;
		const char *cells[] = {fmt_i64(a, ev->op),
				       fmt_i64(l, ev->line),
				       var_label(r, ev->var, ev->entry, lb, sizeof lb),
				       ev->entry ? fmt_i64(k, ev->key) : "",
				       ev->what,
				       cp,
				       fmt_u64(b, ev->alloc),
				       fmt_u64(f, ev->freed),
				       fmt_u64(c, ev->live)};
		table_row(&tab, cells);
	}
	table_print(&tab, FMT_TEXT, sink_stdout());
	table_free(&tab);
}

static void print_text(const gg_workload_result *r, const gg_workload_seeded *sd, const char *script,
		       int64_t nevents)
{
	char gb[16];
	printf("%s/%s: %s, %lld operations\n", cli_go_name(r->t.go, gb), r->t.arch->name, script,
	       (long long)r->ops);
	print_vars(r);
	print_heap(r, sd);
	print_growth(r);
	print_sites(r);
	print_timeline(r, nevents);
}

static void json_var(json_w *w, const gg_workload_var *v, const gg_workload_seeded_var *sv)
{
	jw_obj(w, NULL);
	jw_s(w, "name", v->name);
	jw_s(w, "type", v->type ? v->type : "");
	jw_s(w, "kind", v->is_map ? (v->impl == GG_MAP_CLASSIC ? "classic" : "swiss") : "slice");
	jw_i(w, "line", v->line);
	jw_u(w, "allocs", v->allocs);
	jw_u(w, "allocated", v->allocated);
	jw_u(w, "live", v->live);
	jw_u(w, "grows", v->grows);
	if (v->is_map) {
		jw_i(w, "len", v->count);
		jw_i(w, "most_keys", v->peak_count);
		if (v->impl == GG_MAP_CLASSIC) {
			jw_u(w, "evacuation_peak", v->evac_peak);
			jw_i(w, "evacuation_ops", v->evac_ops);
		}
		if (v->exact_until >= 0)
			jw_i(w, "exact_until", v->exact_until);
	} else {
		jw_i(w, "len", v->len);
		jw_i(w, "cap", v->cap);
	}
	if (v->entry_slices) { /* a map's slices, or a slice's rows */
		jw_obj(w, "entries");
		jw_u(w, "allocs", v->e_allocs);
		jw_u(w, "allocated", v->e_allocated);
		jw_u(w, "live", v->e_live);
		jw_u(w, "grows", v->e_grows);
		jw_i(w, "slices", v->e_slices);
		jw_end_obj(w);
	}
	if (v->note[0])
		jw_s(w, "note", v->note);
	json_seeded_var(w, sv);
	jw_end_obj(w);
}

static void json_timeline(json_w *w, const gg_workload_result *r)
{
	char lb[40];
	jw_arr(w, "timeline");
	for (size_t i = 0; i < r->nevents; i++) {
		const gg_workload_event *ev = &r->events[i];
		jw_obj(w, NULL);
		jw_i(w, "op", ev->op);
		jw_i(w, "line", ev->line);
		jw_s(w, "variable", var_label(r, ev->var, ev->entry, lb, sizeof lb));
		if (ev->entry)
			jw_i(w, "key", ev->key);
		jw_s(w, "event", ev->what);
		if (ev->kind == GG_WORKLOAD_EV_GROW) {
			jw_i(w, "oldcap", ev->oldcap);
			jw_i(w, "newcap", ev->newcap);
		} else if (ev->kind == GG_WORKLOAD_EV_MAKE)
			jw_i(w, "cap", ev->newcap);
		else if (ev->kind == GG_WORKLOAD_EV_MAPSTEP || ev->kind == GG_WORKLOAD_EV_EVACUATED ||
			 ev->kind == GG_WORKLOAD_EV_ENTRY)
			jw_i(w, "len", ev->newcap);
		jw_u(w, "alloc", ev->alloc);
		jw_u(w, "freed", ev->freed);
		jw_u(w, "during", ev->during);
		jw_u(w, "live", ev->live);
		jw_end_obj(w);
	}
	jw_end_arr(w);
}

/* One run as a JSON object. */
static void json_result(json_w *w, const gg_workload_result *r, const gg_workload_seeded *sd,
			const char *script)
{
	char gb[16];
	jw_obj(w, NULL);
	jw_s(w, "command", "simulate");
	jw_s(w, "script", script);
	jw_s(w, "go", cli_go_name(r->t.go, gb));
	jw_s(w, "arch", r->t.arch->name);
	jw_i(w, "ops", r->ops);
	jw_u(w, "peak_live", r->peak);
	jw_i(w, "peak_op", r->peak_op);
	jw_u(w, "final_live", r->final_live);
	/* Where the seed decides, the headline is the simulated median. */
	jw_u(w, "total_alloc", sd->nmaps ? sd->total.median : r->total_alloc);
	jw_u(w, "total_alloc_deterministic", r->total_alloc);
	jw_u(w, "objects", r->allocs);
	jw_u(w, "growslice_calls", r->growslices);
	jw_u(w, "map_grows", r->map_grows);
	jw_u(w, "map_steps", r->map_steps);
	jw_u(w, "evacuation_peak", r->evac_peak);
	jw_b(w, "exact", !r->inexact);
	if (sd->nmaps || sd->lower_bound)
		json_seeded(w, sd);
	jw_arr(w, "variables");
	for (int i = 0; i < r->nvars; i++)
		json_var(w, &r->vars[i], &sd->vars[i]);
	jw_end_arr(w);
	jw_arr(w, "sites");
	for (int i = 0; i < r->nsites; i++) {
		jw_obj(w, NULL);
		jw_i(w, "line", r->sites[i].line);
		jw_s(w, "statement", r->sites[i].text ? r->sites[i].text : "");
		jw_u(w, "objects", r->sites[i].allocs);
		jw_u(w, "bytes", r->sites[i].bytes);
		jw_end_obj(w);
	}
	jw_end_arr(w);
	jw_u(w, "events_total", r->events_total);
	jw_b(w, "timeline_truncated", r->nevents < r->events_total);
	json_timeline(w, r);
	jw_end_obj(w);
}

static void print_json(const gg_workload_result *r, const gg_workload_seeded *sd, const char *script)
{
	json_w w;
	jw_begin(&w, sink_stdout());
	json_result(&w, r, sd, script);
	jw_finish(&w);
}

/* Live heap over operations: at each event the moment both the old and
 * the new storage are referenced, then what stays live. Long timelines are
 * thinned to the highest value and the last live value per pixel column,
 * which keeps every peak visible. */
static int write_svg(const char *path, const gg_workload_result *r, const char *script)
{
	size_t n = 2 * r->nevents + 2, cols = 1200;
	double *xs = malloc(n * sizeof *xs), *ys = malloc(n * sizeof *ys);
	if (!xs || !ys) {
		free(xs);
		free(ys);
		cli_error("out of memory");
		return 0;
	}
	size_t k = 0;
	xs[k] = 0, ys[k++] = 0;
	double span = r->ops > 0 ? (double)r->ops : 1;
	for (size_t i = 0; i < r->nevents;) {
		const gg_workload_event *ev = &r->events[i];
		if (r->nevents <= cols) {
			xs[k] = (double)ev->op, ys[k++] = (double)ev->during;
			xs[k] = (double)ev->op, ys[k++] = (double)ev->live;
			i++;
			continue;
		}
		size_t col = (size_t)((double)ev->op / span * (double)cols);
		double hi = (double)ev->during;
		int64_t op = ev->op;
		for (i++; i < r->nevents && (size_t)((double)r->events[i].op / span * (double)cols) == col;
		     i++)
			if ((double)r->events[i].during > hi)
				hi = (double)r->events[i].during;
		xs[k] = (double)op, ys[k++] = hi;
		xs[k] = (double)op, ys[k++] = (double)r->events[i - 1].live;
	}
	xs[k] = (double)r->ops, ys[k++] = (double)r->final_live;
	char title[200], gb[16], name[64];
	snprintf(title, sizeof title, "%s: live heap, %s/%s%s", script, cli_go_name(r->t.go, gb),
		 r->t.arch->name, r->nevents < r->events_total ? " (timeline truncated)" : "");
	snprintf(name, sizeof name, "live bytes");
	svg_series s = {name, xs, ys, k, 1};
	int ok = svg_plot(path, title, "operation", "bytes", &s, 1, 0, 0);
	free(xs);
	free(ys);
	return ok;
}

/* One track per variable and one for the slices stored in a map's entries;
 * a complete event (X) per allocation, lasting one operation, except a
 * classic map's grow, which lasts until its old buckets are evacuated; the
 * live heap as a counter. */
static int write_trace(const char *path, const gg_workload_result *r, const char *script)
{
	char proc[300], gb[16], lb[80];
	snprintf(proc, sizeof proc, "gogrow simulate %s %s/%s (ts = operation index)", script,
		 cli_go_name(r->t.go, gb), r->t.arch->name);
	trace_w t;
	if (!trace_open(&t, path, proc))
		return 0;
	for (int i = 0; i < r->nvars; i++) {
		const gg_workload_var *v = &r->vars[i];
		snprintf(lb, sizeof lb, "%s %s", v->name, v->type ? v->type : "");
		trace_thread(&t, 1 + 2 * i, lb, 2 * i);
		if (v->entry_slices) {
			snprintf(lb, sizeof lb, "slices in %s", v->name);
			trace_thread(&t, 2 + 2 * i, lb, 2 * i + 1);
		}
	}
	for (size_t k = 0; k < r->nevents; k++) {
		const gg_workload_event *ev = &r->events[k];
		int tid = 1 + 2 * ev->var + (ev->entry ? 1 : 0);
		if (ev->kind == GG_WORKLOAD_EV_EVACUATED || ev->kind == GG_WORKLOAD_EV_FREE) {
			trace_event(&t, ev->what, 'i', ev->op, tid);
			jw_s(&t.w, "s", "t");
		} else {
			int64_t dur = 1;
			if (ev->kind == GG_WORKLOAD_EV_MAPSTEP && r->vars[ev->var].impl == GG_MAP_CLASSIC &&
			    !strcmp(ev->what, "double")) {
				size_t j = k + 1;
				while (j < r->nevents && !(r->events[j].var == ev->var &&
							   r->events[j].kind == GG_WORKLOAD_EV_EVACUATED))
					j++;
				dur = (j < r->nevents ? r->events[j].op : r->ops) - ev->op + 1;
			}
			trace_event(&t, ev->what, 'X', ev->op, tid);
			jw_i(&t.w, "dur", dur);
		}
		jw_obj(&t.w, "args");
		jw_i(&t.w, "line", ev->line);
		if (ev->entry)
			jw_i(&t.w, "key", ev->key);
		if (ev->kind == GG_WORKLOAD_EV_GROW) {
			jw_i(&t.w, "oldcap", ev->oldcap);
			jw_i(&t.w, "newcap", ev->newcap);
		} else if (ev->kind == GG_WORKLOAD_EV_MAPSTEP || ev->kind == GG_WORKLOAD_EV_EVACUATED ||
			   ev->kind == GG_WORKLOAD_EV_ENTRY)
			jw_i(&t.w, "len", ev->newcap);
		jw_u(&t.w, "bytes", ev->alloc);
		jw_u(&t.w, "freed", ev->freed);
		jw_u(&t.w, "live", ev->live);
		jw_end_obj(&t.w);
		trace_end(&t);
		trace_event(&t, "live heap", 'C', ev->op, 0);
		jw_obj(&t.w, "args");
		jw_u(&t.w, "bytes", ev->live);
		jw_end_obj(&t.w);
		trace_end(&t);
	}
	if (r->nevents < r->events_total) {
		trace_event(&t, "timeline truncated", 'i', r->nevents ? r->events[r->nevents - 1].op : 0, 0);
		jw_s(&t.w, "s", "g");
		jw_obj(&t.w, "args");
		jw_u(&t.w, "kept", r->nevents);
		jw_u(&t.w, "events", r->events_total);
		jw_end_obj(&t.w);
		trace_end(&t);
	}
	return trace_close(&t, path);
}

/* One pprof sample per script line that allocated, named after the line. */
static int write_pprof(const char *path, const gg_workload_result *r, const char *script)
{
	pprof_site *ps = calloc((size_t)(r->nsites ? r->nsites : 1), sizeof *ps);
	char **names = calloc((size_t)(r->nsites ? r->nsites : 1), sizeof *names);
	size_t n = 0;
	int ok = ps && names;
	for (int i = 0; ok && i < r->nsites; i++) {
		const gg_workload_site *st = &r->sites[i];
		if (!st->allocs)
			continue;
		size_t len = strlen(st->text ? st->text : "") + 32;
		if (!(names[n] = malloc(len))) {
			ok = 0;
			break;
		}
		/* The line number keeps two identical statements apart. */
		snprintf(names[n], len, "line %d: %s", st->line, st->text ? st->text : "");
		ps[n] = (pprof_site){names[n], st->line, st->allocs, st->bytes};
		n++;
	}
	char comment[300], gb[16];
	snprintf(comment, sizeof comment, "gogrow simulate %s, %s/%s: every allocation, not sampled", script,
		 cli_go_name(r->t.go, gb), r->t.arch->name);
	if (!ok)
		cli_error("out of memory");
	else
		ok = pprof_write(path, ps, n, script, comment);
	for (size_t i = 0; names && i < n; i++)
		free(names[i]);
	free(names);
	free(ps);
	return ok;
}

/* Several targets: the summary of each run side by side (one column per
 * target), or a JSON array of the runs. Where the hash seed decides, the
 * column shows the simulated median, marked ~, and a lower bound >=. */
static void many_row(out_table *tab, const char *what, const target_run *tr, int n,
		     uint64_t (*get)(const target_run *, int *mark))
{
	char cells[CLI_MAX_TARGETS + 1][32];
	const char *row[CLI_MAX_TARGETS + 1];
	row[0] = what;
	for (int i = 0; i < n; i++) {
		int mark = 0;
		char v[24];
		fmt_u64(v, get(&tr[i], &mark));
		snprintf(cells[i + 1], sizeof cells[i + 1], "%s%s",
			 mark == 1   ? "~"
			 : mark == 2 ? ">="
				     : "",
			 v);
		row[i + 1] = cells[i + 1];
	}
	table_row(tab, row);
}

static int seeded_mark(const target_run *t)
{
	return t->sd.lower_bound ? 2 : t->sd.nmaps ? 1 : 0;
}

static uint64_t get_ops(const target_run *t, int *m)
{
	(void)m;
	return (uint64_t)t->r.ops;
}

static uint64_t get_total(const target_run *t, int *m)
{
	*m = seeded_mark(t);
	return t->sd.nmaps ? t->sd.total.median : t->r.total_alloc;
}

static uint64_t get_final(const target_run *t, int *m)
{
	*m = seeded_mark(t);
	return t->sd.nmaps ? t->sd.live.median : t->r.final_live;
}

static uint64_t get_peak(const target_run *t, int *m)
{
	*m = t->sd.nmaps || t->sd.lower_bound ? 2 : 0;
	return t->r.peak;
}

static uint64_t get_objects(const target_run *t, int *m)
{
	*m = t->sd.nmaps || t->sd.lower_bound ? 2 : 0;
	return t->r.allocs;
}

static uint64_t get_growslice(const target_run *t, int *m)
{
	(void)m;
	return t->r.growslices;
}

static uint64_t get_mapgrows(const target_run *t, int *m)
{
	*m = t->r.inexact ? 2 : 0;
	return t->r.map_grows;
}

static void print_many(const target_run *tr, int n, const char *script, int json)
{
	if (json) {
		json_w w;
		jw_begin(&w, sink_stdout());
		jw_arr(&w, NULL);
		for (int i = 0; i < n; i++)
			json_result(&w, &tr[i].r, &tr[i].sd, script);
		jw_end_arr(&w);
		jw_finish(&w);
		return;
	}
	char heads[CLI_MAX_TARGETS][32], gb[16];
	out_table tab;
	table_init(&tab);
	table_col(&tab, "", 0);
	for (int i = 0; i < n; i++) {
		snprintf(heads[i], sizeof heads[i], "%s/%s", cli_go_name(tr[i].r.t.go, gb),
			 tr[i].r.t.arch->name);
		table_col(&tab, heads[i], 1);
	}
	printf("%s: %d targets\n", script, n);
	many_row(&tab, "operations", tr, n, get_ops);
	many_row(&tab, "allocated in total", tr, n, get_total);
	many_row(&tab, "objects", tr, n, get_objects);
	many_row(&tab, "peak live", tr, n, get_peak);
	many_row(&tab, "live at the end", tr, n, get_final);
	many_row(&tab, "growslice calls", tr, n, get_growslice);
	many_row(&tab, "map grows", tr, n, get_mapgrows);
	table_print(&tab, FMT_TEXT, sink_stdout());
	table_free(&tab);
	puts("(~ simulated median where the hash seed decides; >= a lower bound, the deterministic part;"
	     " one target at a time shows the details and notes)");
}

/* The options that do not need the targets: 0, or the exit status. */
static int check_options(const cli_common *c, int64_t nevents, int sim, int64_t runs)
{
	if (c->npos != 1) {
		cli_error("simulate needs exactly one script file (- for stdin)");
		return cli_usage_error("simulate");
	}
	if (c->escape) {
		cli_error(
		    "--escape does not apply to simulate: every slice and map of a script lives on the heap");
		return cli_usage_error("simulate");
	}
	if (c->fmt == FMT_TSV) {
		cli_error("simulate has no --tsv output (use --json)");
		return cli_usage_error("simulate");
	}
	if (nevents < -1) {
		cli_error("--events must be a number of rows, or -1 for all of them");
		return cli_usage_error("simulate");
	}
	if (sim && (runs < 1 || runs > GG_SEEDED_MAX_RUNS)) {
		cli_error("--sim must be 1..%d runs", GG_SEEDED_MAX_RUNS);
		return EXIT_USAGE;
	}
	return 0;
}

/* Runs the script for one target (many: say which in errors). Returns
 * EXIT_OK, or the exit status after printing the error. */

static int run_target(const gg_workload *p, const gg_target *t, int noswiss, int sim, int64_t runs,
		      int64_t seed, const char *name, int many, target_run *out)
{
	gg_workload_limits lim;
	gg_workload_diag d;
	gg_error err;
	char gb[16], where[40] = "";
	gg_workload_default_limits(&lim);
	out->seeded = 0;
	if (many) /* which target failed, when several run */
		snprintf(where, sizeof where, "%s/%s: ", cli_go_name(t->go, gb), t->arch->name);
	if (gg_workload_run(t, p, noswiss, &lim, &out->r, &d) != GG_OK) {
		if (d.line)
			fprintf(stderr, "%s:%d:%d: %s%s\n", name, d.line, d.col, where, d.msg);
		else
			cli_error("%s%s", where, d.msg);
		return cli_exit(d.code);
	}
	/* Where the hash seed decides, the figures are simulated (--sim R runs). */
	gg_status st = gg_workload_seed(&out->r, sim ? (int)runs : default_runs(&out->r), (uint64_t)seed,
					&out->sd, &err);
	if (st != GG_OK) {
		cli_error("%ssimulation: %s", where, err.msg);
		return cli_exit(st);
	}
	out->seeded = 1;
	return EXIT_OK;
}

static void free_runs(target_run *tr, int n)
{
	for (int i = 0; i < n; i++) {
		if (tr[i].seeded)
			gg_workload_seeded_free(&tr[i].sd);
		gg_workload_result_free(&tr[i].r);
	}
	free(tr);
}

/* Option checks that need the targets. */
static int check_targets(const cli_common *c, int noswiss, const char *svg, const char *trace,
			 const char *pprof)
{
	if (c->ntargets > 1 && (svg || trace || pprof)) {
		cli_error("--svg, --trace and --pprof draw one run: give one --go and one --arch");
		return 0;
	}
	for (int i = 0; noswiss && i < c->ntargets; i++) {
		gg_mapimpl impl;
		gg_error err;
		if (gg_map_impl(c->targets[i].go, 1, &impl, &err) != GG_OK) {
			cli_gg_error(&err);
			return 0;
		}
	}
	return 1;
}

/* --runtime goes with the options that describe one run of the model
 * on one target: not with the seeded simulations nor the drawings. */
static int check_runtime(const cli_common *c, int sim, int64_t nevents, const char *svg, const char *trace,
			 const char *pprof)
{
	if (sim || nevents != 30 || svg || trace || pprof) {
		cli_error(
		    "--runtime compares one run: --sim, --events, --svg, --trace and --pprof do not apply");
		return 0;
	}
	if (c->ntargets != 1) {
		cli_error("--runtime runs one release on this host: give one --go");
		return 0;
	}
	return 1;
}

/* simulate --runtime: the model and the runtime side by side; exit 1 when
 * a figure the model calls exact differs (as conform's mismatches). */
static int run_runtime(const cli_common *c, const gg_workload *p, int noswiss, int64_t seed, const char *name)
{
	simrt_answer a;
	gg_workload_diag d;
	gg_status st = simrt_answer_build(&a, p, &c->targets[0], noswiss, (uint64_t)seed, &d);
	int rc = a.differ ? EXIT_MISMATCH : EXIT_OK;
	if (st == GG_OK)
		simrt_write(&a, name, c->fmt, sink_stdout());
	else if (d.line)
		fprintf(stderr, "%s:%d:%d: %s\n", name, d.line, d.col, d.msg);
	else
		cli_error("%s", d.msg);
	simrt_answer_free(&a);
	return st == GG_OK ? rc : cli_exit(st);
}

int cmd_simulate(int argc, char **argv)
{
	cli_common c;
	int64_t nevents = 30, runs = 0, seed = 1;
	int sim = 0, noswiss = 0, runtime = 0;
	const char *svg = NULL, *trace = NULL, *pprof = NULL;
	cli_opt extra[] = {{"--events", OPT_INT, &nevents, NULL},
			   {"--sim", OPT_INT, &runs, &sim},
			   {"--seed", OPT_INT, &seed, NULL},
			   {"--noswissmap", OPT_FLAG, &noswiss, NULL},
			   {"--svg", OPT_STR, &svg, NULL},
			   {"--trace", OPT_STR, &trace, NULL},
			   {"--pprof", OPT_STR, &pprof, NULL},
			   {"--runtime", OPT_FLAG, &runtime, NULL},
			   {NULL, 0, NULL, NULL}};
	if (!cli_parse("simulate", argc, argv, extra, &c))
		return cli_usage_error("simulate");
	int bad = check_options(&c, nevents, sim, runs);
	if (bad)
		return bad;
	/* The runtime runs on this host: its arch unless one is asked for. */
	if (runtime && !c.explicit_arch && simrt_host_arch())
		c.arch = simrt_host_arch();
	if (!cli_targets(&c) || !check_targets(&c, noswiss, svg, trace, pprof))
		return EXIT_USAGE;
	if (runtime && !check_runtime(&c, sim, nevents, svg, trace, pprof))
		return EXIT_USAGE;
	const char *path = c.pos[0];
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	size_t len;
	char *src = read_script(path, &len);
	if (!src)
		return EXIT_USAGE;
	gg_workload_limits lim;
	gg_workload_default_limits(&lim);
	lim.types = (struct gg_gosrc *)cli_pkg(); /* --pkg */
	gg_workload *p;
	gg_workload_diag d;
	if (gg_workload_parse(src, len, &lim, &p, &d) != GG_OK) {
		fprintf(stderr, "%s:%d:%d: %s\n", name, d.line, d.col, d.msg);
		free(src);
		return cli_exit(d.code);
	}
	if (runtime) {
		int rc = run_runtime(&c, p, noswiss, seed, name);
		gg_workload_free(p);
		free(src);
		return rc;
	}
	/* Every target runs before anything is printed: a failing run prints nothing on stdout. */
	target_run *tr = calloc((size_t)c.ntargets, sizeof *tr);
	int rc = tr ? EXIT_OK : (cli_error("out of memory"), cli_exit(GG_ERR_NOMEM));
	int n = 0;
	for (; rc == EXIT_OK && n < c.ntargets; n++)
		rc = run_target(p, &c.targets[n], noswiss, sim, runs, seed, name, c.ntargets > 1, &tr[n]);
	if (rc == EXIT_OK && c.ntargets > 1)
		print_many(tr, n, name, c.fmt == FMT_JSON);
	else if (rc == EXIT_OK) {
		if (c.fmt == FMT_JSON)
			print_json(&tr[0].r, &tr[0].sd, name);
		else
			print_text(&tr[0].r, &tr[0].sd, name, nevents);
		if (svg && !write_svg(svg, &tr[0].r, name))
			rc = EXIT_USAGE;
		if (trace && !write_trace(trace, &tr[0].r, name))
			rc = EXIT_USAGE;
		if (pprof && !write_pprof(pprof, &tr[0].r, name))
			rc = EXIT_USAGE;
	}
	if (tr)
		free_runs(tr, n);
	gg_workload_free(p);
	free(src);
	return rc;
}
