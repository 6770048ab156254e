/* Releases and GOARCH ports.
 *
 * Per-arch facts come from the Go sources: PtrSize/RegSize from
 * internal/goarch (runtime/internal/sys in 1.16), heapAddrBits and maxAlloc
 * from runtime/malloc.go, MAXWIDTH from each port's compiler back end
 * (cmd/compile/internal/<arch>/galign.go). None of them changed between 1.16
 * and 1.27; only the set of ports did (loong64 arrived in 1.19). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gogrow/target.h"
#include "model/util.h"

#define MW64 (UINT64_C(1) << 50)
#define MW32 ((UINT64_C(1) << 32) - 1)
#define MWMIPS ((UINT64_C(1) << 31) - 1)

/* Same order as the golden files. */
static const gg_arch arches[] = {
    {"amd64", 8, 8, 0, 48, UINT64_C(1) << 48, MW64, 0},
    {"386", 4, 4, 0, 32, (UINT64_C(1) << 32) - 1, MW32, 0},
    {"arm", 4, 4, 0, 32, (UINT64_C(1) << 32) - 1, MW32, 0},
    {"arm64", 8, 8, 0, 48, UINT64_C(1) << 48, MW64, 0},
    {"loong64", 8, 8, 0, 48, UINT64_C(1) << 48, MW64, 19},
    {"mips", 4, 4, 1, 31, (UINT64_C(1) << 31) - 1, MWMIPS, 0},
    {"mipsle", 4, 4, 0, 31, (UINT64_C(1) << 31) - 1, MWMIPS, 0},
    {"mips64", 8, 8, 1, 48, UINT64_C(1) << 48, MW64, 0},
    {"mips64le", 8, 8, 0, 48, UINT64_C(1) << 48, MW64, 0},
    {"ppc64", 8, 8, 1, 48, UINT64_C(1) << 48, MW64, 0},
    {"ppc64le", 8, 8, 0, 48, UINT64_C(1) << 48, MW64, 0},
    {"riscv64", 8, 8, 0, 48, UINT64_C(1) << 48, MW64, 0},
    {"s390x", 8, 8, 1, 48, UINT64_C(1) << 48, MW64, 0},
    /* wasm: 64-bit words but a 32-bit address space, and maxAlloc is not
     * reduced by one as on the 32-bit ports. */
    {"wasm", 8, 8, 0, 32, UINT64_C(1) << 32, MW64, 0},
};

size_t gg_arch_count(void)
{
	return sizeof arches / sizeof arches[0];
}

const gg_arch *gg_arch_at(size_t i)
{
	return i < gg_arch_count() ? &arches[i] : NULL;
}

const gg_arch *gg_arch_find(const char *name)
{
	for (size_t i = 0; i < gg_arch_count(); i++)
		if (strcmp(arches[i].name, name) == 0)
			return &arches[i];
	return NULL;
}

static void arch_list(char *buf, size_t n)
{
	size_t off = 0;
	buf[0] = 0;
	for (size_t i = 0; i < gg_arch_count() && off < n; i++) {
		int w = snprintf(buf + off, n - off, "%s%s", i ? " " : "", arches[i].name);
		if (w < 0)
			break;
		off += (size_t)w;
	}
}

gg_status gg_target_make(const char *arch, int go, gg_target *out, gg_error *err)
{
	const gg_arch *a = gg_arch_find(arch);
	if (!a) {
		char list[160];
		arch_list(list, sizeof list);
		return ggi_fail(err, GG_ERR_ARCH, 0, "unknown GOARCH \"%.40s\" (supported: %s)", arch, list);
	}
	if (go < GG_GO_MIN || go > GG_GO_MAX)
		return ggi_fail(err, GG_ERR_RELEASE, 0,
				"unsupported release go1.%d (supported: go1.%d to go1.%d)", go, GG_GO_MIN,
				GG_GO_MAX);
	if (a->since > go)
		return ggi_fail(err, GG_ERR_ARCH, 0,
				"GOARCH %s is not a port in go1.%d (it arrived in go1.%d)", a->name, go,
				a->since);
	out->arch = a;
	out->go = go;
	return GG_OK;
}

/* Accepts go1.N, 1.N, with an optional .patch, rcN or betaN suffix. */
gg_status gg_release_parse(const char *s, int *minor, gg_error *err)
{
	const char *p = s;
	if (strncmp(p, "go", 2) == 0)
		p += 2;
	if (p[0] != '1' || p[1] != '.' || !isdigit((unsigned char)p[2]))
		goto bad;
	p += 2;
	long m = 0;
	while (isdigit((unsigned char)*p) && m < 1000)
		m = m * 10 + (*p++ - '0');
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			goto bad;
		while (isdigit((unsigned char)*p))
			p++;
	} else if (strncmp(p, "rc", 2) == 0 || strncmp(p, "beta", 4) == 0) {
		p += (*p == 'r') ? 2 : 4;
		if (!isdigit((unsigned char)*p))
			goto bad;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p)
		goto bad;
	if (m < GG_GO_MIN || m > GG_GO_MAX)
		return ggi_fail(err, GG_ERR_RELEASE, 0,
				"unsupported release %.40s (supported: go1.%d to go1.%d)", s, GG_GO_MIN,
				GG_GO_MAX);
	*minor = (int)m;
	return GG_OK;
bad:
	return ggi_fail(err, GG_ERR_RELEASE, 0,
			"malformed release \"%.40s\" (expected 1.N or go1.N[.P], supported go1.%d to go1.%d)",
			s, GG_GO_MIN, GG_GO_MAX);
}
