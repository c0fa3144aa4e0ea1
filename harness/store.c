/* Result directory: repair on open, temp files per run, ordered fsync'd appends on commit. */
#include "store.h"

#include "errmsg.h"
#include "tablerepair.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char *join(const char *a, const char *b)
{
	char *p;
	return asprintf(&p, "%s/%s", a, b) < 0 ? NULL : p;
}

/* ---- file helpers ---- */

/* Returns 0, 1 if PATH does not exist, -1 (errno set) if it cannot be read: a table we cannot
 * read must not be mistaken for a new one and overwritten. */
static int read_file(const char *path, char **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return errno == ENOENT ? 1 : -1;
	struct stat sb;
	int rc = -1;
	if (fstat(fileno(f), &sb) == 0) {
		errno = EIO;
		if (!S_ISREG(sb.st_mode))
			errno = EISDIR; /* or anything else that is not a table */
		else if ((*buf = malloc((size_t)sb.st_size + 1))) {
			*len = fread(*buf, 1, (size_t)sb.st_size, f);
			rc = *len == (size_t)sb.st_size && !ferror(f) ? 0 : -1;
			(*buf)[*len] = '\0';
		}
	}
	fclose(f);
	return rc;
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

/* Links SRC as HEAD TAIL, or HEAD.2 TAIL, HEAD.3 TAIL...: a set-aside file is never overwritten.
 * Returns the new path (malloc'd) or NULL. */
static char *link_unique(const char *src, const char *head, const char *tail)
{
	char *dst = NULL;
	for (unsigned n = 1; n < 1000; n++) {
		int rc = n == 1 ? asprintf(&dst, "%s%s", head, tail)
				: asprintf(&dst, "%s.%u%s", head, n, tail);
		if (rc < 0)
			return NULL;
		if (link(src, dst) == 0)
			return dst;
		free(dst);
		if (errno != EEXIST)
			return NULL;
	}
	return NULL;
}

/* DIR/set-aside/STAMP-TABLE: the set-aside records, written whole (temp file, fsync, link) and
 * never overwritten, so a repair interrupted before the table is replaced only duplicates them. */
static char *write_aside(struct store *st, enum table_id t, const struct repair_plan *plan,
			 const char *buf)
{
	char *tmp = NULL, *head = NULL, *tail = NULL, *dst = NULL;
	if (asprintf(&tmp, "%s/tmp/set-aside.%s", st->dir, table_schema[t].file) < 0 ||
	    asprintf(&head, "%s/set-aside/%s", st->dir, st->stamp) < 0 ||
	    asprintf(&tail, "-%s", table_schema[t].file) < 0)
		abort();
	FILE *f = fopen(tmp, "w");
	int rc = !f || repair_write_aside(plan, buf, f) || fflush(f) || fsync(fileno(f)) ? -1 : 0;
	if (f)
		fclose(f);
	if (!rc)
		dst = link_unique(tmp, head, tail);
	unlink(tmp);
	if (dst) {
		char *sdir = join(st->dir, "set-aside");
		fsync_dir(sdir);
		free(sdir);
	}
	free(tmp);
	free(head);
	free(tail);
	return dst;
}

/* One line per repaired table: how many records went where, and why. */
static void report(const char *path, const struct repair_plan *plan, const char *aside)
{
	fprintf(stderr, "s2bench: %s: set aside %zu of %zu records into %s:", path,
		repair_aside_count(plan), repair_record_count(plan) - 1, aside);
	const char *sep = " ";
	for (int r = 0; r < REPAIR_REASONS; r++)
		if (r != REPAIR_KEEP && plan->count[r]) {
			fprintf(stderr, "%s%zu %s", sep, plan->count[r], repair_reason_why[r]);
			sep = ", ";
		}
	fputc('\n', stderr);
}

/* Decides TABLE's records reading it a chunk at a time (tablerepair.h repair_scan), so opening a
 * directory holds a chunk of each table, not the whole. Returns 0 (PLAN counts the records), 1
 * when there is no table yet (missing or empty), 2 when it is not ours (WHY says why), -1 with
 * errno when it cannot be read. */
static int scan_table(struct store *st, enum table_id t, const char *path, struct repair_plan *plan,
		      char *why, size_t whylen)
{
	FILE *f = fopen(path, "rb");
	struct stat sb;
	int rc;

	if (!f)
		return errno == ENOENT ? 1 : -1;
	if (fstat(fileno(f), &sb))
		rc = -1;
	else if (!S_ISREG(sb.st_mode))
		errno = EISDIR, rc = -1; /* or anything else that is not a table */
	else if (sb.st_size == 0)
		rc = 1;
	else
		rc = repair_scan(t, f, REPAIR_SCAN_CHUNK, &st->finished, plan, why, whylen) ? 2 : 0;
	int e = errno;
	fclose(f);
	errno = e;
	return rc;
}

/* Keeps the header and every complete row whose run is finished; moves everything else to
 * DIR/set-aside/ and says so (tablerepair.h decides, this applies). A table that needs no repair
 * is only scanned; one that does is read whole to be rewritten. */
static int repair_table(struct store *st, enum table_id t, char *err, size_t errlen)
{
	const struct table_schema *s = &table_schema[t];
	char *path = join(st->dir, s->file), *buf = NULL, *out = NULL, *aside = NULL;
	size_t len = 0, out_len = 0;
	struct repair_plan plan = { 0 };
	char why[200];
	int rc = 0;

	int got = scan_table(st, t, path, &plan, why, sizeof(why));
	if (got == 0 && repair_aside_count(&plan)) { /* plan it again whole, records kept */
		repair_plan_free(&plan);
		if (t == TAB_RUNS)
			id_set_free(&st->finished); /* the plan fills it again */
		got = read_file(path, &buf, &len);
		if (got == 0 && repair_plan(t, buf, len, &st->finished, &plan, why, sizeof(why)))
			got = 2;
	}
	if (got < 0) {
		rc = errmsg(err, errlen, "%s: cannot read: %s", path, strerror(errno));
	} else if (got == 1) {
		/* new (or empty) table: just the header */
		FILE *mem = open_memstream(&out, &out_len);
		csv_write_header(mem, t);
		fclose(mem);
		rc = replace_file(st->dir, path, out, out_len);
		if (rc)
			errmsg(err, errlen, "%s: cannot write: %s", path, strerror(errno));
	} else if (got == 2) {
		rc = errmsg(err, errlen, "%s: %s; nothing changed (move the file away to start afresh)",
			    path, why);
	} else if (repair_aside_count(&plan)) {
		/* kept aside first: a crash in between leaves the records in both places, not none */
		if (!(aside = write_aside(st, t, &plan, buf)))
			rc = errmsg(err, errlen, "%s/set-aside: cannot write: %s", st->dir, strerror(errno));
		out = rc ? NULL : repair_kept_text(&plan, buf, &out_len);
		if (!rc && replace_file(st->dir, path, out, out_len))
			rc = errmsg(err, errlen, "%s: cannot repair: %s", path, strerror(errno));
		if (!rc) {
			report(path, &plan, aside);
			st->repaired_rows += (unsigned)repair_aside_count(&plan);
		}
	}
	repair_plan_free(&plan);
	free(aside);
	free(out);
	free(buf);
	free(path);
	return rc;
}

/* Temp files left by a writer that died: rows of runs that never committed (they are redone).
 * Empty ones hold nothing; the others go to DIR/set-aside/STAMP-tmp/, said on stderr. */
static int set_aside_tmp(struct store *st, const char *tmpdir, char *err, size_t errlen)
{
	DIR *d = opendir(tmpdir);
	char *dst_dir = NULL;
	unsigned moved = 0;
	int rc = 0;

	if (!d)
		return errmsg(err, errlen, "%s: %s", tmpdir, strerror(errno));
	for (struct dirent *e; !rc && (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		char *src = join(tmpdir, e->d_name), *head = NULL, *dst = NULL;
		struct stat sb;
		if (stat(src, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0) {
			if (!dst_dir && asprintf(&dst_dir, "%s/set-aside/%s-tmp", st->dir, st->stamp) < 0)
				abort();
			if ((mkdir(dst_dir, 0755) && errno != EEXIST) ||
			    !(head = join(dst_dir, e->d_name)) || !(dst = link_unique(src, head, "")))
				rc = errmsg(err, errlen, "%s: cannot set aside: %s", src, strerror(errno));
			else {
				moved++;
				fsync_dir(dst_dir); /* the copy is durable before the original goes */
			}
		}
		if (!rc)
			unlink(src);
		free(dst);
		free(head);
		free(src);
	}
	closedir(d);
	if (moved)
		fprintf(stderr, "s2bench: %s: set aside %u temp files of runs that never finished (they are redone) into %s/\n",
			tmpdir, moved, dst_dir);
	free(dst_dir);
	return rc;
}

static void pending_free(struct pending *p);

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
		return errmsg(err, errlen, "%s: cannot create directory: %s", path, strerror(errno));
	if (access(path, W_OK))
		return errmsg(err, errlen, "%s: directory is not writable: %s", path, strerror(errno));
	return 0;
}

int store_open(struct store *st, const char *dir, char *err, size_t errlen)
{
	memset(st, 0, sizeof(*st));
	st->lock_fd = -1;
	st->dir = strdup(dir);
	char *logs = join(dir, "logs"), *tmp = join(dir, "tmp"), *lock = join(dir, ".lock"),
	     *aside = join(dir, "set-aside");
	int rc = make_dir(dir, err, errlen) || make_dir(logs, err, errlen) ||
		 make_dir(tmp, err, errlen) || make_dir(aside, err, errlen);
	time_t now = time(NULL);
	strftime(st->stamp, sizeof(st->stamp), "%Y%m%dT%H%M%SZ", gmtime(&now));
	if (!rc) {
		st->lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
		if (st->lock_fd < 0)
			rc = errmsg(err, errlen, "%s: cannot create lock file: %s", lock, strerror(errno));
		else if (flock(st->lock_fd, LOCK_EX | LOCK_NB))
			rc = errmsg(err, errlen, "%s: another s2bench is writing this directory", dir);
	}
	if (!rc)
		rc = set_aside_tmp(st, tmp, err, errlen);
	if (!rc) {
		for (int t = 0; t < TAB_COUNT && !rc; t++) /* TAB_RUNS first: it defines finished */
			rc = repair_table(st, (enum table_id)t, err, errlen);
	}
	free(logs);
	free(tmp);
	free(lock);
	free(aside);
	if (rc)
		store_close(st);
	return rc ? -1 : 0;
}

void store_close(struct store *st)
{
	while (st->nspare)
		pending_free(&st->spare[--st->nspare]);
	if (st->lock_fd >= 0)
		close(st->lock_fd);
	id_set_free(&st->finished);
	free(st->dir);
	memset(st, 0, sizeof(*st));
	st->lock_fd = -1;
}

int store_is_finished(const struct store *st, const char *run_id)
{
	return id_set_has_id(&st->finished, run_id);
}

/* Temp files are reused, not unlinked: creating and deleting four files per run makes ext4's
 * inode allocator skip ever more recently deleted inodes, a cost that grew with the runs. */
int store_begin(struct store *st, struct pending *p, char *err, size_t errlen)
{
	if (st->nspare) {
		*p = st->spare[--st->nspare];
		return 0;
	}
	unsigned seq = st->tmp_seq++;
	memset(p, 0, sizeof(*p));
	for (int t = 0; t < TAB_COUNT; t++) {
		if (asprintf(&p->path[t], "%s/tmp/%u.%s", st->dir, seq, table_schema[t].file) < 0 ||
		    !(p->f[t] = fopen(p->path[t], "w+"))) {
			errmsg(err, errlen, "%s/tmp: cannot create temp file: %s", st->dir, strerror(errno));
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

/* Empties P's temp files and keeps them for the next store_begin(); a set that cannot be
 * emptied (or one too many) is deleted as before. */
static void pending_release(struct store *st, struct pending *p)
{
	int ok = st->nspare < STORE_SPARE_MAX;
	for (int t = 0; t < TAB_COUNT && ok; t++) {
		ok = p->f[t] && fflush(p->f[t]) == 0 && ftruncate(fileno(p->f[t]), 0) == 0;
		if (ok)
			rewind(p->f[t]);
	}
	if (ok)
		st->spare[st->nspare++] = *p;
	else
		pending_free(p);
	memset(p, 0, sizeof(*p));
}

/* Appends LEN bytes of rows to table T in a single write, then fsyncs the table. */
static int append_rows(struct store *st, enum table_id t, const char *buf, size_t len)
{
	if (!len)
		return 0;
	char *path = join(st->dir, table_schema[t].file);
	int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	int rc = fd < 0 || write_all(fd, buf, len) || fsync(fd) ? -1 : 0;
	if (fd >= 0)
		close(fd);
	free(path);
	return rc;
}

/* Appends one temp file to its table. */
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
	size_t got = buf ? fread(buf, 1, (size_t)n, f) : 0;
	int rc = got != (size_t)n || append_rows(st, t, buf, got) ? -1 : 0;
	free(buf);
	return rc;
}

/* runs.csv last: a run is finished exactly when its runs.csv row is complete. */
static const enum table_id commit_order[] = { TAB_BOOTS, TAB_FAULTS, TAB_METRICS, TAB_RUNS };
#define COMMIT_TABLES (sizeof(commit_order) / sizeof(commit_order[0]))

int store_commit(struct store *st, struct pending *p, const char *run_id, char *err, size_t errlen)
{
	uint64_t id;
	int rc = 0;

	/* a row under a non-id would be set aside by the next open: refuse it now */
	if (run_id_parse(run_id, strlen(run_id), &id))
		rc = errmsg(err, errlen, "%s: not a run id; run not written", run_id);
	for (size_t i = 0; i < COMMIT_TABLES && !rc; i++)
		if (append_table(st, p, commit_order[i]))
			rc = errmsg(err, errlen, "%s/%s: cannot append: %s", st->dir,
				    table_schema[commit_order[i]].file, strerror(errno));
	if (!rc)
		id_set_add(&st->finished, id);
	pending_release(st, p);
	return rc;
}

int store_commit_rows(struct store *st, char *const rows[TAB_COUNT], const size_t len[TAB_COUNT],
		      const uint64_t *ids, size_t n, char *err, size_t errlen)
{
	/* one flush of the whole file system instead of one fsync per log */
	if (syncfs(st->lock_fd))
		return errmsg(err, errlen, "%s: cannot sync: %s", st->dir, strerror(errno));
	return store_append_rows(st, rows, len, ids, n, err, errlen);
}

int store_append_rows(struct store *st, char *const rows[TAB_COUNT], const size_t len[TAB_COUNT],
		      const uint64_t *ids, size_t n, char *err, size_t errlen)
{
	for (size_t i = 0; i < COMMIT_TABLES; i++) {
		enum table_id t = commit_order[i];
		if (append_rows(st, t, rows[t], len[t]))
			return errmsg(err, errlen, "%s/%s: cannot append: %s", st->dir,
				      table_schema[t].file, strerror(errno));
	}
	for (size_t i = 0; i < n; i++)
		id_set_add(&st->finished, ids[i]);
	return 0;
}

void store_abort(struct store *st, struct pending *p)
{
	pending_release(st, p);
}

char *store_log_path(const struct store *st, const char *run_id)
{
	char *p;
	return asprintf(&p, "%s/logs/%s.log", st->dir, run_id) < 0 ? NULL : p;
}
