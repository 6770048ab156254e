/* The answers of gogrow explain for slices: every step that decides the
 * new capacity, as text with the numbers filled in and the Go source each
 * step comes from. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/answer/explain.h"

/* Steps go to the current target; a step that cannot be kept (no memory)
 * marks the answer, and the command reports it. */
static int grow_steps(explain_result *r)
{
	if (r->n < r->cap)
		return 1;
	size_t cap = r->cap ? 2 * r->cap : 16;
	explain_line *n = realloc(r->steps, cap * sizeof *n);
	if (!n)
		return 0;
	r->steps = n;
	r->cap = cap;
	return 1;
}

void explain_step(explainer *x, const char *source, const char *fmt, ...)
{
	char text[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	explain_result *r = &x->results[x->nresults - 1];
	char *t = strdup(text);
	if (!t || !grow_steps(r)) {
		free(t);
		x->oom = 1;
		return;
	}
	r->steps[r->n++] = (explain_line){t, source};
}

explain_result *explain_begin(explainer *x, const gg_target *tg)
{
	explain_result *r = &x->results[x->nresults++];
	r->go = tg->go;
	r->arch = tg->arch->name;
	return r;
}

int explain_alloc(explainer *x, int ntargets)
{
	x->results = calloc((size_t)ntargets + 1, sizeof *x->results);
	return x->results != NULL;
}

void explain_free(explainer *x)
{
	for (int i = 0; x->results && i < x->nresults; i++) {
		for (size_t k = 0; k < x->results[i].n; k++)
			free(x->results[i].steps[k].text);
		free(x->results[i].steps);
	}
	free(x->results);
	x->results = NULL;
	x->nresults = 0;
}

static const char *rule_text(const gg_target *t, gg_nextcap_rule r)
{
	if (r == GG_RULE_NEEDED)
		return "the new length is more than twice the old cap, so the formula takes the new length";
	if (r == GG_RULE_DOUBLE)
		return t->go >= 18 ? "the old cap is below 256, so it doubles"
				   : "the old cap is below 1024, so it doubles";
	return t->go >= 18
		   ? "the old cap is 256 or more, so it grows by (cap+768)/4 until the new length fits"
		   : "the old cap is 1024 or more, so it grows by cap/4 until the new length fits";
}

/* The paths that allocate nothing on the heap: zero-size elements, the
 * 1.25+ stack buffer, the 1.26+ growsliceBuf ladder. Returns 0 for
 * growslice proper. */
static int explain_special(explainer *x, const gg_grow *gp, gg_elem e)
{
	const gg_grow g = *gp;
	if (g.path == GG_PATH_ZEROSIZE) {
		explain_step(x, "runtime/slice.go growslice",
			     "zero-size elements: nothing is allocated, cap becomes the new length %lld",
			     (long long)g.newcap);
		return 1;
	}
	if (g.path == GG_PATH_STACKBUF) {
		explain_step(x, "cmd/compile/internal/ssagen/ssa.go append (1.25+)",
			     "the append result does not escape and the slice is empty: the compiler's "
			     "32-byte stack buffer "
			     "holds floor(32/%llu) = %lld elements, so cap = %lld with no heap allocation",
			     (unsigned long long)e.size, (long long)g.newcap, (long long)g.newcap);
		return 1;
	}
	if (g.path == GG_PATH_BUFLADDER) {
		explain_step(x, "runtime/slice.go growsliceBuf (1.26+)",
			     "cap() is used and the slice is built on the stack: inside the 32-byte buffer "
			     "the cap steps one "
			     "size class at a time: roundupsize(%lld*%llu)/%llu = %lld",
			     (long long)g.newlen, (unsigned long long)e.size, (unsigned long long)e.size,
			     (long long)g.newcap);
		return 1;
	}
	return 0;
}

/* growslice proper: the formula, the size class, what is allocated. */
static void explain_growslice(explainer *x, const gg_target *tg, const gg_grow *gp, gg_elem e, int64_t len,
			      int64_t cap)
{
	const gg_grow g = *gp;
	const char *go_src = tg->go >= 22 ? "runtime/slice.go nextslicecap" : "runtime/slice.go growslice";
	int64_t caps[64];
	gg_nextcap_rule rule;
	size_t n = gg_nextcap_trace(tg, g.newlen, cap, caps, 64, &rule);
	char chain[1024] = "";
	size_t off = 0;
	for (size_t i = 0; i < n && off < sizeof chain - 32; i++) {
		if (i == 12 && n > 14) {
			off += (size_t)snprintf(chain + off, sizeof chain - off, " -> ...");
			i = n - 2;
			continue;
		}
		off += (size_t)snprintf(chain + off, sizeof chain - off, "%s%lld", i ? " -> " : "",
					(long long)caps[i]);
	}
	explain_step(x, go_src, "growth formula (go1.%d): %s: %s", tg->go, rule_text(tg, rule), chain);
	explain_step(x, "runtime/slice.go growslice", "bytes requested: %lld x %llu = %llu",
		     (long long)g.nextcap, (unsigned long long)e.size, (unsigned long long)g.reqbytes);
	uint64_t usable = gg_roundupsize(tg, g.reqbytes, e.noscan);
	if (g.sizeclass) {
		const gg_sizeclass *sc = gg_sizeclass_at(g.sizeclass);
		char hdr[160] = "";
		if (g.header)
			snprintf(hdr, sizeof hdr,
				 "; the object has pointers and is over %d bytes, so an 8-byte malloc "
				 "header lives in the slot (go1.22+)",
				 8 * tg->arch->ptr_size * tg->arch->ptr_size);
		explain_step(x,
			     tg->go >= 22 ? "runtime/msize.go roundupsize, runtime/sizeclasses.go"
					  : "runtime/msize.go roundupsize",
			     "roundupsize(%llu) = %llu usable bytes: size class %d (%u-byte slots, %u per "
			     "%u-page span)%s",
			     (unsigned long long)g.reqbytes, (unsigned long long)usable, g.sizeclass,
			     sc->size, gg_sizeclass_objects(tg, g.sizeclass, e.noscan), sc->npages, hdr);
	} else
		explain_step(x, "runtime/msize.go roundupsize",
			     "roundupsize(%llu) = %llu: a large object (over 32 KiB) takes whole 8 KiB pages",
			     (unsigned long long)g.reqbytes, (unsigned long long)usable);
	explain_step(
	    x, "runtime/slice.go growslice",
	    "new cap = %llu / %llu = %lld elements (%llu bytes used, %llu bytes of the slot left unused)",
	    (unsigned long long)usable, (unsigned long long)e.size, (long long)g.newcap,
	    (unsigned long long)g.capbytes,
	    (unsigned long long)(g.alloc - g.capbytes - (g.header ? GG_MALLOC_HEADER : 0)));
	explain_step(x, "runtime/malloc.go mallocgc",
		     "heap: %llu bytes allocated, %lld elements copied from the old array",
		     (unsigned long long)g.alloc, (long long)len);
}

int explain_slice(explainer *x, const gg_target *tg, const gg_type *elem, int64_t len, int64_t cap,
		  int64_t add, gg_escape esc)
{
	gg_elem e;
	gg_error err = {0};
	gg_layout l;
	if (gg_layout_of(tg, elem, &l, &err) != GG_OK) {
		cli_gg_error(&err);
		return cli_exit(err.code);
	}
	e.size = l.size;
	e.noscan = l.ptrdata == 0;
	explain_step(x, "cmd/compile/internal/types/size.go CalcSize", "element: %llu bytes, align %llu, %s",
		     (unsigned long long)l.size, (unsigned long long)l.align,
		     e.noscan ? "no pointers (noscan)" : "contains pointers (scanned by the GC)");
	if (gg_makeslice(tg, e, len, cap, NULL, &err) != GG_OK) {
		explain_step(x, "runtime/slice.go makeslice", "make panics: %s", err.msg);
		return cli_exit(err.code);
	}
	gg_slicestate s;
	gg_grow g;
	gg_slice_start(&s, tg, e, esc, len, cap);
	if (gg_slice_append(&s, add, &g, &err) != GG_OK) {
		explain_step(x, "runtime/slice.go growslice", "append panics: %s", err.msg);
		return cli_exit(err.code);
	}
	if (g.path == GG_PATH_NONE) {
		explain_step(
		    x, "cmd/compile/internal/ssagen/ssa.go append",
		    "new length %lld fits in cap %lld: the elements are stored in place, cap stays %lld",
		    (long long)g.newlen, (long long)cap, (long long)cap);
		return EXIT_OK;
	}
	explain_step(x, "cmd/compile/internal/ssagen/ssa.go append",
		     "new length %lld > cap %lld: the slice must grow", (long long)g.newlen, (long long)cap);
	if (explain_special(x, &g, e))
		return EXIT_OK;
	explain_growslice(x, tg, &g, e, len, cap);
	return EXIT_OK;
}
