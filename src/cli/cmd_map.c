/* gogrow map 'map[K]V': how a map type is stored, what make(map[K]V, hint)
 * allocates, and (--grow N) every growth step while N distinct keys are
 * inserted, for one or several targets; --escape stack for a map that does
 * not escape (header and a small map's bucket or group on the stack), and
 * --churn N,K for N inserts followed by K delete+insert pairs (a labelled
 * simulation: Swiss tombstones, classic overflow buckets; a classic map's
 * B is exact).
 *
 * The model (gogrow/map.h) is exact; where Go's behaviour depends on the
 * hash seed (classic overflow buckets, Swiss splits after the first) this
 * command says so instead of guessing, and --sim R prints a simulated
 * distribution under a heading that says it is one. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out/write.h"

/* What `gogrow map` was asked. */
typedef struct map_args {
	cli_common c;
	map_answer q; /* the question's numbers */
	int has_seed;
	const char *churn_arg, *svg;
} map_args;

/* --churn N,K: N inserts, then K deletes each followed by an insert. */
static int parse_churn(map_args *m)
{
	char nbuf[32];
	const char *comma = strchr(m->churn_arg, ',');
	size_t nl = comma ? (size_t)(comma - m->churn_arg) : 0;
	if (nl < sizeof nbuf) {
		memcpy(nbuf, m->churn_arg, nl);
		nbuf[nl] = 0;
	}
	if (!comma || nl >= sizeof nbuf || !gg_parse_int64(nbuf, &m->q.cn) ||
	    !gg_parse_int64(comma + 1, &m->q.ck) || m->q.cn < 0 || m->q.ck < 0) {
		cli_error(
		    "--churn wants N,K (N inserts, then K deletes each followed by an insert), not \"%s\"",
		    m->churn_arg);
		return 0;
	}
	if (m->q.grow) {
		cli_error("--churn and --grow are separate workloads; give one of them");
		return 0;
	}
	if (m->q.cn == 0 && m->q.ck > 0) {
		cli_error("--churn %lld,%lld: with no keys there is nothing to delete (N must be 1 or more)",
			  (long long)m->q.cn, (long long)m->q.ck);
		return 0;
	}
	if (!m->q.sim)
		m->q.runs = 101, m->q.sim = 1;
	return 1;
}

/* Options that conflict or lack their partner; returns 0 after saying why. */
static int check_map_args(map_args *m)
{
	if (m->svg && !m->q.grow)
		return cli_error("--svg plots the bytes of --grow N"), 0;
	if (m->has_seed && !m->q.sim && !m->q.churn)
		return cli_error("--seed goes with --sim R or --churn (it seeds the simulated maps)"), 0;
	if (m->c.escape && m->c.esc != GG_ESC_HEAP && m->c.esc != GG_ESC_STACK)
		return cli_error("--escape for maps is heap or stack (a map is a pointer: returning it is "
				 "escaping)"),
		       0;
	m->q.esc = m->c.escape && m->c.esc == GG_ESC_STACK ? GG_MAPESC_STACK : GG_MAPESC_HEAP;
	if (m->q.grow && m->q.n < 0)
		return cli_error("--grow must be 0 or more"), 0;
	if (m->q.churn && !parse_churn(m))
		return 0;
	if (m->q.sim && !m->q.grow && !m->q.churn)
		return cli_error("--sim needs --grow N or --churn N,K (it simulates N inserts)"), 0;
	if (m->q.sim && (m->q.runs < 1 || m->q.runs > GG_SEEDED_MAX_RUNS))
		return cli_error("--sim must be 1..%d runs", GG_SEEDED_MAX_RUNS), 0;
	return 1;
}

/* Each target's failures on stderr (in JSON they are in the answer); the
 * exit status the first one calls for. */
static int report(const map_args *m)
{
	int rc = EXIT_OK;
	for (int i = 0; i < m->q.nrs; i++) {
		const map_result *r = &m->q.rs[i];
		char gb[16];
		int r_rc = EXIT_OK;
		if (r->simulated && r->sim_st != GG_OK) {
			if (m->c.fmt != FMT_JSON)
				cli_error("%s/%s: simulation: %s", cli_go_name(r->go, gb), r->arch,
					  r->sim_err.msg);
			r_rc = cli_exit(r->sim_st);
		}
		if (r->st != GG_OK) {
			if (m->c.fmt != FMT_JSON)
				cli_error("%s/%s: %s", cli_go_name(r->go, gb), r->arch, r->err.msg);
			if (r_rc == EXIT_OK)
				r_rc = cli_exit(r->st);
		}
		if (rc == EXIT_OK)
			rc = r_rc;
	}
	return rc;
}

int cmd_map(int argc, char **argv)
{
	map_args m = {.q.n = -1, .q.seed = 1};
	cli_opt extra[] = {
	    {"--hint", OPT_INT, &m.q.hint, NULL},	    {"--svg", OPT_STR, &m.svg, NULL},
	    {"--churn", OPT_STR, &m.churn_arg, &m.q.churn}, {"--grow", OPT_INT, &m.q.n, &m.q.grow},
	    {"--sim", OPT_INT, &m.q.runs, &m.q.sim},	    {"--seed", OPT_INT, &m.q.seed, &m.has_seed},
	    {"--noswissmap", OPT_FLAG, &m.q.noswiss, NULL}, {NULL, 0, NULL, NULL}};
	if (!cli_parse("map", argc, argv, extra, &m.c))
		return cli_usage_error("map");
	if (m.c.npos != 1) {
		cli_error("map needs exactly one map type, such as 'map[string]int'");
		return cli_usage_error("map");
	}
	if (!check_map_args(&m))
		return cli_usage_error("map");
	if (!cli_targets(&m.c))
		return EXIT_USAGE;
	gg_typeexpr *e = cli_type(m.c.pos[0]);
	if (!e)
		return EXIT_USAGE;
	const gg_type *t = gg_typeexpr_root(e);
	if (t->kind != GG_MAP) {
		cli_error("map needs a map type such as 'map[string]int', not %s", m.c.pos[0]);
		gg_typeexpr_free(e);
		return EXIT_USAGE;
	}
	m.q.type = m.c.pos[0];
	if (!map_answer_build(&m.q, &m.c, t)) {
		cli_error("out of memory");
		gg_typeexpr_free(e);
		return EXIT_INTERNAL;
	}
	int rc = report(&m);
	map_write(&m.q, m.c.fmt, sink_stdout());
	if (m.svg && !map_write_svg(&m.q, m.svg) && rc == EXIT_OK)
		rc = EXIT_USAGE;
	map_answer_free(&m.q);
	gg_typeexpr_free(e);
	return rc;
}
