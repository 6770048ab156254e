/* Names of the runtime's trace events (gogrow/rt_trace.h). */
#include "gogrow/rt_trace.h"

const char *gg_rt_event_name(gg_rt_event_kind k)
{
	switch (k) {
	case GG_RT_EV_SPAN_REFILL: return "span_refill";
	case GG_RT_EV_LARGE_ALLOC: return "large_alloc";
	case GG_RT_EV_HEAP_GROW: return "heap_grow";
	case GG_RT_EV_SCAVENGE: return "scavenge";
	case GG_RT_EV_SLICE_GROW: return "slice_grow";
	case GG_RT_EV_MAP_GROW: return "map_grow";
	case GG_RT_EV_MAP_EVACUATE: return "map_evacuate";
	case GG_RT_EV_MAP_GROW_DONE: return "map_grow_done";
	case GG_RT_EV_MAP_SPLIT: return "map_split";
	case GG_RT_EV_MAP_DIR_GROW: return "map_dir_grow";
	}
	return "unknown";
}
