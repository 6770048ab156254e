/* gogrow batch [FILE|-]: questions one per line (standard input by default),
 * answers on stdout in the same format, for other projects' scripts and CI.
 *
 * TSV lines (the question's fields, answered by appending columns):
 *   layout  GO ARCH TYPE                 -> size align ptrdata
 *   offsets GO ARCH STRUCT               -> comma-separated field offsets
 *   append  GO ARCH []T LEN CAP ADD      -> newcap bytes alloc
 *   grow    GO ARCH []T N                -> comma-separated caps
 *   makemap GO ARCH map[K]V HINT         -> bytes mallocs
 * JSON lines: {"q":"append","go":"1.22","arch":"amd64","type":"[]int","len":1000,"cap":1000,"add":1}
 * A JSON layout answer also lists a struct literal's fields as `gogrow
 * layout --json` does. A question that cannot be answered gets an "error"
 * answer carrying its line number; the other lines are still answered.
 * Exit status 2 if any line failed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/batch.h"
#include "cli/cli.h"

int batch_line(const char *line, long lineno, batch_state *b, out_sink *out)
{
	return batch_line_len(line, strlen(line), lineno, b, out);
}

int batch_line_len(const char *line_in, size_t len, long lineno, batch_state *b, out_sink *out)
{
	char *line = malloc(len + 1);
	void *kv = malloc(batch_kvbuf_size());
	batch_answer *a = calloc(1, sizeof *a);
	int ok = 0;
	if (!line || !kv || !a) {
		sink_printf(out, "error\tline %ld: out of memory\n", lineno);
		goto done;
	}
	memcpy(line, line_in, len);
	line[len] = 0;
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = 0;
	if (len == 0 || line[0] == '#') {
		sink_printf(out, "%s\n", line);
		ok = 1;
		goto done;
	}
	int json = line[0] == '{';
	batch_question q;
	char err[BATCH_ERR_MAX] = "";
	int parsed = batch_check_bytes(line, len, err, sizeof err) &&
		     (json ? batch_read_json(line, len, kv, &q, err, sizeof err)
			   : batch_read_tsv(line, &q, err, sizeof err));
	ok = parsed && batch_ask(&q, b, a, err, sizeof err);
	if (json)
		batch_write_json(out, lineno, &q, parsed, ok, a, err);
	else if (!ok)
		sink_printf(out, "error\tline %ld: %s\n", lineno, err);
	else
		batch_write_tsv(out, line,
				q.kind == Q_LAYOUT || q.kind == Q_OFFSETS ? 4
				: q.kind == Q_APPEND			  ? 7
									  : 5,
				&q, a);
done:
	free(line);
	free(kv);
	if (a)
		batch_answer_free(a);
	free(a);
	return ok;
}

void batch_free(batch_state *b)
{
	gg_typeexpr_free(b->type);
	free(b->type_src);
	memset(b, 0, sizeof *b);
}

int cmd_batch(int argc, char **argv)
{
	if (argc > 1) {
		cli_error("batch reads one FILE, or standard input ('-' or no argument)");
		return cli_usage_error("batch");
	}
	FILE *in = stdin;
	if (argc == 1 && strcmp(argv[0], "-") != 0 && !(in = fopen(argv[0], "r"))) {
		cli_error("cannot read %s: %s", argv[0], strerror(errno));
		return EXIT_USAGE;
	}
	batch_state b = {0};
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	int failed = 0;
	while ((n = getline(&line, &cap, in)) >= 0)
		failed |= !batch_line_len(line, (size_t)n, ++lineno, &b, sink_stdout());
	int rerr = ferror(in);
	if (in != stdin)
		fclose(in);
	free(line);
	batch_free(&b);
	if (rerr) {
		cli_error("error reading %s", argc == 1 ? argv[0] : "standard input");
		return EXIT_USAGE;
	}
	return failed ? EXIT_USAGE : EXIT_OK;
}
