/* The heap's front door (Go's malloc.go mallocgc, with free added): create
 * and destroy, the allocation fast path, free and its checks, and the
 * gg_rt_allocator adapter. */
#include <stdio.h>
#include <string.h>

#include "heap_internal.h"

static _Atomic(uint64_t) heap_ids;

/* Everything per release comes from the model (gogrow/malloc.h); these
 * tables only cache its answers for the fast path. */
static void derive_tables(gg_rt_heap *h)
{
	const gg_target *t = &h->target;
	for (int i = 0; i < 128; i++)
		h->class8[i] = (uint8_t)gg_sizeclass_of((uint64_t)i * 8);
	for (int i = 0; i < 249; i++)
		h->class128[i] = (uint8_t)gg_sizeclass_of(1024 + (uint64_t)i * 128);
	for (int c = 0; c < GG_NUM_SIZE_CLASSES; c++) {
		h->elemsize[c] = gg_sizeclass_at(c)->size;
		h->nelems[2 * c] = gg_sizeclass_objects(t, c, 0);
		h->nelems[2 * c + 1] = gg_sizeclass_objects(t, c, 1);
	}
	h->small_max = t->go >= 22 ? GG_MAX_SMALL_SIZE - GG_MALLOC_HEADER : GG_MAX_SMALL_SIZE;
	/* The smallest scan size with a header, found from the model's rule. */
	h->hdr_min = UINT32_MAX;
	for (uint32_t n = 1; n <= h->small_max; n++)
		if (gg_malloc_has_header(t, n, 0)) {
			h->hdr_min = n - 1;
			break;
		}
}

static uint64_t clock_cost(void)
{
	uint64_t best = UINT64_MAX;
	for (int i = 0; i < 64; i++) {
		uint64_t a = ggi_rt_now(), b = ggi_rt_now();
		if (b - a < best)
			best = b - a;
	}
	return best;
}

static gg_status fail(gg_error *err, gg_status code, const char *msg)
{
	if (err) {
		err->code = code;
		err->column = 0;
		snprintf(err->msg, sizeof err->msg, "%s", msg);
	}
	return code;
}

static gg_status heap_init(gg_rt_heap *h, const gg_rt_heap_config *cfg, gg_error *err)
{
	h->id = atomic_fetch_add(&heap_ids, 1) + 1;
	h->limit = cfg->limit;
	h->scavenge_ns = cfg->scavenge_ns == 0 ? 1000000000 : cfg->scavenge_ns;
	h->latency_sample = cfg->latency_sample;
	h->tracer = cfg->tracer;
	h->clock_ns = clock_cost();
	h->secret = ((uintptr_t)h ^ (uintptr_t)ggi_rt_now() * 0x9e3779b97f4a7c15ull) | 1;
	h->secret2 = (h->secret * 0xbf58476d1ce4e5b9ull) ^ (h->secret >> 29);
	if (h->secret2 == h->secret) /* the two keys must differ: a zero pair is live */
		h->secret2 = ~h->secret;
	derive_tables(h);
	h->spanfix.size = (sizeof(ggi_rt_span) + 63) & ~(size_t)63;
	h->cachefix.size = (sizeof(ggi_rt_cache) + 63) & ~(size_t)63;
	h->tinyfix.size = GG_PAGE_SIZE / GG_TINY_SIZE * sizeof(uint32_t);
	pthread_mutex_init(&h->lock, NULL);
	for (int i = 0; i < GGI_RT_NSPC; i++)
		pthread_mutex_init(&h->central[i].lock, NULL);
	if (pthread_key_create(&h->key, ggi_rt_cache_destructor) != 0)
		return fail(err, GG_ERR_NOMEM, "heap: out of thread keys");
	if (!ggi_rt_index_init(h)) {
		pthread_key_delete(h->key);
		return fail(err, GG_ERR_NOMEM, "heap: cannot map the arena index");
	}
	return GG_OK;
}

gg_status gg_rt_heap_create(const gg_rt_heap_config *cfg, gg_rt_heap **out, gg_error *err)
{
	static const gg_rt_heap_config defaults;
	if (!cfg)
		cfg = &defaults;
	*out = NULL;
	int go = cfg->go ? cfg->go : GG_GO_MAX;
	gg_target t;
	gg_status st = gg_target_make(gg_rt_host_arch() ? gg_rt_host_arch() : "unknown", go, &t, err);
	if (st != GG_OK)
		return st;
	/* The heap record is the first memory request the hook can fail. */
	if (cfg->fail_nth == 1)
		return fail(err, GG_ERR_NOMEM, "heap: out of memory");
	gg_rt_heap proto;
	memset(&proto, 0, sizeof proto);
	gg_rt_heap *h = ggi_rt_os_map(&proto, sizeof *h, 4096);
	if (!h)
		return fail(err, GG_ERR_NOMEM, "heap: out of memory");
	h->target = t;
	atomic_store(&h->fail_left, cfg->fail_nth > 1 ? cfg->fail_nth - 1 : 0);
	atomic_store(&h->os_requests, 1);
	atomic_store(&h->meta_sys, sizeof *h);
	st = heap_init(h, cfg, err);
	if (st != GG_OK) {
		ggi_rt_os_unmap(h, sizeof *h);
		return st;
	}
	*out = h;
	return GG_OK;
}

void gg_rt_heap_destroy(gg_rt_heap *h)
{
	if (!h)
		return;
	pthread_key_delete(h->key);
	if (ggi_rt_tl.id == h->id)
		ggi_rt_tl.id = 0, ggi_rt_tl.c = NULL;
	ggi_rt_fix_destroy(h, &h->spanfix);
	ggi_rt_fix_destroy(h, &h->cachefix);
	ggi_rt_fix_destroy(h, &h->tinyfix);
	ggi_rt_arena_destroy_all(h);
	for (int i = 0; i < GGI_RT_NSPC; i++)
		pthread_mutex_destroy(&h->central[i].lock);
	pthread_mutex_destroy(&h->lock);
	ggi_rt_os_unmap(h, sizeof *h);
}

const gg_target *gg_rt_heap_target(const gg_rt_heap *h)
{
	return &h->target;
}

void gg_rt_heap_flush(gg_rt_heap *h)
{
	ggi_rt_cache *c = ggi_rt_cache_peek(h);
	if (c)
		ggi_rt_cache_flush(c);
}

uint64_t gg_rt_heap_scavenge(gg_rt_heap *h)
{
	pthread_mutex_lock(&h->lock);
	uint64_t n = ggi_rt_scavenge(h, 0, UINT64_MAX);
	pthread_mutex_unlock(&h->lock);
	return n;
}

void gg_rt_heap_fail_nth(gg_rt_heap *h, uint64_t n)
{
	atomic_store(&h->fail_left, n);
}
