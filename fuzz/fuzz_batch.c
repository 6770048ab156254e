/* libFuzzer target: arbitrary input lines through `gogrow batch` (TSV and
 * JSON lines), answers written to a memory sink. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/batch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = 0;
	batch_state b = {0};
	out_sink out;
	sink_mem(&out);
	long lineno = 0;
	for (char *line = buf, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		batch_line(line, ++lineno, &b, &out);
	}
	batch_free(&b);
	sink_free(&out);
	free(buf);
	return 0;
}
