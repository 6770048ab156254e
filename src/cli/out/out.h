/* The writers, in one place: aligned text tables, TSV, JSON, SVG charts,
 * Chrome trace-event JSON and pprof profiles. Commands build their answers
 * first, then hand them to these; text goes to an out_sink (sink.h). */
#ifndef GOGROW_OUT_H
#define GOGROW_OUT_H

#include <stdio.h>
#include "cli/cli.h"
#include "cli/out/sink.h"
#include "gogrow/map.h"

#define TABLE_MAX_COLS 64

typedef struct out_table {
	int ncols;
	char *head[TABLE_MAX_COLS];
	int right[TABLE_MAX_COLS]; /* right-align (numbers) */
	char **cells;		   /* nrows * ncols */
	size_t nrows, cap;
	int oom;
} out_table;

/* Decimal text of a number in a caller's 24-byte buffer, for table cells. */
const char *fmt_u64(char b[24], uint64_t v);
const char *fmt_i64(char b[24], int64_t v);

/* What every seeded simulation assumes of Go's hash, said under its figures
 * (text) or as the value of a "hash" key (JSON). */
extern const char out_hash_assumption[];
extern const char out_hash_assumption_json[];

void table_init(out_table *t);
void table_col(out_table *t, const char *head, int right);
/* Adds a row; the cell strings are copied. */
void table_row(out_table *t, const char *const *cells);
/* Text: aligned columns; TSV: header line then rows. */
void table_print(const out_table *t, cli_format fmt, out_sink *f);
void table_free(out_table *t);

/* JSON writing helpers. */
void json_str(out_sink *f, const char *s);
typedef struct json_w {
	out_sink *f;
	int depth;
	int first[32];
} json_w;
void jw_begin(json_w *w, out_sink *f);
void jw_obj(json_w *w, const char *key); /* key NULL inside arrays */
void jw_arr(json_w *w, const char *key);
void jw_end_obj(json_w *w);
void jw_end_arr(json_w *w);
void jw_s(json_w *w, const char *key, const char *v);
void jw_i(json_w *w, const char *key, int64_t v);
void jw_u(json_w *w, const char *key, uint64_t v);
void jw_b(json_w *w, const char *key, int v);
void jw_null(json_w *w, const char *key);
/* {"min":..,"median":..,"max":..} */
void jw_dist(json_w *w, const char *key, const gg_dist *d);
void jw_finish(json_w *w);

/* SVG line/step charts with axes, ticks and a legend. */
typedef struct svg_series {
	const char *name;
	const double *x, *y;
	size_t n;
	int step; /* draw y as constant until the next x (a staircase) */
} svg_series;

/* Writes a complete SVG document to f. */
void svg_write(out_sink *f, const char *title, const char *xlabel, const char *ylabel, const svg_series *s,
	       size_t ns, int logx, int logy);
/* The same into the file path; returns 0 (after printing the
 * error) if the file cannot be written. */
int svg_plot(const char *path, const char *title, const char *xlabel, const char *ylabel, const svg_series *s,
	     size_t ns, int logx, int logy);

/* Chrome/Perfetto trace-event JSON. trace_event opens an event object with
 * name, ph, ts, pid 1 and tid; the caller adds fields (dur, args) through
 * t->w and closes it with trace_end. */
typedef struct trace_w {
	FILE *f;
	out_sink o; /* on f */
	json_w w;
} trace_w;
int trace_open(trace_w *t, const char *path, const char *process);  /* 0 after printing the error */
void trace_thread(trace_w *t, int tid, const char *name, int sort); /* names a track */
void trace_event(trace_w *t, const char *name, char ph, int64_t ts, int tid);
void trace_end(trace_w *t);
int trace_close(trace_w *t, const char *path);

/* A gzipped pprof profile (profile.proto) with sample types
 * alloc_objects/count and alloc_space/bytes, one sample per site; `file`
 * names the source the sites' lines refer to. */
typedef struct pprof_site {
	const char *name; /* function and location name */
	int64_t line;
	uint64_t objects, bytes;
} pprof_site;
int pprof_write(const char *path, const pprof_site *sites, size_t n, const char *file, const char *comment);
#endif
