/* gg_elem_of: what growslice needs of an element type, its size and
 * whether it holds pointers (et.Size_, et.PtrBytes == 0 in
 * runtime/slice.go), read off the gc layout. */
#include "gogrow/slice.h"

gg_status gg_elem_of(const gg_target *tg, const gg_type *t, gg_elem *e, gg_error *err)
{
	gg_layout l;
	gg_status st = gg_layout_of(tg, t, &l, err);
	if (st != GG_OK)
		return st;
	e->size = l.size;
	e->noscan = l.ptrdata == 0;
	return GG_OK;
}
