/* Workloads: a tiny language of makes, appends and map writes, run against
 * the model (what `gogrow simulate` runs).
 *
 * A script makes slices and maps and appends to them, sets and deletes map
 * keys inside `repeat` loops (docs/simulate.md). gg_workload_parse checks it once,
 * independent of the target; gg_workload_run executes it for one release and
 * GOARCH and records every allocation, so that the command can print it as
 * text, JSON, SVG, a Chrome trace or a pprof profile.
 *
 * The runner counts heap bytes as the model says an allocation costs
 * (TotalAlloc), and "live" as reachable: an array replaced by growth is
 * garbage at once. Where the map model is exact only up to a point (Swiss
 * splits after the first, deletes from Swiss tables, classic overflow
 * buckets), the variable carries a note saying so and nothing is guessed. */
#ifndef GOGROW_WORKLOAD_H
#define GOGROW_WORKLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "gogrow/malloc.h"
#include "gogrow/map.h"
#include "gogrow/slice.h"
#include "gogrow/status.h"
#include "gogrow/target.h"

/* Bounds that keep any script finite and small in memory. */
#define GG_WORKLOAD_MAX_OPS INT64_C(1000000000)	  /* make/append/set/delete executed */
#define GG_WORKLOAD_MAX_ITERS INT64_C(1000000000) /* loop iterations, empty loops included */
#define GG_WORKLOAD_MAX_DEPTH 16		  /* nested repeat blocks */
#define GG_WORKLOAD_MAX_VARS 64
#define GG_WORKLOAD_MAX_KEYS INT64_C(16777216)	 /* live keys over all maps */
#define GG_WORKLOAD_MAX_EVENTS ((size_t)1000000) /* timeline events kept (all are counted) */

typedef struct gg_workload_limits {
	int64_t max_ops, max_iters, max_keys;
	size_t max_events;
} gg_workload_limits;

void gg_workload_default_limits(gg_workload_limits *l);

/* A diagnostic: 1-based line and column in the script (0 when it is about
 * no line), and what went wrong: GG_ERR_SYNTAX a malformed script,
 * GG_ERR_RANGE a limit or a statement that cannot run (used before its make,
 * division by zero), GG_ERR_PANIC / GG_ERR_TYPE / GG_ERR_TOO_LARGE /
 * GG_ERR_RELEASE / GG_ERR_UNSUPPORTED what Go or the model says of a type or
 * an operation, GG_ERR_NOMEM out of memory. */
typedef struct gg_workload_diag {
	int line, col;
	gg_status code;
	char msg[256];
} gg_workload_diag;

typedef struct gg_workload gg_workload;

/* Parses a script (need not be NUL-terminated). Fills d on error; the
 * limits are checked here, before anything runs, so that an oversized
 * script is refused at once. */
gg_status gg_workload_parse(const char *src, size_t len, const gg_workload_limits *lim, gg_workload **out,
			    gg_workload_diag *d);
void gg_workload_free(gg_workload *p);

typedef enum gg_workload_evkind {
	GG_WORKLOAD_EV_MAKE,	  /* make([]T, len, cap) */
	GG_WORKLOAD_EV_GROW,	  /* growslice */
	GG_WORKLOAD_EV_MAPMAKE,	  /* make(map[K]V, hint) */
	GG_WORKLOAD_EV_MAPSTEP,	  /* a map growth step (first bucket/group, double, table grow, ...) */
	GG_WORKLOAD_EV_EVACUATED, /* classic: the last old bucket was evacuated, the old array is garbage */
	GG_WORKLOAD_EV_FREE,	  /* a map entry's slice or a re-made variable became garbage */
	GG_WORKLOAD_EV_ENTRY /* a new key's key or elem object (stored through a pointer: over 128 bytes) */
} gg_workload_evkind;

typedef struct gg_workload_event {
	int64_t op; /* 1-based index of the operation that caused it */
	int line;   /* script line */
	int var;    /* index into gg_workload_result.vars */
	int entry;  /* the slice stored under key `key` in map `var` */
	int64_t key;
	gg_workload_evkind kind;
	const char *what;	/* "make", "growslice", "double", "evacuated", ... */
	int64_t oldcap, newcap; /* slices; maps: count (newcap) */
	uint64_t alloc;		/* bytes allocated (TotalAlloc) */
	uint64_t freed;		/* bytes that became garbage */
	uint64_t during;	/* live heap at the moment of the event (old and new referenced) */
	uint64_t live;		/* live heap after it */
} gg_workload_event;

typedef struct gg_workload_var {
	char name[32];
	const char *type; /* as written */
	int is_map;
	int entry_slices; /* map whose values are slices: appended to through m[k] */
	int line;	  /* first make */
	gg_mapimpl impl;
	/* the variable's own storage (slice array, map structure) */
	uint64_t allocs, allocated, live, grows;
	int64_t len, cap;	   /* slices at the end */
	int64_t count, peak_count; /* maps: len(m) at the end, the most ever */
	/* slices stored in the map's entries, aggregated */
	uint64_t e_allocs, e_allocated, e_live, e_grows;
	int64_t e_slices; /* entries holding a non-nil slice at the end */
	/* classic evacuation: the most old-bucket bytes held, and for how many operations */
	uint64_t evac_peak;
	int64_t evac_ops;
	int64_t exact_until;	/* maps: growth is exact up to this many keys (-1: no limit reached) */
	gg_maptype mt;		/* maps: the layout, for gg_*_simulate */
	int64_t hint;		/* maps: of the last make */
	int64_t makes, deletes; /* makes run, deletes of a present key */
	char note[320];		/* what is not exact or not counted, or "" */
} gg_workload_var;

typedef struct gg_workload_site {
	int line;
	const char *text; /* the statement as written (trimmed) */
	uint64_t allocs, bytes;
} gg_workload_site;

typedef struct gg_workload_result {
	gg_target t;
	int64_t ops; /* operations executed */
	uint64_t peak, final_live, total_alloc;
	int64_t peak_op;
	uint64_t allocs, growslices, map_grows, map_steps;
	uint64_t evac_peak; /* most old-bucket bytes held at once over all maps */
	gg_workload_var *vars;
	int nvars;
	gg_workload_event *events;
	size_t nevents;		 /* kept */
	uint64_t events_total;	 /* all, kept or not */
	gg_workload_site *sites; /* one per allocating statement, in line order */
	int nsites;
	int inexact; /* some variable has a note */
} gg_workload_result;

/* Runs the program on a target; noswissmap asks for GOEXPERIMENT=noswissmap
 * (classic maps in 1.24-1.25, an error for a map in 1.26+). On an error (a
 * Go panic, a limit, ...) d is filled and r holds what ran up to that point;
 * r must be freed either way. */
gg_status gg_workload_run(const gg_target *t, const gg_workload *p, gg_mapexp noswissmap,
			  const gg_workload_limits *lim, gg_workload_result *r, gg_workload_diag *d);
void gg_workload_result_free(gg_workload_result *r);

/* Where the hash seed decides a map's growth (Swiss splits past the first,
 * classic overflow buckets and same-size grows) a run's figures are not
 * exact: gg_workload_seed simulates each such map with random hashes at
 * the most keys it held, `runs` times, and gives the run's totals as
 * min / median / max. A map the simulations cannot stand for (made twice,
 * keys deleted) keeps its deterministic figures and makes the totals a
 * lower bound (lower_bound, why). */
typedef struct gg_workload_seeded_var {
	int done; /* this variable was simulated */
	int classic;
	gg_dist total;	    /* its bytes allocated, make and per-key objects included */
	gg_dist live;	    /* its live bytes at the end */
	int live_simulated; /* 0 for classic maps: live is the deterministic figure */
} gg_workload_seeded_var;

typedef struct gg_workload_seeded {
	int runs;
	uint64_t seed;
	int nmaps;	 /* maps simulated */
	gg_dist total;	 /* the run's TotalAlloc, each simulated map's share replaced */
	gg_dist live;	 /* the run's live bytes at the end, likewise */
	int lower_bound; /* some map could not be simulated */
	char why[160];
	gg_workload_seeded_var *vars; /* one per variable of the result */
} gg_workload_seeded;

gg_status gg_workload_seed(const gg_workload_result *r, int runs, uint64_t seed, gg_workload_seeded *out,
			   gg_error *err);
void gg_workload_seeded_free(gg_workload_seeded *s);

/* Parse and run in one call, as the fuzz target and the tests use it. */
gg_status gg_workload_script(const gg_target *t, const char *src, size_t len, gg_mapexp noswissmap,
			     const gg_workload_limits *lim, gg_workload_result *r, gg_workload_diag *d);

#endif
