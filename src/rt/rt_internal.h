/* Internals shared by the runtime's files (ggi_rt_ names). */
#ifndef GOGROW_RT_INTERNAL_H
#define GOGROW_RT_INTERNAL_H

#include <stdint.h>

/* CLOCK_MONOTONIC in nanoseconds: the timestamp of every trace event. */
uint64_t ggi_rt_now_ns(void);

#endif
