/* gogrow append '[]T' --len L [--cap C] --add N: one append, fully explained
 * by its numbers, for one or several targets. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out/write.h"

static int check_append_args(const cli_common *c, append_answer *q, int has_len, int has_cap)
{
	if (c->npos != 1)
		return cli_error("append needs exactly one slice type, such as '[]int'"),
		       cli_usage_error("append");
	if (!has_len)
		return cli_error("append needs --len"), cli_usage_error("append");
	if (!has_cap)
		q->cap = q->len;
	if (q->len < 0 || q->cap < 0 || q->add < 0)
		return cli_error("--len, --cap and --add must not be negative"), EXIT_USAGE;
	if (q->cap < q->len) {
		cli_error("--cap %lld is smaller than --len %lld (make would panic: cap out of range)",
			  (long long)q->cap, (long long)q->len);
		return cli_exit(GG_ERR_PANIC);
	}
	q->esc = c->esc;
	return EXIT_OK;
}

int cmd_append(int argc, char **argv)
{
	cli_common c;
	append_answer q = {0};
	q.cap = -1;
	q.add = 1;
	int has_len = 0, has_cap = 0;
	cli_opt extra[] = {{"--len", OPT_INT, &q.len, &has_len},
			   {"--cap", OPT_INT, &q.cap, &has_cap},
			   {"--add", OPT_INT, &q.add, NULL},
			   {NULL, 0, NULL, NULL}};
	if (!cli_parse("append", argc, argv, extra, &c))
		return cli_usage_error("append");
	int rc = check_append_args(&c, &q, has_len, has_cap);
	if (rc != EXIT_OK)
		return rc;
	const gg_type *elem;
	gg_typeexpr *e = cli_slice_args(&c, &elem);
	if (!e)
		return EXIT_USAGE;
	q.type = c.pos[0];
	if (!append_answer_build(&q, &c, elem)) {
		gg_typeexpr_free(e);
		cli_error("out of memory");
		return cli_exit(GG_ERR_NOMEM);
	}
	for (int i = 0; i < q.nrows; i++) {
		const answer_target *t = &q.rows[i].t;
		char gb[16];
		if (t->st == GG_OK)
			continue;
		rc = cli_exit(t->st);
		cli_error("%s/%s: %s", cli_go_name(t->go, gb), t->arch, t->msg);
	}
	append_write(&q, c.fmt, sink_stdout());
	append_answer_free(&q);
	gg_typeexpr_free(e);
	return rc;
}
