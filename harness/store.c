/* Result directory: repair on open, temp files per run, ordered fsync'd appends on commit. */
#include "store.h"

#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static char *join(const char *a, const char *b)
{
	char *p;
	return asprintf(&p, "%s/%s", a, b) < 0 ? NULL : p;
}

/* ---- run id set ---- */

static uint64_t id_key(const char *run_id)
{
	/* ids are 16 hex digits; the +1 keeps an all-zero id clear of the empty marker */
	return strtoull(run_id, NULL, 16) + 1;
}

static void id_set_add(struct id_set *s, uint64_t key)
{
	if ((s->count + 1) * 2 > s->cap) {
		struct id_set n = { calloc(s->cap ? s->cap * 2 : 64, sizeof(uint64_t)),
				    s->cap ? s->cap * 2 : 64, 0 };
		for (size_t i = 0; i < s->cap; i++)
			if (s->slots[i])
				id_set_add(&n, s->slots[i]);
		free(s->slots);
		*s = n;
	}
	size_t i = key % s->cap;
	while (s->slots[i] && s->slots[i] != key)
		i = (i + 1) % s->cap;
	if (!s->slots[i]) {
		s->slots[i] = key;
		s->count++;
	}
}

static int id_set_has(const struct id_set *s, uint64_t key)
{
	if (!s->cap)
		return 0;
	for (size_t i = key % s->cap; s->slots[i]; i = (i + 1) % s->cap)
		if (s->slots[i] == key)
			return 1;
	return 0;
}

void id_set_add_id(struct id_set *s, const char *run_id)
{
	id_set_add(s, id_key(run_id));
}

int id_set_has_id(const struct id_set *s, const char *run_id)
{
	return id_set_has(s, id_key(run_id));
}

/* ---- file helpers ---- */

static int read_file(const char *path, char **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	*buf = malloc((size_t)n + 1);
	*len = fread(*buf, 1, (size_t)n, f);
	(*buf)[*len] = '\0';
	fclose(f);
	return 0;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static void fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Replaces PATH with BUF through a temp file and rename, so a crash leaves old or new. */
static int replace_file(const char *dir, const char *path, const char *buf, size_t len)
{
	char *tmp;
	if (asprintf(&tmp, "%s.repair", path) < 0)
		return -1;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int rc = fd < 0 || write_all(fd, buf, len) || fsync(fd) ? -1 : 0;
	if (fd >= 0)
		close(fd);
	if (!rc)
		rc = rename(tmp, path);
	free(tmp);
	fsync_dir(dir);
	return rc;
}

/* ---- repair ---- */

struct row_probe {
	int fields;
	char first[40];
};

static void probe_field(void *data, size_t len, void *ctx)
{
	struct row_probe *r = ctx;
	if (r->fields++ == 0)
		snprintf(r->first, sizeof(r->first), "%.*s", (int)len, (const char *)data);
}

/* Fields of one line (no '\n') with libcsv. */
static void probe_line(struct csv_parser *p, const char *line, size_t len, struct row_probe *r)
{
	r->fields = 0;
	r->first[0] = '\0';
	csv_parse(p, line, len, probe_field, NULL, r);
	csv_fini(p, probe_field, NULL, r);
}

/* Keeps the header and every complete row that has the right width and whose run is finished
 * (runs.csv: whose id is not seen yet, which then becomes finished). */
static int repair_table(struct store *st, enum table_id t, char *err, size_t errlen)
{
	const struct table_schema *s = &table_schema[t];
	char *path = join(st->dir, s->file), *buf = NULL, *out;
	size_t len = 0, out_len = 0;
	struct csv_parser p;
	int rc = 0;

	if (read_file(path, &buf, &len) || len == 0) {
		/* new (or empty) table: just the header */
		FILE *mem = open_memstream(&out, &out_len);
		csv_write_header(mem, t);
		fclose(mem);
		rc = replace_file(st->dir, path, out, out_len);
		if (rc)
			fail(err, errlen, "%s: cannot write: %s", path, strerror(errno));
		free(out);
		free(buf);
		free(path);
		return rc;
	}
	csv_init(&p, 0);
	out = malloc(len + 1);
	int header_done = 0;
	for (char *line = buf; line < buf + len;) {
		char *nl = memchr(line, '\n', (size_t)(buf + len - line));
		if (!nl) { /* torn last row: its writer died mid-append */
			st->repaired_rows++;
			break;
		}
		struct row_probe r;
		probe_line(&p, line, (size_t)(nl - line), &r);
		int keep;
		if (!header_done) {
			if (r.fields != s->ncols || strcmp(r.first, s->cols[0]) != 0) {
				rc = fail(err, errlen, "%s:1: not an s2bench %s header", path, s->file);
				break;
			}
			header_done = keep = 1;
		} else if (r.fields != s->ncols) {
			keep = 0;
		} else if (t == TAB_RUNS) {
			keep = !id_set_has(&st->finished, id_key(r.first));
			if (keep)
				id_set_add(&st->finished, id_key(r.first));
		} else {
			keep = id_set_has(&st->finished, id_key(r.first));
		}
		if (keep) {
			memcpy(out + out_len, line, (size_t)(nl + 1 - line));
			out_len += (size_t)(nl + 1 - line);
		} else {
			st->repaired_rows++;
		}
		line = nl + 1;
	}
	csv_free(&p);
	if (!rc && out_len != len && replace_file(st->dir, path, out, out_len))
		rc = fail(err, errlen, "%s: cannot repair: %s", path, strerror(errno));
	free(out);
	free(buf);
	free(path);
	return rc;
}

/* Temp files of runs that were running when a writer died: never committed, so just clutter. */
static void clear_tmp(const char *tmpdir)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	if (!d)
		return;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			char *p = join(tmpdir, e->d_name);
			unlink(p);
			free(p);
		}
	closedir(d);
}

static int make_dir(const char *path, char *err, size_t errlen)
{
	char *copy = strdup(path);
	for (char *p = copy + 1; *p; p++) { /* mkdir -p */
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(copy, 0755);
		*p = '/';
	}
	free(copy);
	if (mkdir(path, 0755) && errno != EEXIST)
		return fail(err, errlen, "%s: cannot create directory: %s", path, strerror(errno));
	if (access(path, W_OK))
		return fail(err, errlen, "%s: directory is not writable: %s", path, strerror(errno));
	return 0;
}

int store_open(struct store *st, const char *dir, char *err, size_t errlen)
{
	memset(st, 0, sizeof(*st));
	st->lock_fd = -1;
	st->dir = strdup(dir);
	char *logs = join(dir, "logs"), *tmp = join(dir, "tmp"), *lock = join(dir, ".lock");
	int rc = make_dir(dir, err, errlen) || make_dir(logs, err, errlen) ||
		 make_dir(tmp, err, errlen);
	if (!rc) {
		st->lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
		if (st->lock_fd < 0)
			rc = fail(err, errlen, "%s: cannot create lock file: %s", lock, strerror(errno));
		else if (flock(st->lock_fd, LOCK_EX | LOCK_NB))
			rc = fail(err, errlen, "%s: another s2bench is writing this directory", dir);
	}
	if (!rc) {
		clear_tmp(tmp);
		for (int t = 0; t < TAB_COUNT && !rc; t++) /* TAB_RUNS first: it defines finished */
			rc = repair_table(st, (enum table_id)t, err, errlen);
	}
	free(logs);
	free(tmp);
	free(lock);
	if (rc)
		store_close(st);
	return rc ? -1 : 0;
}

void store_close(struct store *st)
{
	if (st->lock_fd >= 0)
		close(st->lock_fd);
	free(st->finished.slots);
	free(st->dir);
	memset(st, 0, sizeof(*st));
	st->lock_fd = -1;
}

int store_is_finished(const struct store *st, const char *run_id)
{
	return id_set_has(&st->finished, id_key(run_id));
}

int store_begin(struct store *st, struct pending *p, char *err, size_t errlen)
{
	unsigned seq = st->tmp_seq++;
	memset(p, 0, sizeof(*p));
	for (int t = 0; t < TAB_COUNT; t++) {
		if (asprintf(&p->path[t], "%s/tmp/%u.%s", st->dir, seq, table_schema[t].file) < 0 ||
		    !(p->f[t] = fopen(p->path[t], "w+"))) {
			fail(err, errlen, "%s/tmp: cannot create temp file: %s", st->dir, strerror(errno));
			store_abort(st, p);
			return -1;
		}
	}
	return 0;
}

static void pending_free(struct pending *p)
{
	for (int t = 0; t < TAB_COUNT; t++) {
		if (p->f[t])
			fclose(p->f[t]);
		if (p->path[t]) {
			unlink(p->path[t]);
			free(p->path[t]);
		}
	}
	memset(p, 0, sizeof(*p));
}

/* Appends one temp file to its table in a single write, then fsyncs the table. */
static int append_table(struct store *st, struct pending *p, enum table_id t)
{
	FILE *f = p->f[t];
	if (fflush(f) || fseek(f, 0, SEEK_END))
		return -1;
	long n = ftell(f);
	if (n <= 0)
		return n < 0 ? -1 : 0;
	char *buf = malloc((size_t)n);
	rewind(f);
	size_t got = fread(buf, 1, (size_t)n, f);
	char *path = join(st->dir, table_schema[t].file);
	int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	int rc = fd < 0 || got != (size_t)n || write_all(fd, buf, got) || fsync(fd) ? -1 : 0;
	if (fd >= 0)
		close(fd);
	free(path);
	free(buf);
	return rc;
}

int store_commit(struct store *st, struct pending *p, const char *run_id, char *err, size_t errlen)
{
	static const enum table_id order[] = { TAB_BOOTS, TAB_FAULTS, TAB_METRICS, TAB_RUNS };
	int rc = 0;

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]) && !rc; i++)
		if (append_table(st, p, order[i]))
			rc = fail(err, errlen, "%s/%s: cannot append: %s", st->dir,
				  table_schema[order[i]].file, strerror(errno));
	if (!rc)
		id_set_add(&st->finished, id_key(run_id));
	pending_free(p);
	return rc;
}

void store_abort(struct store *st, struct pending *p)
{
	(void)st;
	pending_free(p);
}

char *store_log_path(const struct store *st, const char *run_id)
{
	char *p;
	return asprintf(&p, "%s/logs/%s.log", st->dir, run_id) < 0 ? NULL : p;
}
