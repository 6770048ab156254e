/* Field order advice: the order of a struct's fields that makes it
 * smallest, or that makes the prefix the GC scans (ptrdata) shortest, on
 * one target. Like golang.org/x/tools' fieldalignment analyzer, but for any
 * release and GOARCH gogrow models. */
#ifndef GOGROW_FIELDORDER_H
#define GOGROW_FIELDORDER_H

#include <stddef.h>
#include "gogrow/status.h"
#include "gogrow/types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gg_order_goal {
	GG_ORDER_SIZE,	 /* smallest unsafe.Sizeof */
	GG_ORDER_PTRDATA /* pointer words first: smallest ptrdata */
} gg_order_goal;

/* Writes to order[0..t->nfields) the indexes of t's fields in the order
 * that meets `goal` on `tg` (ties keep the declared order), and to *out the
 * layout of the struct so reordered. `cap` is the room in `order`:
 * GG_ERR_RANGE if it is less than t->nfields, GG_ERR_TYPE if t is not a
 * struct; layout errors as gg_layout_of. */
gg_status gg_struct_best_order(const gg_target *tg, const gg_type *t, gg_order_goal goal, size_t *order,
			       size_t cap, gg_layout *out, gg_error *err);

/* The layout of struct t with its fields in `order` (a permutation of
 * 0..t->nfields-1), and their offsets in offs[0..t->nfields) (in that
 * order) when offs is not NULL. */
gg_status gg_struct_layout_in_order(const gg_target *tg, const gg_type *t, const size_t *order,
				    gg_layout *out, uint64_t *offs, gg_error *err);

#ifdef __cplusplus
}
#endif

#endif
