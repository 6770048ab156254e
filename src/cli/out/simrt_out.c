/* gogrow simulate --runtime: per statement and in total, the model's
 * figure next to the runtime's measured one, and a check column saying
 * which of them are compared and whether they agree. */
#include <stdio.h>

#include "cli/out/write.h"

/* What the check column says of a row's or total's figures. */
static const char *check_word(const simrt_fig *a, const simrt_fig *b)
{
	if (SIMRT_DIFFERS(*a) || (b && SIMRT_DIFFERS(*b)))
		return "DIFFERS";
	if (!a->comparable)
		return "not comparable";
	if (!a->exact)
		return a->model == a->runtime && (!b || b->model == b->runtime) ? "equal (model not exact)"
										: "model not exact";
	return "equal";
}

static void add_row(out_table *t, const char *line, const char *what, const simrt_fig *bytes,
		    const simrt_fig *objs)
{
	char b[4][24];
	const char *cells[7] = {line,
				what,
				fmt_u64(b[0], bytes->model),
				fmt_u64(b[1], bytes->runtime),
				objs ? fmt_u64(b[2], objs->model) : "",
				objs ? fmt_u64(b[3], objs->runtime) : "",
				check_word(bytes, objs)};
	table_row(t, cells);
}

static void write_table(const simrt_answer *a, cli_format fmt, out_sink *o)
{
	out_table t;
	table_init(&t);
	table_col(&t, "line", 1);
	table_col(&t, "statement", 0);
	table_col(&t, "model bytes", 1);
	table_col(&t, "runtime bytes", 1);
	table_col(&t, "model objects", 1);
	table_col(&t, "runtime objects", 1);
	table_col(&t, "check", 0);
	char lb[24];
	for (int i = 0; i < a->nrows; i++) {
		const simrt_row *r = &a->rows[i];
		add_row(&t, fmt_i64(lb, r->line), r->text ? r->text : "", &r->bytes, &r->objects);
	}
	add_row(&t, "", "total (TotalAlloc, Mallocs)", &a->total, &a->objects);
	add_row(&t, "", "peak live (peak HeapAlloc)", &a->peak, NULL);
	add_row(&t, "", "live at the end (HeapAlloc)", &a->final_live, NULL);
	table_print(&t, fmt, o);
	table_free(&t);
}

static void write_text(const simrt_answer *a, const char *script, out_sink *o)
{
	char gb[16];
	sink_printf(
	    o, "%s/%s (this host): %s, %lld operations, model against the runtime (gogrow heap, %s maps)\n",
	    cli_go_name(a->go, gb), a->arch, script, (long long)a->ops,
	    a->maps == GG_MAP_CLASSIC ? "classic" : "Swiss");
	write_table(a, FMT_TEXT, o);
	if (!a->checked)
		sink_puts(
		    o,
		    "no figure is both exact in the model and measurable by the runtime: nothing checked\n");
	else if (a->differ)
		sink_printf(o, "%d of %d figures the model calls exact DIFFER from the runtime's\n",
			    a->differ, a->checked);
	else
		sink_printf(o,
			    "all %d figures the model calls exact (and the runtime can measure) are equal\n",
			    a->checked);
	if (a->stand_ins)
		sink_printf(o,
			    "runtime: %llu objects of Go's size stood in for the maps' C headers and tables "
			    "(docs/runtime.md)\n",
			    (unsigned long long)a->stand_ins);
	if (a->tiny_allocs && !a->peak.comparable)
		sink_printf(
		    o,
		    "runtime: %llu tiny allocations; the heap keeps the tiny block it is filling while "
		    "the model counts it garbage once empty, so the peak is not compared\n",
		    (unsigned long long)a->tiny_allocs);
	if (a->model_note[0])
		sink_printf(o, "model not exact: %s\n", a->model_note);
	if (a->runtime_note[0])
		sink_printf(o, "not comparable: %s\n", a->runtime_note);
}

static void json_fig(json_w *w, const char *key, const simrt_fig *f)
{
	jw_obj(w, key);
	jw_u(w, "model", f->model);
	jw_u(w, "runtime", f->runtime);
	jw_b(w, "exact", f->exact);
	jw_b(w, "comparable", f->comparable);
	jw_b(w, "differs", SIMRT_DIFFERS(*f));
	jw_end_obj(w);
}

static void write_json(const simrt_answer *a, const char *script, out_sink *o)
{
	json_w w;
	char gb[16];
	jw_begin(&w, o);
	jw_obj(&w, NULL);
	jw_s(&w, "command", "simulate --runtime");
	jw_s(&w, "script", script);
	jw_s(&w, "go", cli_go_name(a->go, gb));
	jw_s(&w, "arch", a->arch);
	jw_i(&w, "ops", a->ops);
	json_fig(&w, "total_alloc", &a->total);
	json_fig(&w, "objects", &a->objects);
	json_fig(&w, "peak_live", &a->peak);
	json_fig(&w, "final_live", &a->final_live);
	jw_i(&w, "checked", a->checked);
	jw_i(&w, "differ", a->differ);
	jw_u(&w, "stand_ins", a->stand_ins);
	jw_u(&w, "tiny_allocs", a->tiny_allocs);
	jw_s(&w, "model_note", a->model_note);
	jw_s(&w, "runtime_note", a->runtime_note);
	jw_arr(&w, "sites");
	for (int i = 0; i < a->nrows; i++) {
		jw_obj(&w, NULL);
		jw_i(&w, "line", a->rows[i].line);
		jw_s(&w, "statement", a->rows[i].text ? a->rows[i].text : "");
		json_fig(&w, "bytes", &a->rows[i].bytes);
		json_fig(&w, "objects", &a->rows[i].objects);
		jw_end_obj(&w);
	}
	jw_end_arr(&w);
	jw_end_obj(&w);
	jw_finish(&w);
}

void simrt_write(const simrt_answer *a, const char *script, cli_format fmt, out_sink *o)
{
	if (fmt == FMT_JSON)
		write_json(a, script, o);
	else
		write_text(a, script, o);
}
