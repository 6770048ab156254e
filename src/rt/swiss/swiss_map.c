/* The runtime Swiss map's API (internal/runtime/maps/map.go: NewMap,
 * Get, PutSlot, Delete, Clear; the small map of one group; the directory
 * of tables). */
#include <assert.h>
#include <string.h>

#include "gogrow/map.h"
#include "gogrow/map_rules.h"
#include "gogrow/target.h"
#include "model/util.h"
#include "rt/rt_internal.h"
#include "rt/swiss/swiss_internal.h"

void *ggi_rt_swiss_alloc(gg_rt_swiss *m, size_t size, gg_scan scan)
{
	void *p = m->alloc->alloc(m->alloc->ctx, size, scan);
	if (p) {
		m->stats.allocs++;
		m->stats.bytes += size;
	}
	return p;
}

void ggi_rt_swiss_free(gg_rt_swiss *m, void *p, size_t size, gg_scan scan)
{
	m->alloc->free(m->alloc->ctx, p, size, scan);
	m->stats.frees++;
	m->stats.bytes -= size;
}

void ggi_rt_swiss_event(gg_rt_swiss *m, gg_rt_event_kind k, uint64_t a, uint64_t b)
{
	if (!m->tracer.fn)
		return;
	gg_rt_event ev = {k, ggi_rt_now_ns(), a, b, 0};
	m->tracer.fn(m->tracer.ctx, &ev);
}

ggi_rt_swiss_dirent *ggi_rt_swiss_dir_alloc(gg_rt_swiss *m, uint64_t dirlen)
{
	return ggi_rt_swiss_alloc(m, dirlen * (sizeof(ggi_rt_swiss_dirent) + sizeof(ggi_rt_swiss_table *)),
				  GG_SCAN);
}

void ggi_rt_swiss_dir_free(gg_rt_swiss *m, ggi_rt_swiss_dirent *d, uint64_t dirlen)
{
	ggi_rt_swiss_free(m, d, dirlen * (sizeof(ggi_rt_swiss_dirent) + sizeof(ggi_rt_swiss_table *)),
			  GG_SCAN);
}

static size_t align_up(size_t x, size_t a)
{
	return (x + a - 1) / a * a;
}

static gg_status check_config(const gg_rt_swiss_config *cfg, gg_target *t, gg_error *err)
{
	gg_status st = ggi_rt_map_type_check(&cfg->type, cfg->alloc, err);
	if (st != GG_OK)
		return st;
	int go = cfg->go ? cfg->go : GG_GO_MAX;
	gg_mapimpl impl;
	st = gg_map_impl(go, 0, &impl, err);
	if (st != GG_OK)
		return st;
	if (impl != GG_MAP_SWISS)
		return ggi_fail(err, GG_ERR_RELEASE, 0, "go1.%d maps are not Swiss tables (1.24+)", go);
	return ggi_rt_host_target(go, t, err);
}

/* Go's group layout: {ctrl uint64; slots [8]struct{key; elem}}. */
static void layout(gg_rt_swiss *m)
{
	const gg_rt_swiss_type *ty = &m->type;
	size_t a = ty->key_align > ty->elem_align ? ty->key_align : ty->elem_align;
	m->elem_off = align_up(ty->key_size, ty->elem_align);
	m->slot_size = align_up(m->elem_off + ty->elem_size, a);
	m->slots_off = align_up(sizeof(uint64_t), a);
	m->group_size = align_up(m->slots_off + GG_MAP_SLOTS * m->slot_size, 8);
}

/* NewMap's tables for a hint > 8, as the model's shape says. */
static gg_status make_tables(gg_rt_swiss *m, const gg_swiss_shape *sh)
{
	m->dirg = ggi_rt_swiss_dir_alloc(m, sh->dirlen);
	if (!m->dirg)
		return GG_ERR_NOMEM;
	m->dir = ggi_dir_tables(m->dirg, sh->dirlen);
	m->dirlen = sh->dirlen;
	m->global_depth = sh->global_depth;
	for (uint64_t i = 0; i < sh->dirlen; i++) {
		m->dir[i] = ggi_rt_swiss_table_new(m, sh->table_cap, i, sh->global_depth);
		if (!m->dir[i]) {
			while (i-- > 0)
				ggi_rt_swiss_table_free(m, m->dir[i]);
			ggi_rt_swiss_dir_free(m, m->dirg, sh->dirlen);
			m->dir = NULL;
			m->dirg = NULL;
			m->dirlen = 0;
			return GG_ERR_NOMEM;
		}
		m->dirg[i] = (ggi_rt_swiss_dirent){m->dir[i]->groups, sh->table_cap / GG_MAP_SLOTS - 1};
	}
	return GG_OK;
}

gg_status gg_rt_swiss_new(const gg_rt_swiss_config *cfg, int64_t hint, gg_rt_swiss **out, gg_error *err)
{
	gg_target t;
	*out = NULL;
	gg_status st = check_config(cfg, &t, err);
	if (st != GG_OK)
		return st;
	gg_rt_swiss tmp = {.type = cfg->type, .go = cfg->go ? cfg->go : GG_GO_MAX};
	tmp.alloc = cfg->alloc ? cfg->alloc : gg_rt_allocator_libc();
	gg_rt_swiss *m = ggi_rt_swiss_alloc(&tmp, sizeof *m, GG_SCAN);
	if (!m)
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory for the map header");
	*m = tmp;
	m->seed = cfg->fixed_seed ? cfg->seed : ggi_rt_swiss_random_seed(m);
	m->rng = m->seed;
	layout(m);
	m->keys = ggi_rt_swiss_keys(&m->type);
	gg_swiss_shape sh;
	/* A rejected hint leaves an empty map, as makemap does with it. */
	if (gg_swiss_new_map(&t, m->group_size, hint < 0 ? 0 : hint, &sh) && sh.dirlen > 0 &&
	    make_tables(m, &sh) != GG_OK) {
		gg_rt_swiss_destroy(m);
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory for the map's tables");
	}
	*out = m;
	return GG_OK;
}

void gg_rt_swiss_destroy(gg_rt_swiss *m)
{
	if (!m)
		return;
	/* A table's entries are contiguous: free it at its last one, comparing
	 * pointers only (the table may be freed already at the next). */
	for (uint64_t i = 0; i < m->dirlen; i++)
		if (i + 1 == m->dirlen || m->dir[i + 1] != m->dir[i])
			ggi_rt_swiss_table_free(m, m->dir[i]);
	if (m->dirg)
		ggi_rt_swiss_dir_free(m, m->dirg, m->dirlen);
	if (m->small)
		ggi_rt_swiss_free(m, m->small, m->group_size, m->type.noscan);
	ggi_rt_swiss_free_retired(m);
	gg_rt_swiss tmp = *m;
	ggi_rt_swiss_free(&tmp, m, sizeof *m, GG_SCAN);
}
