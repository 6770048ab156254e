/* --pkg DIR: the Go package in DIR, whose types a type expression may then
 * name. The command reads the files; the library reads the declarations. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "gogrow/gosrc.h"

#define MAX_FILE_BYTES (64u << 20)

static gg_gosrc *loaded;

static void free_loaded(void)
{
	gg_gosrc_free(loaded);
	loaded = NULL;
}

const gg_gosrc *cli_pkg(void)
{
	return loaded;
}

/* A package's files: *.go but not *_test.go, in name order as go lists them. */
static int is_source(const char *n)
{
	size_t l = strlen(n);
	return l > 3 && !strcmp(n + l - 3, ".go") && !(l > 8 && !strcmp(n + l - 8, "_test.go")) &&
	       n[0] != '.' && n[0] != '_';
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return cli_error("--pkg: cannot read %s: %s", path, strerror(errno)), NULL;
	char *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			char *nb = cap <= MAX_FILE_BYTES ? realloc(buf, cap) : NULL;
			if (!nb) {
				cli_error("--pkg: %s is too large or memory is short", path);
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	*len = n;
	return buf;
}

/* The names of DIR's Go files, sorted; NULL (after an error) if none. */
static char **list_dir(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	if (!d)
		return cli_error("--pkg: cannot open directory %s: %s", dir, strerror(errno)), NULL;
	char **names = NULL;
	size_t cap = 0;
	*n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (!is_source(e->d_name))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			char **nn = realloc(names, cap * sizeof *nn);
			if (!nn)
				break;
			names = nn;
		}
		if (!(names[*n] = strdup(e->d_name)))
			break;
		(*n)++;
	}
	closedir(d);
	if (*n == 0) {
		cli_error("--pkg: no Go source files in %s", dir);
		free(names);
		return NULL;
	}
	qsort(names, *n, sizeof *names, cmp_names);
	return names;
}

static int add_file(gg_gosrc *pkg, const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	size_t len = 0;
	char *text = read_file(path, &len);
	if (!text)
		return 0;
	gg_error err = {0};
	gg_status st = gg_gosrc_add_file(pkg, path, text, len, &err);
	free(text);
	if (st != GG_OK)
		cli_error("--pkg: %s", err.msg);
	return st == GG_OK;
}

int cli_load_pkg(const char *dir)
{
	size_t n = 0;
	char **names = list_dir(dir, &n);
	if (!names)
		return 0;
	gg_gosrc *pkg = gg_gosrc_new();
	int ok = pkg != NULL;
	if (!ok)
		cli_error("--pkg: out of memory");
	for (size_t i = 0; i < n; i++) {
		ok = ok && add_file(pkg, dir, names[i]);
		free(names[i]);
	}
	free(names);
	if (!ok) {
		gg_gosrc_free(pkg);
		return 0;
	}
	free_loaded();
	loaded = pkg;
	atexit(free_loaded);
	return 1;
}
