/* Option parsing shared by the subcommands. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "gogrow/gosrc.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("gogrow: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_gg_error(const gg_error *e)
{
	cli_error("%s", e->msg);
}

const char *cli_go_name(int go, char buf[16])
{
	snprintf(buf, 16, "go1.%d", go);
	return buf;
}

int cli_usage_error(const char *cmd)
{
	fprintf(stderr, "Run 'gogrow %s --help' for usage.\n", cmd);
	return EXIT_USAGE;
}

int cli_int(const char *opt, const char *s, int64_t *out)
{
	const char *p = s;
	int neg = 0;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (!isdigit((unsigned char)*p)) {
		cli_error("%s: \"%s\" is not an integer", opt, s);
		return 0;
	}
	uint64_t v = 0;
	for (; *p; p++) {
		if (*p == '_' && isdigit((unsigned char)p[1]) && p > s && isdigit((unsigned char)p[-1]))
			continue;
		if (!isdigit((unsigned char)*p)) {
			cli_error("%s: \"%s\" is not an integer", opt, s);
			return 0;
		}
		if (v > (UINT64_C(1) << 63) / 10) {
			cli_error("%s: %s is too large (the limit is %lld)", opt, s, (long long)INT64_MAX);
			return 0;
		}
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (v > (uint64_t)INT64_MAX + neg) {
		cli_error("%s: %s is too large (the limit is %lld)", opt, s, (long long)INT64_MAX);
		return 0;
	}
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 1;
}

gg_typeexpr *cli_type(const char *src)
{
	gg_typeexpr *e;
	gg_error err = {0};
	gg_gosrc *pkg = (gg_gosrc *)cli_pkg();
	if ((pkg ? gg_gosrc_type(pkg, src, &e, &err) : gg_type_parse(src, &e, &err)) == GG_OK)
		return e;
	cli_error("bad type: %s", err.msg);
	int printable = 1;
	for (const unsigned char *q = (const unsigned char *)src; *q; q++)
		printable &= *q >= 0x20 && *q != 0x7f;
	if (err.column > 0 && printable && strlen(src) < 200) {
		char caret[256];
		gg_error_caret(&err, caret, sizeof caret);
		fprintf(stderr, "  %s\n  %s\n", src, caret);
	}
	return NULL;
}

static int parse_escape(const char *s, gg_escape *out)
{
	if (gg_escape_parse(s, out))
		return 1;
	cli_error("--escape: unknown value \"%s\" (expected heap, stack, return or return-cap)", s);
	return 0;
}

/* The common options each command takes: any other is an error rather
 * than silently ignored. Commands not listed take them all and check
 * what they do not use themselves (simulate, probe: with their own words). */
enum {
	TAKES_GO = 1,
	TAKES_ARCH = 2,
	TAKES_JSON = 4,
	TAKES_TSV = 8,
	TAKES_ESCAPE = 16,
	TAKES_ALL = 31,
	TAKES_PKG = 32
};
static const struct {
	const char *cmd;
	unsigned takes;
} common_opts[] = {
    {"layout", TAKES_GO | TAKES_ARCH | TAKES_JSON | TAKES_TSV},
    {"explain", TAKES_GO | TAKES_ARCH | TAKES_JSON | TAKES_ESCAPE},
    {"advise", TAKES_GO | TAKES_ARCH | TAKES_JSON},
    {"classes", TAKES_GO | TAKES_ARCH | TAKES_JSON | TAKES_TSV},
    {"conv", TAKES_GO | TAKES_ARCH | TAKES_JSON | TAKES_TSV},
};

static unsigned takes_of_common(const char *cmd)
{
	for (size_t i = 0; i < sizeof common_opts / sizeof common_opts[0]; i++)
		if (!strcmp(common_opts[i].cmd, cmd))
			return common_opts[i].takes;
	return TAKES_ALL;
}

/* --pkg: the commands whose type argument may name a package's types. */
static const char *const pkg_cmds[] = {"layout", "append", "grow",    "compare",
				       "map",	 "advise", "explain", "simulate"};

static unsigned takes_of(const char *cmd)
{
	for (size_t i = 0; i < sizeof pkg_cmds / sizeof pkg_cmds[0]; i++)
		if (!strcmp(pkg_cmds[i], cmd))
			return takes_of_common(cmd) | TAKES_PKG;
	return takes_of_common(cmd);
}

/* The bit of a common option, 0 for a command's own. */
static unsigned common_bit(const char *name)
{
	static const struct {
		const char *name;
		unsigned bit;
	} names[] = {{"--go", TAKES_GO},   {"--arch", TAKES_ARCH},     {"--json", TAKES_JSON},
		     {"--tsv", TAKES_TSV}, {"--escape", TAKES_ESCAPE}, {"--pkg", TAKES_PKG}};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(names[i].name, name))
			return names[i].bit;
	return 0;
}

/* Refuses an option given twice, --json with --tsv, and a common option the
 * command does not take. `given` collects the common bits seen so far. */
static int check_common(const char *cmd, const char *name, unsigned *given)
{
	unsigned bit = common_bit(name);
	if (!bit)
		return 1;
	if (!(takes_of(cmd) & bit)) {
		cli_error("%s does not apply to %s", name, cmd);
		return 0;
	}
	if (*given & bit) {
		cli_error("%s given twice", name);
		return 0;
	}
	if (bit & (TAKES_JSON | TAKES_TSV) && *given & (TAKES_JSON | TAKES_TSV)) {
		cli_error("--json and --tsv cannot be used together");
		return 0;
	}
	*given |= bit;
	return 1;
}

/* The state of one command line being parsed. */
typedef struct parser {
	const char *cmd;
	int argc, i;
	char **argv;
	const cli_opt *extra;
	cli_common *c;
	unsigned given;	    /* common options seen */
	uint64_t own_given; /* the command's own options seen, by index in extra */
} parser;

/* The value of option `name`: after '=' or the next argument. */
static const char *option_value(parser *p, const char *name, const char *eq)
{
	if (eq)
		return eq + 1;
	if (p->i + 1 >= p->argc)
		return cli_error("option %s needs a value", name), NULL;
	return p->argv[++p->i];
}

/* A command's own option `o`: refused if repeated, else stored. */
static int own_option(parser *p, const cli_opt *o, const char *name, const char *eq)
{
	uint64_t bit = UINT64_C(1) << ((o - p->extra) & 63);
	if (p->own_given & bit)
		return cli_error("%s given twice", name), 0;
	p->own_given |= bit;
	if (o->kind == OPT_FLAG)
		*(int *)o->dst = 1;
	else {
		const char *val = option_value(p, name, eq);
		if (!val)
			return 0;
		if (o->kind == OPT_INT && !cli_int(name, val, (int64_t *)o->dst))
			return 0;
		if (o->kind == OPT_STR)
			*(const char **)o->dst = val;
	}
	if (o->seen)
		*o->seen = 1;
	return 1;
}

/* One argument that starts with a dash (not "--"). */
static int option(parser *p, const char *a)
{
	cli_common *c = p->c;
	char name[32];
	const char *eq = strchr(a, '=');
	size_t n = eq ? (size_t)(eq - a) : strlen(a);
	if (n >= sizeof name)
		return cli_error("unknown option %.40s", a), 0;
	memcpy(name, a, n);
	name[n] = 0;
	if (!check_common(p->cmd, name, &p->given))
		return 0;
	if (!strcmp(name, "--json") || !strcmp(name, "--tsv")) {
		c->fmt = name[2] == 'j' ? FMT_JSON : FMT_TSV;
		return 1;
	}
	if (!strcmp(name, "--pkg")) {
		const char *dir = option_value(p, name, eq);
		return dir && cli_load_pkg(dir);
	}
	const char **sdst = !strcmp(name, "--go")	? &c->go
			    : !strcmp(name, "--arch")	? &c->arch
			    : !strcmp(name, "--escape") ? &c->escape
							: NULL;
	if (sdst) {
		c->explicit_go |= sdst == &c->go;
		c->explicit_arch |= sdst == &c->arch;
		return (*sdst = option_value(p, name, eq)) != NULL;
	}
	for (const cli_opt *o = p->extra; o && o->name; o++)
		if (!strcmp(o->name, name))
			return own_option(p, o, name, eq);
	return cli_error("unknown option %s", name), 0;
}

int cli_parse(const char *cmd, int argc, char **argv, const cli_opt *extra, cli_common *c)
{
	memset(c, 0, sizeof *c);
	c->esc = GG_ESC_HEAP;
	parser p = {cmd, argc, 0, argv, extra, c, 0, 0};
	for (; p.i < argc; p.i++) {
		const char *a = argv[p.i];
		if (strcmp(a, "--") == 0) {
			for (p.i++; p.i < argc && c->npos < 8; p.i++)
				c->pos[c->npos++] = argv[p.i];
			break;
		}
		if (a[0] == '-' && a[1] != 0 && (a[1] == '-' || isalpha((unsigned char)a[1]))) {
			if (!option(&p, a))
				return 0;
			continue;
		}
		if (c->npos == 8)
			return cli_error("too many arguments"), 0;
		c->pos[c->npos++] = a;
	}
	if (c->escape && !parse_escape(c->escape, &c->esc))
		return 0;
	return 1;
}

static int add_go(int *gos, int *n, int go)
{
	for (int i = 0; i < *n; i++)
		if (gos[i] == go)
			return 1;
	gos[(*n)++] = go;
	return 1;
}

/* Each arch once, whatever the list repeats. */
static void add_arch(const gg_arch **arches, int *n, const gg_arch *a)
{
	for (int i = 0; i < *n; i++)
		if (arches[i] == a)
			return;
	if (*n < 16)
		arches[(*n)++] = a;
}

/* One --go item: a release, "all", or a range 1.20-1.24. */
static int add_go_item(char *tok, int *gos, int *ngo)
{
	gg_error err = {0};
	int lo, hi;
	if (!strcmp(tok, "all")) {
		for (int g = GG_GO_MIN; g <= GG_GO_MAX; g++)
			add_go(gos, ngo, g);
		return 1;
	}
	char *dash = strchr(tok + 1, '-');
	if (dash)
		*dash = 0;
	if (gg_release_parse(tok, &lo, &err) != GG_OK ||
	    (dash && gg_release_parse(dash + 1, &hi, &err) != GG_OK))
		return cli_gg_error(&err), 0;
	if (!dash)
		hi = lo;
	if (lo > hi)
		return cli_error("--go: the range go1.%d-go1.%d is empty (write the older release first)", lo,
				 hi),
		       0;
	for (int g = lo; g <= hi; g++)
		add_go(gos, ngo, g);
	return 1;
}

/* One --arch item: a port, "all", "64" or "32". */
static int add_arch_item(const char *tok, const gg_arch **arches, int *narch)
{
	int all = !strcmp(tok, "all"), b64 = !strcmp(tok, "64"), b32 = !strcmp(tok, "32");
	if (all || b64 || b32) {
		for (size_t i = 0; i < gg_arch_count(); i++) {
			const gg_arch *a = gg_arch_at(i);
			if (all || (b64 && a->ptr_size == 8) || (b32 && a->ptr_size == 4))
				add_arch(arches, narch, a);
		}
		return 1;
	}
	const gg_arch *a = gg_arch_find(tok);
	if (!a) {
		gg_target t;
		gg_error err = {0};
		gg_target_make(tok, GG_GO_MAX, &t, &err);
		return cli_gg_error(&err), 0;
	}
	add_arch(arches, narch, a);
	return 1;
}

/* Releases x arches; a port that did not exist yet in a release is an
 * error if asked for by name, skipped when it came from a group. */
static int cross(cli_common *c, const int *gos, int ngo, const gg_arch **arches, int narch)
{
	gg_error err = {0};
	c->ntargets = 0;
	for (int g = 0; g < ngo; g++)
		for (int a = 0; a < narch; a++) {
			gg_target t;
			if (gg_target_make(arches[a]->name, gos[g], &t, &err) != GG_OK) {
				if (c->explicit_arch && c->arch && strstr(c->arch, arches[a]->name) &&
				    strcmp(c->arch, "all") && strcmp(c->arch, "64") && strcmp(c->arch, "32"))
					return cli_gg_error(&err), 0;
				continue;
			}
			if (c->ntargets < CLI_MAX_TARGETS)
				c->targets[c->ntargets++] = t;
		}
	if (c->ntargets == 0)
		return cli_error("no target left: none of the arches is a port in the releases asked for"), 0;
	return 1;
}

int cli_targets(cli_common *c)
{
	int gos[GG_GO_MAX - GG_GO_MIN + 1], ngo = 0;
	const gg_arch *arches[16];
	int narch = 0;
	char buf[256];
	char *save = NULL;
	snprintf(buf, sizeof buf, "%s", c->go ? c->go : "");
	if (!c->go)
		add_go(gos, &ngo, GG_GO_MAX);
	for (char *tok = buf[0] ? strtok_r(buf, ",", &save) : NULL; tok; tok = strtok_r(NULL, ",", &save))
		if (!add_go_item(tok, gos, &ngo))
			return 0;
	snprintf(buf, sizeof buf, "%s", c->arch ? c->arch : "amd64");
	for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		if (!add_arch_item(tok, arches, &narch))
			return 0;
	if (ngo == 0 || narch == 0) {
		cli_error("%s: nothing to answer for \"%s\"", ngo == 0 ? "--go" : "--arch",
			  ngo == 0 ? c->go : c->arch);
		return 0;
	}
	return cross(c, gos, ngo, arches, narch);
}
