/* The allocators of a workload run.
 *
 * The meter passes everything to the heap and reads HeapAlloc after each
 * allocation: the peak is the heap's own figure at the moments it can be
 * highest (an allocation, before the old array or table is freed).
 *
 * A map's allocator makes the heap see Go's objects where the runtime's C
 * structs differ in size: the header (runtime/map.go hmap,
 * internal/runtime/maps/map.go Map) and a Swiss table struct
 * (internal/runtime/maps/table.go table) are allocated in libc memory for
 * the map to use, with an object of Go's size (the model's layout) on the
 * heap in their place, freed with them; a classic bucket array with spare
 * overflow buckets is followed by Go's mapextra, as makemap and hashGrow
 * allocate it (new(mapextra) when nextOverflow != nil). The rule for when
 * is the model's (gg_classic_spares_need_mapextra).
 *
 * The runtime Swiss map allocates its directory with the key/elem type's
 * noscan; Go's directory is a []*table, which holds pointers (an 8-byte
 * one is no tiny object): a directory's allocation is passed on as one
 * with pointers.
 *
 * A local slice's frame stands for the goroutine stack: an array the
 * compiler puts on the stack is libc memory, not the heap. */
#include <stdlib.h>

#include "gogrow/map_rules.h"
#include "rt/swiss/swiss_internal.h"
#include "rt/workload/rt_wl_internal.h"

static void see_peak(ggi_rt_wl_meter *m)
{
	gg_rt_heap_stats st;
	gg_rt_heap_stats_read(m->h, &st);
	if (st.HeapAlloc > m->peak)
		m->peak = st.HeapAlloc;
}

static void *meter_alloc(void *ctx, size_t size, gg_scan noscan)
{
	ggi_rt_wl_meter *m = ctx;
	void *p = m->heap.alloc(m->heap.ctx, size, noscan);
	if (p)
		see_peak(m);
	return p;
}

static void *meter_alloc_z(void *ctx, size_t size, gg_scan noscan, int *zeroed)
{
	ggi_rt_wl_meter *m = ctx;
	void *p = m->heap.alloc_z(m->heap.ctx, size, noscan, zeroed);
	if (p)
		see_peak(m);
	return p;
}

static void meter_free(void *ctx, void *p, size_t size, gg_scan noscan)
{
	ggi_rt_wl_meter *m = ctx;
	m->heap.free(m->heap.ctx, p, size, noscan);
}

static size_t meter_usable(void *ctx, size_t size, gg_scan noscan)
{
	ggi_rt_wl_meter *m = ctx;
	return m->heap.usable ? m->heap.usable(m->heap.ctx, size, noscan) : size;
}

void ggi_rt_wl_meter_init(ggi_rt_wl_meter *m, gg_rt_heap *h)
{
	m->h = h;
	gg_rt_heap_allocator(h, &m->heap);
	m->a = (gg_rt_allocator){
	    meter_alloc, meter_free, meter_usable, m, m->heap.alloc_z ? meter_alloc_z : NULL, NULL};
	m->peak = 0;
	m->stand_ins = 0;
}

/* ---- a map's stand-ins ---- */

static int keep_pair(ggi_rt_wl_mapalloc *ma, void *c, void *go, uint64_t go_size)
{
	if (ma->npairs == ma->cap) {
		size_t cap = ma->cap ? ma->cap * 2 : 8;
		ggi_rt_wl_pair *n = realloc(ma->pairs, cap * sizeof *n);
		if (!n)
			return 0;
		ma->pairs = n;
		ma->cap = cap;
	}
	ma->pairs[ma->npairs++] = (ggi_rt_wl_pair){c, go, go_size};
	return 1;
}

/* An object of Go's size on the heap (Go's structs hold pointers), and
 * the C struct in libc memory; c_size 0: Go's object only. */
static void *stand_in(ggi_rt_wl_mapalloc *ma, size_t c_size, uint64_t go_size)
{
	void *go = meter_alloc(ma->m, (size_t)go_size, 0);
	void *c = c_size ? malloc(c_size) : NULL;
	if (!go || (c_size && !c) || !keep_pair(ma, c, go, go_size)) {
		if (go)
			meter_free(ma->m, go, (size_t)go_size, 0);
		free(c);
		return NULL;
	}
	ma->m->stand_ins++;
	return c_size ? c : go;
}

static int log2_floor(uint64_t n)
{
	int b = 0;
	while (n >>= 1)
		b++;
	return b;
}

/* Classic: Go's mapextra after a bucket array with spares. */
static void classic_extra(ggi_rt_wl_mapalloc *ma, size_t size)
{
	uint64_t bsize = ma->mt->bucket_size;
	if (ma->have_extra || size % bsize)
		return;
	uint64_t n = size / bsize;
	if (n < 2 || !gg_classic_spares_need_mapextra(0, n, log2_floor(n)))
		return;
	if (stand_in(ma, 0, gg_classic_mapextra_size(&ma->mt->t)))
		ma->have_extra = 1;
	else
		ma->failed = 1;
}

static int pow2(uint64_t n)
{
	return n && (n & (n - 1)) == 0;
}

/* One entry of our Swiss directory: Go's table pointer and, beside it,
 * the table's groups and mask (ggi_rt_swiss_dirent), which Go does not
 * have. */
static const size_t dir_entry = sizeof(ggi_rt_swiss_dirent) + sizeof(void *);

/* A Swiss directory: 2^k entries (init made sure that no group array has
 * such a size, else the figures are flagged). */
static int is_dir(const ggi_rt_wl_mapalloc *ma, size_t size)
{
	return ma->c_table && size % dir_entry == 0 && pow2(size / dir_entry);
}

static void *map_alloc(void *ctx, size_t size, gg_scan noscan)
{
	ggi_rt_wl_mapalloc *ma = ctx;
	if (ma->header_next) {
		ma->header_next = 0;
		return stand_in(ma, size, ma->mt->header_size);
	}
	if (ma->c_table && size == ma->c_table)
		return stand_in(ma, size, ma->mt->table_size);
	if (is_dir(ma, size)) /* Go's: the table pointers alone */
		return stand_in(ma, size, size / dir_entry * ma->mt->t.arch->ptr_size);
	void *p = meter_alloc(ma->m, size, noscan);
	if (p && ma->mt->impl == GG_MAP_CLASSIC)
		classic_extra(ma, size);
	return p;
}

static void map_free(void *ctx, void *p, size_t size, gg_scan noscan)
{
	ggi_rt_wl_mapalloc *ma = ctx;
	for (size_t i = 0; p && i < ma->npairs; i++)
		if (ma->pairs[i].c == p) {
			meter_free(ma->m, ma->pairs[i].go, (size_t)ma->pairs[i].go_size, 0);
			free(p);
			ma->pairs[i] = ma->pairs[--ma->npairs];
			return;
		}
	meter_free(ma->m, p, size, noscan);
}

static size_t map_usable(void *ctx, size_t size, gg_scan noscan)
{
	return meter_usable(((ggi_rt_wl_mapalloc *)ctx)->m, size, noscan);
}

void ggi_rt_wl_mapalloc_init(ggi_rt_wl_mapalloc *ma, ggi_rt_wl_meter *m, const gg_maptype *mt)
{
	*ma = (ggi_rt_wl_mapalloc){.m = m, .mt = mt, .header_next = 1};
	ma->a = (gg_rt_allocator){map_alloc, map_free, map_usable, ma, NULL, NULL};
	if (mt->impl != GG_MAP_SWISS)
		return;
	ma->c_table = sizeof(ggi_rt_swiss_table);
	/* A group array or directory of the same size would be taken for a
	 * table: then the figures cannot be trusted. */
	uint64_t c = ma->c_table, g = mt->group_size, w = dir_entry;
	int table_like_groups = c % g == 0 && pow2(c / g);
	int table_like_dir = c % w == 0 && pow2(c / w);
	int dir_like_groups = g % w == 0 && pow2(g / w);
	if (table_like_groups || table_like_dir || dir_like_groups)
		ma->failed = 1;
}

void ggi_rt_wl_mapalloc_done(ggi_rt_wl_mapalloc *ma)
{
	/* Left: the mapextra (no C side), which goes with the map. */
	for (size_t i = 0; i < ma->npairs; i++) {
		meter_free(ma->m, ma->pairs[i].go, (size_t)ma->pairs[i].go_size, 0);
		free(ma->pairs[i].c);
	}
	free(ma->pairs);
	ma->pairs = NULL;
	ma->npairs = ma->cap = 0;
}

/* ---- a local slice's frame ---- */

static void *frame_alloc(void *ctx, size_t size, gg_scan noscan)
{
	ggi_rt_wl_frame *f = ctx;
	if (!f->on_stack)
		return meter_alloc(f->m, size, noscan);
	int k = f->mem[0] ? 1 : 0;
	if (f->mem[k])
		return NULL; /* two frame arrays at once never happens: one per make */
	f->mem[k] = malloc(size);
	return f->mem[k];
}

static void frame_free(void *ctx, void *p, size_t size, gg_scan noscan)
{
	ggi_rt_wl_frame *f = ctx;
	for (int k = 0; k < 2; k++)
		if (p && f->mem[k] == p) {
			free(p);
			f->mem[k] = NULL;
			if (k == 0) { /* keep the one in use first */
				f->mem[0] = f->mem[1];
				f->mem[1] = NULL;
			}
			return;
		}
	meter_free(f->m, p, size, noscan);
}

static size_t frame_usable(void *ctx, size_t size, gg_scan noscan)
{
	ggi_rt_wl_frame *f = ctx;
	return f->on_stack ? size : meter_usable(f->m, size, noscan);
}

void ggi_rt_wl_frame_init(ggi_rt_wl_frame *f, ggi_rt_wl_meter *m)
{
	*f = (ggi_rt_wl_frame){.m = m};
	f->a = (gg_rt_allocator){frame_alloc, frame_free, frame_usable, f, NULL, NULL};
}

void ggi_rt_wl_frame_done(ggi_rt_wl_frame *f)
{
	free(f->mem[0]);
	free(f->mem[1]);
	f->mem[0] = f->mem[1] = NULL;
}
