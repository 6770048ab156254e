/* gogrow in the browser: the command's own code behind the entry points the
 * page (web/app.js) calls. Nothing here computes an answer: web_run hands an
 * argv to cli_run (src/cli/main.c), so the page shows what the command line
 * prints, byte for byte (docs/web.md). */
#include <emscripten/emscripten.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "gogrow/target.h"
#include "gogrow/types.h"
#include "web/webjson.h"

/* The command writes to stdout and stderr; in the browser they are files of
 * Emscripten's in-memory file system, read back after each run. */
#define OUT_PATH "/tmp/gogrow.stdout"
#define ERR_PATH "/tmp/gogrow.stderr"

/* The last answer, kept until the next call so the page can copy it out. */
static webjson answer;

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	webjson b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		webjson_raw(&b, chunk, n);
	fclose(f);
	return webjson_take(&b);
}

static const char *finish_answer(void)
{
	if (answer.oom) {
		webjson_free(&answer);
		return "{\"status\":4,\"stdout\":\"\",\"stderr\":\"gogrow: error: out of memory\\n\"}";
	}
	return answer.buf;
}

/* Runs the command for a JSON array of arguments (without the program name)
 * and returns {"status":N,"stdout":"...","stderr":"..."}. */
EMSCRIPTEN_KEEPALIVE const char *web_run(const char *argv_json)
{
	webjson_free(&answer);
	int argc = 0;
	char **argv = webjson_argv(argv_json, "gogrow", &argc);
	if (!argv) {
		webjson_str(
		    &answer,
		    "{\"status\":2,\"stdout\":\"\",\"stderr\":\"gogrow: error: bad argument list\\n\"}");
		return finish_answer();
	}
	/* Without both files the run's output would be lost or a stale one read back. */
	if (!freopen(OUT_PATH, "w", stdout) || !freopen(ERR_PATH, "w", stderr)) {
		webjson_argv_free(argv, argc);
		webjson_str(&answer, "{\"status\":4,\"stdout\":\"\",\"stderr\":\"gogrow: error: cannot "
				     "capture the output\\n\"}");
		return finish_answer();
	}
	int rc = cli_run(argc, argv);
	fflush(stdout);
	fflush(stderr);
	webjson_argv_free(argv, argc);
	char *out = slurp(OUT_PATH), *err = slurp(ERR_PATH);
	webjson_printf(&answer, "{\"status\":%d,\"stdout\":", rc);
	webjson_quote(&answer, out ? out : "");
	webjson_str(&answer, ",\"stderr\":");
	webjson_quote(&answer, err ? err : "");
	webjson_str(&answer, "}");
	free(out);
	free(err);
	return finish_answer();
}

/* Parses a type as the command does, for live underlining while typing:
 * {"ok":true} or {"ok":false,"col":N,"msg":"..."} (col 1-based, 0 unknown). */
EMSCRIPTEN_KEEPALIVE const char *web_parse(const char *type)
{
	webjson_free(&answer);
	gg_typeexpr *e = NULL;
	gg_error err = {0};
	if (gg_type_parse(type, &e, &err) == GG_OK) {
		gg_typeexpr_free(e);
		webjson_str(&answer, "{\"ok\":true}");
		return finish_answer();
	}
	webjson_printf(&answer, "{\"ok\":false,\"col\":%d,\"msg\":", err.column);
	webjson_quote(&answer, err.msg);
	webjson_str(&answer, "}");
	return finish_answer();
}

/* The releases and architectures the model knows, for the page's selectors:
 * {"go":["1.16",...],"arch":[{"name":"amd64","since":16},...]}. */
EMSCRIPTEN_KEEPALIVE const char *web_targets(void)
{
	webjson_free(&answer);
	webjson_str(&answer, "{\"go\":[");
	for (int go = GG_GO_MIN; go <= GG_GO_MAX; go++)
		webjson_printf(&answer, "%s\"1.%d\"", go > GG_GO_MIN ? "," : "", go);
	webjson_str(&answer, "],\"arch\":[");
	for (size_t i = 0; i < gg_arch_count(); i++) {
		const gg_arch *a = gg_arch_at(i);
		webjson_printf(&answer, "%s{\"name\":\"%s\",\"since\":%d,\"ptr_size\":%d}", i ? "," : "",
			       a->name, a->since, a->ptr_size);
	}
	webjson_str(&answer, "]}");
	return finish_answer();
}
