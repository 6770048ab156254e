/* Internals shared by the runtime slice's files. */
#ifndef GOGROW_RT_SLICE_INTERNAL_H
#define GOGROW_RT_SLICE_INTERNAL_H

#include "gogrow/rt_slice.h"

/* Where empty and zero-size slices point. */
void *ggi_rt_slice_zerobase(void);

/* Back to len 0, cap 0, nothing owned, with escape situation esc. */
void ggi_rt_slice_reset(gg_rt_slice *s, gg_escape esc);

/* `bytes` (> 0) from the slice's allocator, counted in the stats; NULL
 * when out of memory (nothing counted). *zeroed: 1 when the allocator
 * knows the memory is all zero (gg_rt_allocator.alloc_z). */
void *ggi_rt_slice_alloc(gg_rt_slice *s, size_t bytes, int *zeroed);

/* Gives back an array of the slice: owned ones (blk_bytes > 0) only. */
void ggi_rt_slice_release(gg_rt_slice *s, void *data, size_t blk_bytes);

/* Zeroes the elements [len, cap), as Go's growth paths leave them. */
void ggi_rt_slice_zero_tail(gg_rt_slice *s);

#endif
