/* libgogrow: Go's slice and map growth machinery, one header for all of it.
 *
 * The model (what Go does, per release and GOARCH): target.h, types.h,
 * malloc.h, slice.h, map.h, workload.h, conform.h, audit.h. The runtime (doing it, in real
 * memory): rt_alloc.h, rt_trace.h and the containers built on them. Every
 * fallible call returns a gg_status (status.h); nothing aborts or exits. */
#ifndef GOGROW_GOGROW_H
#define GOGROW_GOGROW_H

#include "gogrow/version.h"
#include "gogrow/status.h"
#include "gogrow/target.h"
#include "gogrow/types.h"
#include "gogrow/malloc.h"
#include "gogrow/slice.h"
#include "gogrow/map.h"
#include "gogrow/workload.h"
#include "gogrow/conform.h"
#include "gogrow/audit.h"
#include "gogrow/gosrc.h"
#include "gogrow/fieldorder.h"
#include "gogrow/rt_alloc.h"
#include "gogrow/rt_trace.h"
#include "gogrow/rt_heap.h"
#include "gogrow/rt_slice.h"
#include "gogrow/rt_map.h"
#include "gogrow/rt_classic.h"

#endif
