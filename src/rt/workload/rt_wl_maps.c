/* Map variables of a workload run on the runtime maps: classic
 * (rt_classic.h) where the model says the release's maps are classic,
 * else Swiss (rt_map.h), with the key and elem laid out as the model lays
 * them out for the host.
 *
 * A key is the script's integer in the key's first bytes (up to 8, the
 * rest zero): distinct integers are distinct keys while they fit, and
 * building the key allocates nothing, as the language says. A map whose
 * values are slices keeps a pointer to each entry's runtime slice in the
 * elem's bytes (the elem is a slice header, at least two words). */
#include <stdlib.h>
#include <string.h>

#include "rt/workload/rt_wl_internal.h"

/* Hash and equality of the first w bytes of a key: the width is the
 * largest of 8, 4, 2, 1 that the key holds. */
#define WIDTH_FNS(w, T)                                                                                      \
	static uint64_t hash_##w(const void *k, uint64_t seed)                                               \
	{                                                                                                    \
		T v;                                                                                         \
		memcpy(&v, k, sizeof v);                                                                     \
		uint64_t u = v;                                                                              \
		return gg_rt_swiss_hash_u64(&u, seed);                                                       \
	}                                                                                                    \
	static int equal_##w(const void *a, const void *b)                                                   \
	{                                                                                                    \
		return memcmp(a, b, sizeof(T)) == 0;                                                         \
	}
WIDTH_FNS(1, uint8_t)
WIDTH_FNS(2, uint16_t)
WIDTH_FNS(4, uint32_t)
WIDTH_FNS(8, uint64_t)

/* A zero-size key: every key is the same one, as in Go. */
static uint64_t hash_0(const void *k, uint64_t seed)
{
	(void)k;
	return seed;
}

static int equal_0(const void *a, const void *b)
{
	(void)a;
	(void)b;
	return 1;
}

static size_t key_width(uint64_t size)
{
	return size >= 8 ? 8 : size >= 4 ? 4 : size >= 2 ? 2 : size;
}

int ggi_rt_wl_map_bind(ggi_rt_wl *x, int var, const gg_type *t)
{
	ggi_rt_wl_var *v = &x->v[var];
	gg_error err = {0};
	gg_status st = gg_map_type(&x->t, t, x->noswiss, &v->mt, &err);
	if (st != GG_OK)
		return ggi_wl_diag(x->d, x->p->vars[var].line, x->p->vars[var].type_col, st, "%s", err.msg);
	static uint64_t (*const hashes[])(const void *, uint64_t) = {hash_0, hash_1, hash_2, 0,	    hash_4,
								     0,	     0,	     0,	     hash_8};
	static int (*const equals[])(const void *, const void *) = {equal_0, equal_1, equal_2, 0, equal_4, 0,
								    0,	     0,	      equal_8};
	size_t w = key_width(v->mt.key.size);
	v->ty = (gg_rt_swiss_type){(size_t)v->mt.key.size,
				   (size_t)v->mt.key.align,
				   (size_t)v->mt.elem.size,
				   (size_t)v->mt.elem.align,
				   hashes[w],
				   equals[w],
				   v->mt.impl == GG_MAP_SWISS ? v->mt.group_noscan : v->mt.bucket_noscan};
	v->key = calloc(1, v->mt.key.size ? v->mt.key.size : 1);
	v->entry = calloc(1, v->mt.elem.size > sizeof(void *) ? v->mt.elem.size : sizeof(void *));
	if (!v->key || !v->entry)
		return ggi_wl_diag(x->d, 0, 0, GG_ERR_NOMEM, "out of memory");
	if (v->mt.impl == GG_MAP_SWISS && (v->mt.indirect_key || v->mt.indirect_elem))
		v->why = "the runtime Swiss map stores keys and elems over 128 bytes in its slots, "
			 "Go through a pointer";
	return 1;
}

static void set_key(ggi_rt_wl_var *v, int64_t k)
{
	memset(v->key, 0, v->mt.key.size);
	memcpy(v->key, &k, key_width(v->mt.key.size));
}

static void *get(const ggi_rt_wl_var *v)
{
	return v->sw ? gg_rt_swiss_get(v->sw, v->key) : gg_rt_classic_get(v->cl, v->key);
}

static gg_status put(ggi_rt_wl_var *v, const void *key, const void *elem, gg_error *err)
{
	return v->sw ? gg_rt_swiss_put(v->sw, key, elem, err) : gg_rt_classic_put(v->cl, key, elem, err);
}

static gg_rt_slice *entry_slice(const void *elem)
{
	gg_rt_slice *s;
	memcpy(&s, elem, sizeof s);
	return s;
}

/* Every entry's slice dropped (the map is cleared or goes away). */
static void drop_entries(ggi_rt_wl_var *v, gg_rt_swiss *sw, gg_rt_classic *cl)
{
	const void *k;
	void *e;
	if (sw) {
		gg_rt_swiss_iter it;
		for (gg_rt_swiss_iter_init(sw, &it); gg_rt_swiss_iter_next(&it, &k, &e);)
			ggi_rt_wl_slice_drop(entry_slice(e)), memset(e, 0, sizeof(void *));
	} else if (cl) {
		gg_rt_classic_iter it;
		for (gg_rt_classic_iter_init(cl, &it); gg_rt_classic_iter_next(&it, &k, &e);)
			ggi_rt_wl_slice_drop(entry_slice(e)), memset(e, 0, sizeof(void *));
	}
	(void)v;
}

static void destroy(ggi_rt_wl_var *v, gg_rt_swiss *sw, gg_rt_classic *cl, ggi_rt_wl_mapalloc *ma)
{
	if (v->entry_slices)
		drop_entries(v, sw, cl);
	gg_rt_swiss_destroy(sw);
	gg_rt_classic_destroy(cl);
	if (ma) {
		ggi_rt_wl_mapalloc_done(ma);
		free(ma);
	}
}

void ggi_rt_wl_map_free(ggi_rt_wl_var *v)
{
	destroy(v, v->sw, v->cl, v->ma);
	v->sw = NULL;
	v->cl = NULL;
	v->ma = NULL;
	free(v->key);
	free(v->entry);
	v->key = v->entry = NULL;
}

/* A new map in place of the variable's: made first, then the old one
 * goes, as the old map is still referenced while make runs. */
int ggi_rt_wl_map_make(ggi_rt_wl *x, const stmt *s, int64_t hint)
{
	ggi_rt_wl_var *v = &x->v[s->var];
	ggi_rt_wl_mapalloc *ma = malloc(sizeof *ma);
	if (!ma)
		return ggi_rt_wl_oom(x, s);
	ggi_rt_wl_mapalloc_init(ma, &x->m, &v->mt);
	gg_error err = {0};
	gg_rt_swiss *sw = NULL;
	gg_rt_classic *cl = NULL;
	gg_status st;
	if (v->mt.impl == GG_MAP_SWISS) {
		gg_rt_swiss_config c = {v->ty, x->t.go, &ma->a, 1, x->seed};
		st = gg_rt_swiss_new(&c, hint, &sw, &err);
	} else {
		gg_rt_classic_config c = {v->ty, x->t.go, x->noswiss != 0, &ma->a, 1, x->seed};
		st = gg_rt_classic_new(&c, hint, &cl, &err);
	}
	if (st != GG_OK) {
		ggi_rt_wl_mapalloc_done(ma);
		free(ma);
		return ggi_rt_wl_fail(x, s, st, &err);
	}
	if (ma->failed)
		ggi_rt_wl_not_comparable(x, s, "a runtime table struct has the size of a group array");
	destroy(v, v->sw, v->cl, v->ma);
	v->copied = NULL;
	v->sw = sw;
	v->cl = cl;
	v->ma = ma;
	v->made = 1;
	return 1;
}

static int entry_delete(ggi_rt_wl_var *v)
{
	void *e = get(v);
	if (!e)
		return 1;
	if (v->entry_slices)
		ggi_rt_wl_slice_drop(entry_slice(e));
	if (v->sw)
		gg_rt_swiss_delete(v->sw, v->key);
	else
		gg_rt_classic_delete(v->cl, v->key);
	return 1;
}

/* set, append or delete m[key]. */
int ggi_rt_wl_map_entry(ggi_rt_wl *x, const stmt *s, int64_t key, int64_t n)
{
	ggi_rt_wl_var *v = &x->v[s->var];
	gg_error err = {0};
	set_key(v, key);
	if (s->k == S_DELETE)
		return entry_delete(v);
	void *e = get(v);
	gg_rt_slice *sl = e && v->entry_slices ? entry_slice(e) : NULL, *fresh = NULL;
	memset(v->entry, 0, v->mt.elem.size);
	if (s->k == S_APPEND) {
		/* m[k] = append(m[k], ...): the append runs before the assignment. */
		if (!sl && !(sl = fresh = ggi_rt_wl_slice_new(x, v)))
			return ggi_rt_wl_oom(x, s);
		gg_status st = gg_rt_slice_append_n(sl, NULL, n, &err);
		if (st != GG_OK) {
			ggi_rt_wl_slice_drop(fresh); /* no entry holds it (a nil one may exist) */
			return ggi_rt_wl_fail(x, s, st, &err);
		}
		memcpy(v->entry, &sl, sizeof sl);
	} else if (sl) { /* set: nil replaces the slice */
		ggi_rt_wl_slice_drop(sl);
		memset(e, 0, sizeof sl);
	}
	gg_status st = put(v, v->key, v->entry, &err);
	if (st != GG_OK) /* the map never took the new slice */
		ggi_rt_wl_slice_drop(fresh);
	return st == GG_OK ? 1 : ggi_rt_wl_fail(x, s, st, &err);
}

int ggi_rt_wl_map_clear(ggi_rt_wl *x, const stmt *s)
{
	ggi_rt_wl_var *v = &x->v[s->var];
	if (x->t.go < 21)
		return ggi_wl_diag(x->d, s->line, s->col, GG_ERR_RELEASE,
				   "clear needs go1.21 or later (the target is go1.%d)", x->t.go);
	if (v->entry_slices)
		drop_entries(v, v->sw, v->cl);
	if (v->sw)
		gg_rt_swiss_clear(v->sw);
	else
		gg_rt_classic_clear(v->cl);
	return 1;
}

/* Puts every key of src into v's new map. */
static int copy_keys(ggi_rt_wl_var *v, const ggi_rt_wl_var *src, gg_error *err)
{
	const void *k;
	void *e;
	gg_status st = GG_OK;
	if (src->sw) {
		gg_rt_swiss_iter it;
		for (gg_rt_swiss_iter_init(src->sw, &it); st == GG_OK && gg_rt_swiss_iter_next(&it, &k, &e);)
			st = put(v, k, e, err);
		gg_rt_swiss_iter_stop(&it);
	} else {
		gg_rt_classic_iter it;
		for (gg_rt_classic_iter_init(src->cl, &it);
		     st == GG_OK && gg_rt_classic_iter_next(&it, &k, &e);)
			st = put(v, k, e, err);
		gg_rt_classic_iter_stop(&it);
	}
	return st == GG_OK;
}

/* c = clone m: make(map, len(m)) and a put of every entry, which is Go's
 * mapclone2 for classic maps and 1.24 (the classic one copies bucket by
 * bucket: overflow buckets may differ, the model calls them seed-bound
 * anyway). 1.25+ copies the structure as it is, which the runtime Swiss
 * map cannot: the statement is then flagged. */
int ggi_rt_wl_map_clone(ggi_rt_wl *x, const stmt *s)
{
	ggi_rt_wl_var *v = &x->v[s->var], *src = &x->v[s->src];
	if (x->t.go < 21)
		return ggi_wl_diag(x->d, s->line, s->col, GG_ERR_RELEASE,
				   "clone (maps.Clone) needs go1.21 or later (the target is go1.%d)",
				   x->t.go);
	if (v->entry_slices)
		return ggi_wl_diag(
		    x->d, s->line, s->col, GG_ERR_UNSUPPORTED,
		    "the runtime executor does not clone a map of slices (the copies would share "
		    "their arrays)");
	int64_t n = (int64_t)(src->sw ? gg_rt_swiss_len(src->sw) : gg_rt_classic_len(src->cl));
	/* The source stays while its copy is made (c = clone c included). */
	gg_rt_swiss *osw = v->sw;
	gg_rt_classic *ocl = v->cl;
	ggi_rt_wl_mapalloc *oma = v->ma;
	v->sw = NULL;
	v->cl = NULL;
	v->ma = NULL;
	ggi_rt_wl_var keep = *v;
	keep.sw = osw, keep.cl = ocl, keep.ma = oma;
	const ggi_rt_wl_var *from = s->src == s->var ? &keep : src;
	gg_error err = {0};
	if (!ggi_rt_wl_map_make(x, s, n))
		return destroy(&keep, osw, ocl, oma), 0;
	int ok = copy_keys(v, from, &err);
	destroy(&keep, osw, ocl, oma);
	/* The copy then grows from another shape: its later statements too. */
	if (v->mt.impl == GG_MAP_SWISS && x->t.go >= 25)
		v->copied = "Go 1.25+ clones a Swiss map's structure as it is; the runtime map is cloned by "
			    "make and puts (this statement and later ones on the copy)";
	return ok ? 1 : ggi_rt_wl_fail(x, s, GG_ERR_NOMEM, &err);
}
