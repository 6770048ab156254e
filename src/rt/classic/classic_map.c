/* The runtime classic map's make, destroy and bookkeeping (runtime/map.go
 * makemap; the bucket layout is the model's gg_map_type). */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "gogrow/map.h"
#include "model/util.h"
#include "rt/classic/classic_internal.h"
#include "rt/rt_internal.h"
#include "rt/swiss/swiss_internal.h"

static void *counted(gg_rt_classic *m, void *p, size_t size)
{
	if (p) {
		m->stats.allocs++;
		m->stats.bytes += size;
	}
	return p;
}

void *ggi_rt_classic_alloc(gg_rt_classic *m, size_t size, gg_scan noscan)
{
	return counted(m, m->alloc->alloc(m->alloc->ctx, size, noscan), size);
}

/* Buckets must start zero (empty tophashes, nil overflow pointers). Like
 * makeBucketArray's newarray, which clears only when span.needzero says
 * the pages were used, memory the allocator knows is zero (pages fresh
 * from the OS) is not cleared again: a big grow then costs no memset.
 * The libc allocator has no alloc_z, but calloc knows the same thing (a
 * large block is a fresh mmap, zero-filled by the kernel page by page as
 * evacuation first touches it), where malloc and memset would clear the
 * whole doubled array, tens of MiB, inside the one insert that grows. */
void *ggi_rt_classic_alloc_zeroed(gg_rt_classic *m, size_t size, gg_scan noscan)
{
	const gg_rt_allocator *a = m->alloc;
	if (ggi_rt_allocator_is_libc(a))
		return counted(m, calloc(1, size), size);
	int zeroed = 0;
	void *p = counted(
	    m, a->alloc_z ? a->alloc_z(a->ctx, size, noscan, &zeroed) : a->alloc(a->ctx, size, noscan), size);
	if (p && zeroed)
		m->stats.zero_skipped += size;
	else if (p)
		memset(p, 0, size);
	return p;
}

void ggi_rt_classic_free(gg_rt_classic *m, void *p, size_t size, gg_scan noscan)
{
	m->alloc->free(m->alloc->ctx, p, size, noscan);
	m->stats.frees++;
	m->stats.bytes -= size;
}

void ggi_rt_classic_event(gg_rt_classic *m, gg_rt_event_kind k, uint64_t a, uint64_t b, uint64_t c)
{
	if (!m->tracer.fn)
		return;
	gg_rt_event ev = {k, ggi_rt_now_ns(), a, b, c};
	m->tracer.fn(m->tracer.ctx, &ev);
}

/* Go's rand() for incrnoverflow, the iterator's start and new seeds:
 * splitmix64 from the map's seed, so a fixed seed replays a run. */
uint64_t ggi_rt_classic_rand(gg_rt_classic *m)
{
	return ggi_rt_splitmix64(&m->rng);
}

static gg_status check_config(const gg_rt_classic_config *cfg, gg_target *t, gg_error *err)
{
	gg_status st = ggi_rt_map_type_check(&cfg->type, cfg->alloc, err);
	if (st != GG_OK)
		return st;
	int go = cfg->go ? cfg->go : 23;
	gg_mapimpl impl;
	st = gg_map_impl(go, cfg->noswissmap, &impl, err);
	if (st != GG_OK)
		return st;
	if (impl != GG_MAP_CLASSIC)
		return ggi_fail(err, GG_ERR_RELEASE, 0,
				"go1.%d maps are Swiss tables (set noswissmap for 1.24-1.25)", go);
	return ggi_rt_host_target(go, t, err);
}

/* The model lays out the bucket of a Go map whose key and elem have the
 * descriptor's size and alignment: [size/align]uintN arrays. */
static gg_status layout(gg_rt_classic *m, gg_mapexp noswissmap, gg_error *err)
{
	static const gg_type ints[4] = {
	    {.kind = GG_UINT8}, {.kind = GG_UINT16}, {.kind = GG_UINT32}, {.kind = GG_UINT64}};
	const gg_rt_swiss_type *ty = &m->type;
	int ka = __builtin_ctz((unsigned)ty->key_align), ea = __builtin_ctz((unsigned)ty->elem_align);
	gg_type k = {.kind = GG_ARRAY, .elem = &ints[ka], .len = ty->key_size / ty->key_align};
	gg_type e = {.kind = GG_ARRAY, .elem = &ints[ea], .len = ty->elem_size / ty->elem_align};
	gg_type mt = {.kind = GG_MAP, .key = &k, .elem = &e};
	gg_maptype lt;
	gg_status st = gg_map_type(&m->t, &mt, noswissmap, &lt, err);
	if (st != GG_OK)
		return st;
	if (lt.key.align != ty->key_align || lt.elem.align != ty->elem_align)
		return ggi_fail(err, GG_ERR_TYPE, 0, "key/elem alignment differs from Go's on this host");
	m->bsize = lt.bucket_size;
	m->keys_off = lt.keys_off;
	m->elems_off = lt.elems_off;
	m->ovf_off = lt.overflow_off;
	m->kslot = lt.kslot.size;
	m->eslot = lt.eslot.size;
	m->ind_key = lt.indirect_key;
	m->ind_elem = lt.indirect_elem;
	/* Go's t.Bucket.Pointers(): pointers to indirect keys/elems count. */
	m->bucket_noscan = lt.bucket_noscan && ty->noscan;
	m->hash_mask = m->t.arch->ptr_size == 8 ? UINT64_MAX : UINT32_MAX;
	m->top_shift = 8u * (unsigned)m->t.arch->ptr_size - 8u;
	return GG_OK;
}

static gg_status init_map(gg_rt_classic *m, const gg_rt_classic_config *cfg, int64_t hint, gg_error *err)
{
	gg_status st = layout(m, cfg->noswissmap, err);
	if (st != GG_OK)
		return st;
	m->seed = cfg->fixed_seed ? cfg->seed : ggi_rt_swiss_random_seed(m);
	m->rng = m->seed;
	/* makemap: a hint too large for memory counts as 0; B then fits. */
	int64_t h = gg_classic_makemap_hint(&m->t, m->bsize, hint);
	m->B = gg_classic_B(m->go, h);
	if (m->B == 0)
		return GG_OK; /* the first bucket comes with the first insert */
	if (ggi_rt_classic_make_array(m, m->B, &m->cur) != GG_OK)
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory for the map's %llu buckets",
				(unsigned long long)(UINT64_C(1) << m->B));
	ggi_rt_classic_reset_spares(m);
	return GG_OK;
}

gg_status gg_rt_classic_new(const gg_rt_classic_config *cfg, int64_t hint, gg_rt_classic **out, gg_error *err)
{
	gg_target t;
	*out = NULL;
	gg_status st = check_config(cfg, &t, err);
	if (st != GG_OK)
		return st;
	gg_rt_classic tmp = {.type = cfg->type, .t = t, .go = t.go};
	tmp.alloc = cfg->alloc ? cfg->alloc : gg_rt_allocator_libc();
	gg_rt_classic *m = ggi_rt_classic_alloc(&tmp, sizeof *m, 0);
	if (!m)
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory for the map header");
	*m = tmp;
	st = init_map(m, cfg, hint, err);
	if (st != GG_OK) {
		gg_rt_classic_destroy(m);
		return st;
	}
	*out = m;
	return GG_OK;
}

void ggi_rt_classic_free_chains(gg_rt_classic *m, ggi_rt_classic_array *a, int whole)
{
	if (!a->p)
		return;
	for (uint64_t i = 0; i < (UINT64_C(1) << a->B); i++) {
		char *b = ggi_bucket(m, a->p, i), *o = ggi_ovf(m, b);
		ggi_set_ovf(m, b, NULL);
		while (o) {
			char *next = ggi_ovf(m, o);
			/* Spares belong to the array; the rest were allocated one by one. */
			if (ggi_in_array(m, a, o))
				ggi_set_ovf(m, o, NULL);
			else
				ggi_rt_classic_free(m, o, m->bsize, m->bucket_noscan);
			o = next;
		}
	}
	if (whole) {
		ggi_rt_classic_free(m, a->p, a->n * m->bsize, m->bucket_noscan);
		a->p = NULL;
	}
}

/* Frees the indirect keys and elems of a's live cells. Moved cells of an
 * old array (evacuatedX/Y) share theirs with the new one and are skipped. */
void ggi_rt_classic_free_indirect(gg_rt_classic *m, ggi_rt_classic_array *a)
{
	if (!a->p || (!m->ind_key && !m->ind_elem))
		return;
	for (uint64_t i = 0; i < (UINT64_C(1) << a->B); i++)
		for (char *b = ggi_bucket(m, a->p, i); b; b = ggi_ovf(m, b))
			for (unsigned j = 0; j < GG_MAP_SLOTS; j++) {
				if (ggi_tophash(b)[j] < GGI_MIN_TOPHASH)
					continue;
				if (m->ind_key)
					ggi_rt_classic_free(m, ggi_deref(1, ggi_kslot(m, b, j)),
							    m->type.key_size, m->type.noscan);
				if (m->ind_elem)
					ggi_rt_classic_free(m, ggi_deref(1, ggi_eslot(m, b, j)),
							    m->type.elem_size, m->type.noscan);
				ggi_tophash(b)[j] = GGI_EMPTY_ONE;
			}
}

void ggi_rt_classic_release(gg_rt_classic *m)
{
	for (int i = 0; i < m->nretired; i++)
		ggi_rt_classic_free_chains(m, &m->retired[i], 1);
	m->nretired = 0;
	for (size_t i = 0; i < m->ndeferred; i++)
		ggi_rt_classic_free(m, m->deferred[i], m->type.key_size, m->type.noscan);
	m->ndeferred = 0;
}

void gg_rt_classic_destroy(gg_rt_classic *m)
{
	if (!m)
		return;
	ggi_rt_classic_release(m);
	ggi_rt_classic_drain_finish(m);
	if (m->deferred)
		ggi_rt_classic_free(m, m->deferred, m->capdeferred * sizeof *m->deferred, 0);
	ggi_rt_classic_free_indirect(m, &m->old);
	ggi_rt_classic_free_indirect(m, &m->cur);
	ggi_rt_classic_free_chains(m, &m->old, 1);
	ggi_rt_classic_free_chains(m, &m->cur, 1);
	gg_rt_classic tmp = *m;
	ggi_rt_classic_free(&tmp, m, sizeof *m, 0);
}

uint64_t gg_rt_classic_len(const gg_rt_classic *m)
{
	return m->count;
}

gg_rt_classic_stats gg_rt_classic_stats_get(const gg_rt_classic *m)
{
	gg_rt_classic_stats s = m->stats;
	s.B = m->B;
	s.buckets = m->cur.p ? UINT64_C(1) << m->B : 0;
	s.nbuckets = m->cur.p ? m->cur.n : 0;
	s.noverflow = m->noverflow;
	s.growing = m->old.p != NULL;
	s.same_size = s.growing && m->same_size;
	s.old_buckets = s.growing ? UINT64_C(1) << m->old.B : 0;
	s.nevacuate = m->nevacuate;
	return s;
}

void gg_rt_classic_set_tracer(gg_rt_classic *m, const gg_rt_tracer *t)
{
	m->tracer = t ? *t : (gg_rt_tracer){0};
}
