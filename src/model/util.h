/* Internal helpers of the model layer. */
#ifndef GOGROW_MODEL_UTIL_H
#define GOGROW_MODEL_UTIL_H

#include <stdarg.h>
#include <stdint.h>
#include "gogrow/status.h"

#if defined(__GNUC__)
#define GG_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define GG_PRINTF(a, b)
#endif

/* Fills *err (if not NULL) and returns `code`. */
gg_status ggi_fail(gg_error *err, gg_status code, int column, const char *fmt, ...) GG_PRINTF(4, 5);

static inline uint64_t gg_align_up(uint64_t x, uint64_t a)
{
	return (x + a - 1) / a * a;
}

#endif
