/* gogrow classes: the allocator's size-class table per release and arch. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/out/write.h"

int cmd_classes(int argc, char **argv)
{
	cli_common c;
	if (!cli_parse("classes", argc, argv, NULL, &c))
		return cli_usage_error("classes");
	if (c.npos != 0) {
		cli_error("classes takes no arguments");
		return cli_usage_error("classes");
	}
	if (!cli_targets(&c))
		return EXIT_USAGE;
	classes_answer a;
	if (!classes_answer_build(&a, &c)) {
		cli_error("out of memory");
		return cli_exit(GG_ERR_NOMEM);
	}
	classes_write(&a, c.fmt, sink_stdout());
	classes_answer_free(&a);
	return EXIT_OK;
}
