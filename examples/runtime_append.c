/* The runtime through the installed library: a Go-style heap configured as
 * go1.27, a slice of int64 that appends 100000 elements on it, and the
 * heap's own TotalAlloc set against what the model predicts Go allocates
 * for the same appends. They must be equal. */
#include <stdint.h>
#include <stdio.h>

#include "gogrow/gogrow.h"

/* The model's bytes for appending one element at a time up to n. */
static void add_alloc(void *ctx, const gg_grow *g, int final)
{
	(void) final;
	*(uint64_t *)ctx += g->alloc;
}

int main(void)
{
	gg_error err;
	gg_rt_heap *h;
	gg_rt_heap_config hc = {.go = 27};
	if (gg_rt_heap_create(&hc, &h, &err) != GG_OK)
		return fprintf(stderr, "heap: %s\n", err.msg), 1;
	gg_rt_allocator a;
	gg_rt_heap_allocator(h, &a);
	gg_rt_slice s;
	gg_rt_slice_config sc = {.elem = {sizeof(int64_t), sizeof(int64_t), 1}, .go = 27, .alloc = &a};
	int bad = gg_rt_slice_init(&s, &sc, &err) != GG_OK;
	for (int64_t i = 0; !bad && i < 100000; i++)
		bad = gg_rt_slice_append(&s, &i, &err) != GG_OK;
	if (bad)
		return fprintf(stderr, "slice: %s\n", err.msg), 1;
	gg_rt_heap_stats st;
	gg_rt_heap_stats_read(h, &st);
	uint64_t predicted = 0;
	gg_target t;
	gg_target_make(gg_rt_host_arch(), 27, &t, &err);
	gg_slice_fill(&t, (gg_elem){8, 1}, GG_ESC_HEAP, 100000, add_alloc, &predicted, &err);
	printf("len %lld cap %lld after %llu growths; last element %lld\n", (long long)gg_rt_slice_len(&s),
	       (long long)gg_rt_slice_cap(&s), (unsigned long long)gg_rt_slice_stats_get(&s).growths,
	       (long long)*(int64_t *)gg_rt_slice_at(&s, 99999));
	printf("heap TotalAlloc %llu bytes in %llu objects; the model predicts %llu: %s\n",
	       (unsigned long long)st.TotalAlloc, (unsigned long long)st.Mallocs,
	       (unsigned long long)predicted, st.TotalAlloc == predicted ? "equal" : "DIFFERENT");
	gg_rt_slice_free(&s);
	gg_rt_heap_destroy(h);
	return st.TotalAlloc != predicted;
}
