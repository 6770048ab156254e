/* Runtime trace hooks: one callback receives every event the runtime layer
 * reports (heap and containers), with a monotonic timestamp.
 *
 * No hook set costs one predictable branch per event site. Events are
 * delivered synchronously on the thread that caused them; a hook must not
 * call back into the object that reported the event. */
#ifndef GOGROW_RT_TRACE_H
#define GOGROW_RT_TRACE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gg_rt_event_kind {
	GG_RT_EV_SPAN_REFILL,  /* a thread cache took a span from a central list: a=span class, b=objects */
	GG_RT_EV_LARGE_ALLOC,  /* an object > 32 KiB from the page heap: a=bytes requested, b=bytes charged */
	GG_RT_EV_HEAP_GROW,    /* the page heap mapped a new arena from the OS: a=bytes */
	GG_RT_EV_SCAVENGE,     /* free pages returned to the OS: a=bytes */
	GG_RT_EV_SLICE_GROW,   /* a slice grew: a=old cap, b=new cap, c=bytes copied */
	GG_RT_EV_MAP_GROW,     /* a map started growing: a=old size (buckets or slots), b=new size */
	GG_RT_EV_MAP_EVACUATE, /* classic map: a=bucket index evacuated */
	GG_RT_EV_MAP_GROW_DONE,
	GG_RT_EV_MAP_SPLIT,   /* Swiss: a table split: a=local depth after */
	GG_RT_EV_MAP_DIR_GROW /* Swiss: the directory doubled: a=new global depth */
} gg_rt_event_kind;

typedef struct gg_rt_event {
	gg_rt_event_kind kind;
	uint64_t ns; /* CLOCK_MONOTONIC nanoseconds */
	uint64_t a, b, c;
} gg_rt_event;

typedef struct gg_rt_tracer {
	void (*fn)(void *ctx, const gg_rt_event *ev);
	void *ctx;
} gg_rt_tracer;

/* Short name of an event kind ("span_refill", ...). */
const char *gg_rt_event_name(gg_rt_event_kind k);

#ifdef __cplusplus
}
#endif

#endif
