/* libFuzzer target: the heap driven by an op stream. Byte 0 picks the
 * release; then each op is one byte (kind) and up to three argument bytes:
 * allocate (any size up to 1 MiB, scan or noscan), free, free twice, free an
 * interior or a foreign pointer, replace through gg_rt_heap_grow, flush, scavenge, arm the failure hook,
 * compare statistics and check every invariant. Every object carries a
 * pattern checked when it is freed. Any disagreement traps. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "gogrow/rt_heap.h"

#define SLOTS 64

typedef struct obj {
	unsigned char *p;
	size_t size;
	int noscan;
	unsigned char tag;
} obj;

static void must(int cond)
{
	if (!cond)
		__builtin_trap();
}

static void check_pattern(const obj *o)
{
	must(o->p[0] == o->tag && o->p[o->size - 1] == o->tag);
}

static size_t pick_size(const uint8_t *a)
{
	size_t v = (size_t)a[1] << 8 | a[2];
	switch (a[0] & 3) {
	case 0: return 1 + v % 16;		     /* tiny */
	case 1: return 1 + v % 1024;		     /* small */
	case 2: return 1 + v % GG_MAX_SMALL_SIZE;    /* any class */
	default: return 32000 + v * 16 % (1u << 20); /* around and above the large threshold */
	}
}

static void check_stats(gg_rt_heap *h, const obj *objs, int flushed, int walk)
{
	gg_rt_heap_stats st;
	gg_rt_heap_stats_read(h, &st);
	uint64_t live = 0;
	for (int i = 0; i < SLOTS; i++)
		live += objs[i].p != NULL;
	must(st.HeapObjects == live);
	if (walk)
		must(gg_rt_heap_check(h, NULL) == GG_OK);
	if (flushed && live == 0)
		must(st.HeapInuse == 0 && st.HeapAlloc == 0);
}

static void op_alloc(gg_rt_heap *h, obj *o, const uint8_t *a, unsigned tag)
{
	if (o->p) {
		check_pattern(o);
		must(gg_rt_heap_free(h, o->p, NULL) == GG_OK);
	}
	o->size = pick_size(a);
	o->noscan = a[0] >> 7;
	o->tag = (unsigned char)(tag | 1);
	o->p = gg_rt_heap_alloc(h, o->size, o->noscan);
	if (o->p) {
		uint64_t slot, usable;
		must(gg_rt_heap_slot(h, o->p, &slot, &usable) == GG_OK && usable >= o->size);
		o->p[0] = o->p[o->size - 1] = o->tag;
	}
}

static void op_free(gg_rt_heap *h, obj *o, int kind)
{
	int stack;
	if (!o->p)
		return;
	check_pattern(o);
	if (kind == 1 && (o->size >= GG_TINY_SIZE || !o->noscan))
		must(gg_rt_heap_free(h, o->p + 1, NULL) == GG_ERR_RANGE); /* interior */
	if (kind == 2)
		must(gg_rt_heap_free(h, &stack, NULL) == GG_ERR_RANGE);
	must(gg_rt_heap_free(h, o->p, NULL) == GG_OK);
	if (kind == 3)
		must(gg_rt_heap_free(h, o->p, NULL) == GG_ERR_RANGE); /* double */
	o->p = NULL;
}

/* Replaces the object through gg_rt_heap_grow (any size, or twice its own):
 * the kept bytes keep their pattern, bytes promised zero are, and a refusal
 * (the failure hook armed) leaves the object live and intact. */
static void op_grow(gg_rt_heap *h, obj *o, const uint8_t *a)
{
	if (!o->p)
		return;
	check_pattern(o);
	size_t size = a[2] & 1 && o->size <= (1u << 20) ? 2 * o->size : pick_size(a);
	void *q = NULL;
	int zeroed = 0;
	gg_status st = gg_rt_heap_grow(h, o->p, o->size, size, o->noscan, &q, &zeroed, NULL);
	if (st != GG_OK) {
		must(st == GG_ERR_NOMEM && q == NULL);
		check_pattern(o);
		return;
	}
	unsigned char *b = q;
	size_t keep = o->size < size ? o->size : size;
	must(b[0] == o->tag && (o->size > keep || b[o->size - 1] == o->tag));
	if (zeroed && size > keep)
		must(b[keep] == 0 && b[size - 1] == 0);
	o->p = b;
	o->size = size;
	b[0] = b[size - 1] = o->tag;
}

/* One heap per release, kept across inputs (creating one maps 96 MiB):
 * every input ends with all its objects freed and the thread cache flushed,
 * so the next starts from an empty heap. */
static gg_rt_heap *heap_for(int go)
{
	static gg_rt_heap *heaps[GG_GO_MAX + 1];
	if (!heaps[go]) {
		gg_rt_heap_config cfg = {0};
		cfg.go = go;
		cfg.scavenge_ns = 1000000; /* 1 ms: automatic passes happen too */
		if (gg_rt_heap_create(&cfg, &heaps[go], NULL) != GG_OK)
			__builtin_trap();
	}
	return heaps[go];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	gg_rt_heap *h = heap_for(GG_GO_MIN + data[0] % (GG_GO_MAX - GG_GO_MIN + 1));
	obj objs[SLOTS];
	memset(objs, 0, sizeof objs);
	for (size_t i = 1; i + 4 <= size; i += 4) {
		const uint8_t *a = data + i + 1;
		obj *o = &objs[a[0] % SLOTS];
		switch (data[i] % 10) {
		case 0:
		case 1:
		case 2: op_alloc(h, o, a, (unsigned)i); break;
		case 3:
		case 4:
			if (a[1] % 5 == 4)
				op_grow(h, o, a);
			else
				op_free(h, o, a[1] % 5);
			break;
		case 5: gg_rt_heap_flush(h); break;
		case 6: /* rare: releasing and refaulting pages is slow */
			if (a[1] < 4)
				gg_rt_heap_scavenge(h);
			break;
		case 7: gg_rt_heap_fail_nth(h, a[1] % 8); break;
		case 8: check_stats(h, objs, 0, 0); break;
		default: check_stats(h, objs, 0, 1); break;
		}
	}
	gg_rt_heap_fail_nth(h, 0);
	for (int i = 0; i < SLOTS; i++)
		op_free(h, &objs[i], 0);
	gg_rt_heap_flush(h);
	check_stats(h, objs, 1, 1);
	return 0;
}
