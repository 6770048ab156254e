/* libFuzzer target: the heap-profile decoder and the audit on arbitrary
 * bytes (an ungzipped profile.proto). Decoding must fail cleanly or give a
 * profile whose every sample names a site it holds; the audit must report
 * only sites of the profile, once each, with figures no larger than the
 * profile's own. Byte 0 picks the release (classic or Swiss maps). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "gogrow/audit.h"

static void must(int cond)
{
	if (!cond)
		__builtin_trap();
}

static void check_profile(const gg_heapprof *p)
{
	for (size_t i = 0; i < p->nsamples; i++) {
		must(p->samples[i].site < p->nsites);
		must(p->samples[i].objects > 0 && p->samples[i].bytes > 0);
	}
	for (size_t i = 0; i < p->nsites; i++)
		must(p->sites[i].func && p->sites[i].file);
	must(p->nsamples + p->nnosite <= p->nraw);
}

static void check_audit(const gg_heapprof *p, const gg_audit *a)
{
	must(a->n <= p->nsites && a->checked <= p->nsites);
	for (size_t i = 0; i < a->n; i++) {
		const gg_audit_site *s = &a->sites[i];
		must(s->site < p->nsites);
		for (size_t j = 0; j < i; j++)
			must(a->sites[j].site != s->site);
		must(s->steps >= GG_AUDIT_MIN_STEPS && s->unexplained >= 0);
		must(s->saved >= 0 && s->saved <= s->bytes && s->bytes <= a->bytes);
		must(s->len_min <= s->len_max && s->unit_min <= s->unit && s->unit <= s->unit_max);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	gg_target t;
	if (gg_target_make("amd64", data[0] & 1 ? 22 : 27, &t, NULL) != GG_OK)
		__builtin_trap();
	gg_heapprof p;
	gg_error err;
	if (gg_heapprof_parse(data + 1, size - 1, &p, &err) != GG_OK) {
		must(err.msg[0] != 0);
		gg_heapprof_free(&p);
		return 0;
	}
	check_profile(&p);
	gg_audit a;
	if (gg_audit_run(&t, &p, &a, &err) == GG_OK) {
		check_audit(&p, &a);
		gg_audit_free(&a);
	}
	gg_heapprof_free(&p);
	return 0;
}
