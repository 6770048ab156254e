/* Chrome / Perfetto trace-event JSON ("JSON Object Format": a traceEvents
 * array), the format chrome://tracing and ui.perfetto.dev open directly.
 * gogrow has no wall clock to report, so callers put their own unit in ts
 * (simulate uses the operation index) and say so in the process name.
 * Every event carries name, ph, ts, pid and tid, metadata included, so a
 * strict reader never finds one missing. One event per line keeps large
 * traces greppable. */
#include <errno.h>
#include <string.h>

#include "cli/out/out.h"

int trace_open(trace_w *t, const char *path, const char *process)
{
	memset(t, 0, sizeof *t);
	t->f = fopen(path, "w");
	if (!t->f) {
		cli_error("cannot write %s: %s", path, strerror(errno));
		return 0;
	}
	sink_file(&t->o, t->f);
	jw_begin(&t->w, &t->o);
	jw_obj(&t->w, NULL);
	jw_s(&t->w, "displayTimeUnit", "ns");
	jw_arr(&t->w, "traceEvents");
	trace_event(t, "process_name", 'M', 0, 0);
	jw_obj(&t->w, "args");
	jw_s(&t->w, "name", process);
	jw_end_obj(&t->w);
	trace_end(t);
	return 1;
}

void trace_thread(trace_w *t, int tid, const char *name, int sort)
{
	trace_event(t, "thread_name", 'M', 0, tid);
	jw_obj(&t->w, "args");
	jw_s(&t->w, "name", name);
	jw_end_obj(&t->w);
	trace_end(t);
	trace_event(t, "thread_sort_index", 'M', 0, tid);
	jw_obj(&t->w, "args");
	jw_i(&t->w, "sort_index", sort);
	jw_end_obj(&t->w);
	trace_end(t);
}

void trace_event(trace_w *t, const char *name, char ph, int64_t ts, int tid)
{
	char p[2] = {ph, 0};
	sink_putc(&t->o, '\n');
	jw_obj(&t->w, NULL);
	jw_s(&t->w, "name", name);
	jw_s(&t->w, "ph", p);
	jw_i(&t->w, "ts", ts);
	jw_i(&t->w, "pid", 1);
	jw_i(&t->w, "tid", tid);
}

void trace_end(trace_w *t)
{
	jw_end_obj(&t->w);
}

int trace_close(trace_w *t, const char *path)
{
	sink_putc(&t->o, '\n');
	jw_end_arr(&t->w);
	jw_end_obj(&t->w);
	jw_finish(&t->w);
	int bad = ferror(t->f);
	if (fclose(t->f) != 0 || bad) {
		cli_error("cannot write %s", path);
		return 0;
	}
	return 1;
}
