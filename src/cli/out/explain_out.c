/* gogrow explain: each target's numbered steps as text, or as JSON with
 * the question. */
#include <stdio.h>

#include "cli/answer/explain.h"
#include "cli/out/write.h"

static void text_head(const explainer *x, const explain_result *r, int i, out_sink *o)
{
	char gb[16];
	if (x->is_map)
		sink_printf(o, "%sm := make(%s, %lld)%s  on %s/%s\n", i ? "\n" : "", x->type,
			    (long long)x->hint, x->count > 0 ? "; then distinct keys are inserted" : "",
			    cli_go_name(r->go, gb), r->arch);
	else
		sink_printf(o, "%ss := make(%s, %lld, %lld); s = append(s, <%lld elements>)  on %s/%s\n",
			    i ? "\n" : "", x->type, (long long)x->len, (long long)x->cap, (long long)x->add,
			    cli_go_name(r->go, gb), r->arch);
}

static void text_write(const explainer *x, out_sink *o)
{
	for (int i = 0; i < x->nresults; i++) {
		const explain_result *r = &x->results[i];
		text_head(x, r, i, o);
		for (size_t k = 0; k < r->n; k++)
			sink_printf(o, "%2d. %s\n    [%s]\n", (int)k + 1, r->steps[k].text,
				    r->steps[k].source);
	}
}

static void json_write(const explainer *x, out_sink *o)
{
	json_w w;
	jw_begin(&w, o);
	jw_obj(&w, NULL);
	jw_s(&w, "command", "explain");
	jw_s(&w, "type", x->type);
	if (x->is_map) {
		jw_i(&w, "hint", x->hint);
		jw_i(&w, "count", x->count);
	} else {
		jw_i(&w, "len", x->len);
		jw_i(&w, "cap", x->cap);
		jw_i(&w, "add", x->add);
	}
	jw_arr(&w, "results");
	for (int i = 0; i < x->nresults; i++) {
		const explain_result *r = &x->results[i];
		char gb[16];
		jw_obj(&w, NULL);
		jw_s(&w, "go", cli_go_name(r->go, gb));
		jw_s(&w, "arch", r->arch);
		jw_arr(&w, "steps");
		for (size_t k = 0; k < r->n; k++) {
			jw_obj(&w, NULL);
			jw_s(&w, "text", r->steps[k].text);
			jw_s(&w, "source", r->steps[k].source);
			jw_end_obj(&w);
		}
		jw_end_arr(&w);
		jw_end_obj(&w);
	}
	jw_end_arr(&w);
	jw_end_obj(&w);
	jw_finish(&w);
}

void explain_write(const explainer *x, cli_format fmt, out_sink *o)
{
	if (fmt == FMT_JSON)
		json_write(x, o);
	else
		text_write(x, o);
}
