/* Heap-profile audit: which allocations in a Go heap profile were slice or
 * map growth, at which call sites of the user's code, and what make
 * capacity or hint would have avoided them.
 *
 * Two pure functions over memory, no I/O: gg_heapprof_parse decodes an
 * (already gunzipped) profile.proto as runtime/pprof writes it for the
 * heap and allocs profiles, and gg_audit matches the object sizes allocated
 * at each site against the model's growth sequences for one release and
 * GOARCH. Real profiles hide the runtime's frames (growslice, mallocgc,
 * hashGrow): growth is recognised from the sizes alone. */
#ifndef GOGROW_AUDIT_H
#define GOGROW_AUDIT_H

#include <stddef.h>
#include <stdint.h>
#include "gogrow/status.h"
#include "gogrow/target.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A call site: the innermost frame of a sample that is not the runtime's
 * (function names starting "runtime." or "internal/"). */
typedef struct gg_prof_site {
	const char *func, *file;
	int64_t line;
} gg_prof_site;

/* One sample: allocations of objects of one size at one site, as the
 * profile gives them (already unsampled by the runtime: see gg_heap_scale). */
typedef struct gg_prof_sample {
	size_t site;	 /* index into sites */
	uint64_t size;	 /* object size: the "bytes" label, else alloc_space/alloc_objects */
	int64_t objects; /* alloc_objects */
	int64_t bytes;	 /* alloc_space */
} gg_prof_sample;

typedef struct gg_heapprof {
	int64_t period; /* runtime.MemProfileRate the profile was taken at (1: every allocation) */
	int go;		/* release named by a profile comment ("go1.22"), 0 if none (the usual case) */
	gg_prof_site *sites;
	size_t nsites;
	gg_prof_sample *samples; /* samples with a user site and allocations */
	size_t nsamples;
	size_t nraw;	/* samples in the file */
	size_t nnosite; /* samples whose every frame is the runtime's */
	char *strings;	/* storage of the site names */
} gg_heapprof;

/* Decodes a profile.proto message (not gzipped). Fails with GG_ERR_SYNTAX on
 * malformed or truncated protobuf, GG_ERR_UNSUPPORTED when it is not a heap
 * profile (no alloc_objects/alloc_space sample types), GG_ERR_NOMEM. *out is
 * zeroed on failure; free it with gg_heapprof_free either way. */
gg_status gg_heapprof_parse(const void *buf, size_t len, gg_heapprof *out, gg_error *err);
void gg_heapprof_free(gg_heapprof *p);

/* runtime/pprof's scaleHeapSample: `count` sampled objects of `size` bytes
 * at MemProfileRate `rate` stand for count/(1-exp(-size/rate)) objects
 * (truncated, as Go does); rate <= 1 leaves them as they are. */
void gg_heap_scale(int64_t count, int64_t size, int64_t rate, int64_t *objects, int64_t *bytes);

/* The inverse: how many samples the runtime actually recorded for `objects`
 * scaled objects of `size` bytes, the n whose relative error is ~1/sqrt(n). */
double gg_heap_unscale(int64_t objects, int64_t size, int64_t rate);

typedef enum gg_growth_kind { GG_GROWTH_SLICE, GG_GROWTH_CLASSIC_MAP, GG_GROWTH_SWISS_MAP } gg_growth_kind;

typedef enum gg_confidence { GG_CONF_LOW, GG_CONF_MEDIUM, GG_CONF_HIGH } gg_confidence;

/* A growth site found in the profile. */
typedef struct gg_audit_site {
	size_t site; /* index into the profile's sites */
	gg_growth_kind kind;
	/* slice: element size; classic map: bucket size; Swiss map: group size */
	uint64_t unit;
	uint64_t unit_min, unit_max; /* the units of this kind that explain the sizes as well */
	uint64_t slot;	/* maps: key+elem bytes per slot (bucket/group minus control and overflow) */
	int pointers;	/* the element, bucket or group holds pointers: 1, 0, or -1 (the sizes cannot tell) */
	int steps;	/* distinct consecutive growth steps seen */
	int first_step; /* index of the first one in the growth sequence (0: from nil / empty) */
	int missing;	/* steps inside the run that a sampled profile has no sample of */
	int side;	/* other map objects explained (tables, directories, overflow lists) */
	int count_rises;  /* exact profiles: steps with more objects than the step before (not growth-like) */
	int unexplained;  /* object sizes at the site that are none of these */
	int alternatives; /* other explanations as good: element sizes, or another kind */
	unsigned kinds;	  /* 1 << gg_growth_kind of every kind among them (kind included) */
	gg_confidence confidence;
	int64_t len_min, len_max; /* final length (slices) or count (maps) the last step implies, over
				     every element size of this kind that fits */
	int64_t suggest;	  /* make([]T, 0, suggest) or make(map[K]V, suggest) */
	uint64_t last_size;	  /* object size of the last step */
	int64_t objects, bytes;	  /* allocations explained as growth at the site */
	int64_t saved;		  /* bytes of the steps before the last, which presizing avoids */
	double bytes_err;	  /* 1-sigma sampling error of bytes (0 when every allocation was recorded) */
	double saved_err;
} gg_audit_site;

typedef struct gg_audit {
	gg_target t;
	gg_audit_site *sites; /* in the order of the profile's sites */
	size_t n;
	size_t checked; /* sites with allocations */
	int64_t bytes;	/* alloc_space of the whole profile at user sites */
} gg_audit;

/* Growth steps a site needs before it is reported: fewer are too easily a
 * coincidence (two make calls of neighbouring sizes). */
#define GG_AUDIT_MIN_STEPS 3

/* Matches every site of `p` against the growth sequences of release and
 * arch `t`: slices of every element size 1..GG_AUDIT_MAX_ELEM with and
 * without pointers, and the release's map implementation. Reports only
 * sites of the profile. Free with gg_audit_free. */
#define GG_AUDIT_MAX_ELEM 2048
gg_status gg_audit_run(const gg_target *t, const gg_heapprof *p, gg_audit *out, gg_error *err);
void gg_audit_free(gg_audit *a);

const char *gg_growth_kind_name(gg_growth_kind k); /* "slice", "map (classic)", "map (swiss)" */
const char *gg_confidence_name(gg_confidence c);   /* "low", "medium", "high" */

#ifdef __cplusplus
}
#endif

#endif
