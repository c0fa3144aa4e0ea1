#include "support.h"

#include "matrix.h"
#include "suite.h"

#include <criterion/criterion.h>

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

const char *build_dir(void)
{
	return getenv("BUILD") ? getenv("BUILD") : "build";
}

const char *s2bench_path(void)
{
	static char p[512];
	snprintf(p, sizeof(p), "%s/s2bench", build_dir());
	return p;
}

const char *fake_qemu_path(void)
{
	static char p[512];
	snprintf(p, sizeof(p), "%s/tests/harness-fake-qemu", build_dir());
	return p;
}

char *make_tmpdir(const char *name)
{
	char *p, cmd[1024];
	if (asprintf(&p, "%s/test-tmp/%s-%d", build_dir(), name, (int)getpid()) < 0)
		abort();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir -p '%s'", p, p);
	if (system(cmd) != 0)
		abort();
	return p;
}

void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

char *read_text(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0;
	if (!f)
		return NULL;
	if (getdelim(&buf, &cap, '\0', f) < 0) {
		free(buf);
		buf = strdup("");
	}
	fclose(f);
	return buf;
}

static char **merged_env(char *const extra[])
{
	size_t n = 0, m = 0;
	while (environ[n])
		n++;
	while (extra && extra[m])
		m++;
	char **env = calloc(n + m + 1, sizeof(char *));
	memcpy(env, extra, m * sizeof(char *));
	memcpy(env + m, environ, n * sizeof(char *)); /* getenv takes the first match: ours */
	return env;
}

pid_t start_s2bench(char *const args[], char *const env[], const char *logfile)
{
	size_t n = 0;
	while (args[n])
		n++;
	char **argv = calloc(n + 2, sizeof(char *));
	argv[0] = (char *)s2bench_path();
	memcpy(argv + 1, args, n * sizeof(char *));
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, logfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	char **e = merged_env(env);
	pid_t pid;
	if (posix_spawn(&pid, argv[0], &fa, NULL, argv, e))
		pid = -1;
	posix_spawn_file_actions_destroy(&fa);
	free(e);
	free(argv);
	return pid;
}

int wait_exit(pid_t pid)
{
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int run_s2bench(char *const args[], char *const env[], char **output)
{
	char log[512];
	snprintf(log, sizeof(log), "%s/test-tmp/out-%d.txt", build_dir(), (int)getpid());
	mkdir(build_dir(), 0755);
	char dir[512];
	snprintf(dir, sizeof(dir), "%s/test-tmp", build_dir());
	mkdir(dir, 0755);
	int rc = wait_exit(start_s2bench(args, env, log));
	if (output)
		*output = read_text(log);
	unlink(log);
	return rc;
}

struct loader {
	struct csv_rows *t;
	char *row[MAX_FIELDS];
	int nf;
	int in_header;
};

static void on_field(void *data, size_t len, void *ctx)
{
	struct loader *l = ctx;
	if (l->nf < MAX_FIELDS)
		l->row[l->nf] = strndup(data ? data : "", len);
	l->nf++;
}

static void on_row(int c, void *ctx)
{
	struct loader *l = ctx;
	struct csv_rows *t = l->t;
	(void)c;
	if (l->in_header) {
		t->ncols = l->nf;
		memcpy(t->header, l->row, sizeof(l->row));
		l->in_header = 0;
	} else {
		if (l->nf != t->ncols)
			t->bad_rows++;
		t->cell = realloc(t->cell, (t->nrows + 1) * sizeof(char **));
		t->cell[t->nrows] = calloc(MAX_FIELDS, sizeof(char *));
		memcpy(t->cell[t->nrows], l->row, sizeof(l->row));
		t->nrows++;
	}
	memset(l->row, 0, sizeof(l->row));
	l->nf = 0;
}

int load_csv(const char *dir, const char *file, struct csv_rows *out)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	char *text = read_text(path);
	struct csv_parser p;
	struct loader l = { out, { 0 }, 0, 1 };

	memset(out, 0, sizeof(*out));
	if (!text)
		return -1;
	csv_init(&p, CSV_APPEND_NULL);
	csv_parse(&p, text, strlen(text), on_field, on_row, &l);
	csv_fini(&p, on_field, on_row, &l);
	csv_free(&p);
	free(text);
	return 0;
}

int csv_col(const struct csv_rows *t, const char *name)
{
	for (int i = 0; i < t->ncols && i < MAX_FIELDS; i++)
		if (t->header[i] && !strcmp(t->header[i], name))
			return i;
	return -1;
}

void free_csv(struct csv_rows *t)
{
	for (size_t r = 0; r < t->nrows; r++) {
		for (int i = 0; i < MAX_FIELDS; i++)
			free(t->cell[r][i]);
		free(t->cell[r]);
	}
	free(t->cell);
	for (int i = 0; i < MAX_FIELDS; i++)
		free(t->header[i]);
	memset(t, 0, sizeof(*t));
}

const char *csv_cell(const struct csv_rows *t, size_t row, const char *col)
{
	int c = csv_col(t, col);
	cr_assert(c >= 0, "no column %s", col);
	return t->cell[row][c] ? t->cell[row][c] : "";
}

char *write_suite(const char *dir, const char *text)
{
	char *p;
	cr_assert(asprintf(&p, "%s/t.suite", dir) > 0);
	write_text(p, text);
	return p;
}

char *fake_image(const char *dir)
{
	char *p, hdr[64] = { 0 };
	cr_assert(asprintf(&p, "%s/fake.img", dir) > 0);
	memcpy(hdr + 56, "ARM\x64", 4); /* the arm64 Image magic (Linux booting.rst) */
	FILE *f = fopen(p, "wb");
	cr_assert(f && fwrite(hdr, 1, sizeof(hdr), f) == sizeof(hdr), "%s", p);
	fclose(f);
	return p;
}

int process_gone(pid_t pid)
{
	char path[64], *stat;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	stat = read_text(path);
	int gone = !stat || strstr(stat, ") Z ") != NULL;
	free(stat);
	return gone;
}

size_t expand_suite_text(const char *text, struct planned_run **runs)
{
	char err[512];
	struct suite s;
	cr_assert_eq(suite_parse("t.suite", text, &s, err, sizeof(err)), 0, "%s", err);
	size_t n = matrix_expand(&s, runs);
	suite_free(&s);
	return n;
}
