/* The writers of the commands' answers (src/cli/answer/answer.h): each puts
 * one answer on a sink as a text table, TSV or JSON. */
#ifndef GOGROW_OUT_WRITE_H
#define GOGROW_OUT_WRITE_H

#include "cli/answer/answer.h"
#include "cli/out/out.h"

void append_write(const append_answer *a, cli_format fmt, out_sink *o);
void grow_write(const grow_answer *a, cli_format fmt, out_sink *o);
/* cap against len, one staircase per target, into the file path; 0 after
 * printing the error. */
int grow_write_svg(const grow_answer *a, const char *path);
void compare_write(const compare_answer *a, cli_format fmt, out_sink *o);
void advise_slice_write(const advise_slice_answer *a, cli_format fmt, out_sink *o);
void advise_pattern_write(const advise_pattern_answer *a, cli_format fmt, out_sink *o);
void advise_map_write(const advise_map_answer *a, cli_format fmt, out_sink *o);
struct explainer;
void explain_write(const struct explainer *x, cli_format fmt, out_sink *o);
void map_write(const map_answer *a, cli_format fmt, out_sink *o);
/* "classic" or "swiss". */
const char *impl_name(gg_mapimpl i);
void map_write_json(const map_answer *a, out_sink *o);
/* Live bytes against the number of keys (--grow --svg), one line per target. */
int map_write_svg(const map_answer *a, const char *path);
void classes_write(const classes_answer *a, cli_format fmt, out_sink *o);
/* simulate --runtime: model and runtime side by side; `script` names the file. */
void simrt_write(const simrt_answer *a, const char *script, cli_format fmt, out_sink *o);

#endif
