/* gogrow explain '[]T' --len L [--cap C] --add N: every step that decides
 * the new capacity, with the numbers filled in and the Go source each step
 * comes from. One target at a time, so that every number can be read. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/explain.h"
#include "cli/output.h"

void explain_step(explainer *x, const char *source, const char *fmt, ...)
{
	char text[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	x->n++;
	if (x->fmt == FMT_JSON) {
		jw_obj(&x->w, NULL);
		jw_s(&x->w, "text", text);
		jw_s(&x->w, "source", source);
		jw_end_obj(&x->w);
	} else
		printf("%2d. %s\n    [%s]\n", x->n, text, source);
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

static int explain_target(explainer *x, const gg_target *tg, const gg_type *elem, int64_t len, int64_t cap,
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

static int explain_map_cmd(cli_common *c, int64_t hint, int64_t count)
{
	if (count < 0) {
		cli_error("--count must not be negative");
		return EXIT_USAGE;
	}
	if (!cli_targets(c))
		return EXIT_USAGE;
	gg_typeexpr *e = cli_type(c->pos[0]);
	if (!e)
		return EXIT_USAGE;
	const gg_type *t = gg_typeexpr_root(e);
	if (t->kind != GG_MAP) {
		cli_error("--hint and --count explain a map type such as 'map[string]int'");
		gg_typeexpr_free(e);
		return EXIT_USAGE;
	}
	int rc = EXIT_OK;
	explainer x = {.fmt = c->fmt};
	if (c->fmt == FMT_JSON) {
		jw_begin(&x.w, stdout);
		jw_obj(&x.w, NULL);
		jw_s(&x.w, "command", "explain");
		jw_s(&x.w, "type", c->pos[0]);
		jw_i(&x.w, "hint", hint);
		jw_i(&x.w, "count", count);
		jw_arr(&x.w, "results");
	}
	for (int i = 0; i < c->ntargets; i++) {
		char gb[16];
		x.n = 0;
		if (c->fmt == FMT_JSON) {
			jw_obj(&x.w, NULL);
			jw_s(&x.w, "go", cli_go_name(c->targets[i].go, gb));
			jw_s(&x.w, "arch", c->targets[i].arch->name);
			jw_arr(&x.w, "steps");
		} else
			printf("%sm := make(%s, %lld)%s  on %s/%s\n", i ? "\n" : "", c->pos[0],
			       (long long)hint, count > 0 ? "; then distinct keys are inserted" : "",
			       cli_go_name(c->targets[i].go, gb), c->targets[i].arch->name);
		int r = explain_map(&x, t, &c->targets[i], hint, count);
		if (r != EXIT_OK)
			rc = r;
		if (c->fmt == FMT_JSON) {
			jw_end_arr(&x.w);
			jw_end_obj(&x.w);
		}
	}
	if (c->fmt == FMT_JSON) {
		jw_end_arr(&x.w);
		jw_end_obj(&x.w);
		jw_finish(&x.w);
	}
	gg_typeexpr_free(e);
	return rc;
}

/* Whether the argument is a map type: `explain 'map[K]V'` alone explains
 * make(map[K]V). A type that does not parse is reported later, once. */
static int is_map_type(const char *src)
{
	gg_typeexpr *e;
	gg_error err;
	if (gg_type_parse(src, &e, &err) != GG_OK)
		return 0;
	int is_map = gg_typeexpr_root(e)->kind == GG_MAP;
	gg_typeexpr_free(e);
	return is_map;
}

int cmd_explain(int argc, char **argv)
{
	cli_common c;
	int64_t len = 0, cap = -1, add = 1, hint = 0, count = 0;
	int has_len = 0, has_cap = 0, has_hint = 0, has_count = 0;
	cli_opt extra[] = {{"--len", OPT_INT, &len, &has_len},	     {"--cap", OPT_INT, &cap, &has_cap},
			   {"--add", OPT_INT, &add, NULL},	     {"--hint", OPT_INT, &hint, &has_hint},
			   {"--count", OPT_INT, &count, &has_count}, {NULL, 0, NULL, NULL}};
	if (!cli_parse("explain", argc, argv, extra, &c))
		return cli_usage_error("explain");
	if (c.npos == 1 && (has_hint || has_count || (!has_len && is_map_type(c.pos[0]))))
		return explain_map_cmd(&c, hint, count);
	if (c.npos != 1 || !has_len) {
		cli_error("explain needs a slice type and --len, or a map type and --hint/--count");
		return cli_usage_error("explain");
	}
	if (!has_cap)
		cap = len;
	if (len < 0 || add < 0 || cap < len) {
		cli_error("need 0 <= --len <= --cap and --add >= 0");
		return EXIT_USAGE;
	}
	if (!cli_targets(&c))
		return EXIT_USAGE;
	const gg_type *elem;
	gg_typeexpr *e = cli_slice_type(c.pos[0], &elem);
	if (!e)
		return EXIT_USAGE;
	int rc = EXIT_OK;
	explainer x = {.fmt = c.fmt};
	if (c.fmt == FMT_JSON) {
		jw_begin(&x.w, stdout);
		jw_obj(&x.w, NULL);
		jw_s(&x.w, "command", "explain");
		jw_s(&x.w, "type", c.pos[0]);
		jw_i(&x.w, "len", len);
		jw_i(&x.w, "cap", cap);
		jw_i(&x.w, "add", add);
		jw_arr(&x.w, "results");
	}
	for (int i = 0; i < c.ntargets; i++) {
		char gb[16];
		x.n = 0;
		if (c.fmt == FMT_JSON) {
			jw_obj(&x.w, NULL);
			jw_s(&x.w, "go", cli_go_name(c.targets[i].go, gb));
			jw_s(&x.w, "arch", c.targets[i].arch->name);
			jw_arr(&x.w, "steps");
		} else
			printf("%ss := make(%s, %lld, %lld); s = append(s, <%lld elements>)  on %s/%s\n",
			       i ? "\n" : "", c.pos[0], (long long)len, (long long)cap, (long long)add,
			       cli_go_name(c.targets[i].go, gb), c.targets[i].arch->name);
		int r = explain_target(&x, &c.targets[i], elem, len, cap, add, c.esc);
		if (r != EXIT_OK)
			rc = r;
		if (c.fmt == FMT_JSON) {
			jw_end_arr(&x.w);
			jw_end_obj(&x.w);
		}
	}
	if (c.fmt == FMT_JSON) {
		jw_end_arr(&x.w);
		jw_end_obj(&x.w);
		jw_finish(&x.w);
	}
	gg_typeexpr_free(e);
	return rc;
}
