/* Pack files of run logs and their indexes (see logpack.h). */
#include "logpack.h"

#include "errmsg.h"
#include "grow.h"
#include "idset.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PACK_BUFFER (1u << 20) /* a write syscall per MiB of logs, not per run */

static char *pack_path(const char *dir, unsigned n, const char *ext)
{
	char *p;
	return asprintf(&p, "%s/logs/pack-%06u.%s", dir, n, ext) < 0 ? NULL : p;
}

/* A write stream with a buffer of BUFSIZE bytes (glibc ignores a size without a buffer). */
static FILE *open_buffered(const char *path, int flags, char **buf)
{
	int fd = open(path, flags | O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "wb");
	if (fd >= 0 && !f)
		close(fd);
	if (f && (*buf = malloc(PACK_BUFFER))) {
		setvbuf(f, *buf, _IOFBF, PACK_BUFFER);
		__fsetlocking(f, FSETLOCKING_BYCALLER); /* one writer thread */
	}
	return f;
}

int logpack_create(struct logpack *p, const char *dir, char *err, size_t errlen)
{
	unsigned n = 0;
	int e = EEXIST;

	memset(p, 0, sizeof(*p));
	/* the index is the claim: created exclusively, so two packs never share a number */
	while (!p->idx && e == EEXIST && ++n < 1000000) {
		char *idx = pack_path(dir, n, "idx");
		p->idx = idx ? open_buffered(idx, O_EXCL, &p->idx_buf) : NULL;
		e = idx ? errno : ENOMEM;
		free(idx);
	}
	if (!p->idx)
		return errmsg(err, errlen, "%s/logs: cannot create a log pack: %s", dir, strerror(e));
	if (!(p->log_path = pack_path(dir, n, "log")) || asprintf(&p->logs_dir, "%s/logs", dir) < 0) {
		p->logs_dir = NULL;
		logpack_close(p);
		return errmsg(err, errlen, "out of memory");
	}
	p->log = open_buffered(p->log_path, O_TRUNC, &p->log_buf);
	if (!p->log) {
		errmsg(err, errlen, "%s: %s", p->log_path, strerror(errno));
		logpack_close(p);
		return -1;
	}
	return 0;
}

/* Decimal digits of V, written backwards from END; returns where they start. */
static char *put_decimal(char *end, uint64_t v)
{
	do
		*--end = (char)('0' + v % 10);
	while (v /= 10);
	return end;
}

int logpack_add(struct logpack *p, uint64_t run_id, const char *buf, size_t len)
{
	/* "RUN_ID OFFSET LENGTH\n" without printf: one line a run, parse's hot path */
	char line[16 + 2 * 21 + 1], *end = line + sizeof(line), *q = end;
	*--q = '\n';
	q = put_decimal(q, len);
	*--q = ' ';
	q = put_decimal(q, p->off);
	*--q = ' ';
	for (int i = 0; i < 16; i++, run_id >>= 4)
		*--q = "0123456789abcdef"[run_id & 15];
	size_t n = (size_t)(end - q);
	if (fwrite(buf, 1, len, p->log) != len || fwrite(q, 1, n, p->idx) != n)
		return -1;
	p->off += len;
	return 0;
}

static int sync_file(FILE *f)
{
	return fflush(f) || fdatasync(fileno(f)) ? -1 : 0;
}

int logpack_sync(struct logpack *p, char *err, size_t errlen)
{
	/* the logs before the index: a durable entry never points past durable bytes */
	if (sync_file(p->log) || sync_file(p->idx))
		return errmsg(err, errlen, "%s: cannot write: %s", p->log_path, strerror(errno));
	if (!p->named) { /* the new files' names, once */
		int fd = open(p->logs_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		int rc = fd < 0 || fsync(fd) ? -1 : 0;
		if (fd >= 0)
			close(fd);
		if (rc)
			return errmsg(err, errlen, "%s: cannot sync: %s", p->logs_dir, strerror(errno));
		p->named = 1;
	}
	return 0;
}

void logpack_close(struct logpack *p)
{
	if (p->log)
		fclose(p->log);
	if (p->idx)
		fclose(p->idx);
	free(p->log_buf); /* after fclose: the streams used them */
	free(p->idx_buf);
	free(p->log_path);
	free(p->logs_dir);
	memset(p, 0, sizeof(*p));
}

/* ---- lookup ---- */

/* "RUN_ID OFFSET LENGTH\n"; a torn or foreign line is skipped. */
static int parse_entry(const char *line, size_t n, struct log_entry *e)
{
	char *end;
	if (n < 20 || line[n - 1] != '\n' || line[16] != ' ' || run_id_parse(line, 16, &e->id))
		return -1;
	errno = 0;
	e->off = strtoull(line + 17, &end, 10);
	if (*end != ' ')
		return -1;
	e->len = strtoull(end + 1, &end, 10);
	return errno || *end != '\n' ? -1 : 0;
}

static int add_entry(struct log_index *ix, const struct log_entry *e)
{
	struct log_entry *p = grow_for_one(ix->e, ix->n, &ix->cap, sizeof(*p), 256);

	if (!p)
		return -1;
	ix->e = p;
	ix->e[ix->n] = *e;
	ix->e[ix->n].seq = (unsigned)ix->n;
	ix->n++;
	return 0;
}

static int load_pack(struct log_index *ix, const char *dir, unsigned pack)
{
	char *path = pack_path(dir, pack, "idx"), *line = NULL;
	FILE *f = path ? fopen(path, "r") : NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = f ? 0 : -1;

	while (f && !rc && (n = getline(&line, &cap, f)) > 0) {
		struct log_entry e = { .pack = pack };
		if (parse_entry(line, (size_t)n, &e) == 0)
			rc = add_entry(ix, &e);
	}
	if (f && ferror(f))
		rc = -1;
	if (f)
		fclose(f);
	free(line);
	free(path);
	return rc;
}

static int cmp_unsigned(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	return (x > y) - (x < y);
}

static int cmp_entry(const void *a, const void *b)
{
	const struct log_entry *x = a, *y = b;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Calls FN for every name in DIR/logs; no directory yet is no error. */
static int each_log_name(const char *dir, int (*fn)(const char *name, void *ctx), void *ctx)
{
	char *logs;
	int rc = 0;

	if (asprintf(&logs, "%s/logs", dir) < 0)
		return -1;
	DIR *d = opendir(logs);
	free(logs);
	if (!d)
		return errno == ENOENT ? 0 : -1;
	for (struct dirent *de; !rc && (de = readdir(d));)
		rc = fn(de->d_name, ctx);
	closedir(d);
	return rc;
}

static int add_own_file(const char *name, void *ctx)
{
	uint64_t id;
	if (strlen(name) == 20 && strcmp(name + 16, ".log") == 0 && run_id_parse(name, 16, &id) == 0)
		id_set_add(ctx, id);
	return 0;
}

int log_own_files(const char *dir, struct id_set *ids)
{
	return each_log_name(dir, add_own_file, ids);
}

struct pack_list {
	unsigned *n;
	size_t count, cap;
};

static int add_pack(const char *name, void *ctx)
{
	struct pack_list *l = ctx;
	unsigned pack;
	char tail[8];

	if (sscanf(name, "pack-%u.%7s", &pack, tail) != 2 || strcmp(tail, "idx"))
		return 0;
	unsigned *p = grow_for_one(l->n, l->count, &l->cap, sizeof(*p), 16);
	if (!p)
		return -1;
	l->n = p;
	l->n[l->count++] = pack;
	return 0;
}

int log_index_load(struct log_index *ix, const char *dir)
{
	struct pack_list packs = { 0 };

	memset(ix, 0, sizeof(*ix));
	int rc = each_log_name(dir, add_pack, &packs);
	if (!rc && packs.count) /* number order: a later parse's entry for a run wins */
		qsort(packs.n, packs.count, sizeof(*packs.n), cmp_unsigned);
	for (size_t i = 0; i < packs.count && !rc; i++)
		rc = load_pack(ix, dir, packs.n[i]);
	free(packs.n);
	if (!rc && ix->n)
		qsort(ix->e, ix->n, sizeof(*ix->e), cmp_entry);
	if (rc)
		log_index_free(ix);
	return rc;
}

void log_index_free(struct log_index *ix)
{
	free(ix->e);
	memset(ix, 0, sizeof(*ix));
}

/* The last entry for ID, or NULL. */
static const struct log_entry *find(const struct log_index *ix, uint64_t id)
{
	size_t lo = 0, hi = ix->n; /* first entry with a greater id */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->e[mid].id <= id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo && ix->e[lo - 1].id == id ? &ix->e[lo - 1] : NULL;
}

/* A FILE reading one range of a pack (fopencookie): the log is never copied whole. */
struct range {
	int fd;
	uint64_t pos, end;
};

static ssize_t range_read(void *c, char *buf, size_t size)
{
	struct range *r = c;
	if (size > r->end - r->pos)
		size = (size_t)(r->end - r->pos);
	ssize_t n = size ? pread(r->fd, buf, size, (off_t)r->pos) : 0;
	if (n > 0)
		r->pos += (uint64_t)n;
	return n;
}

static int range_close(void *c)
{
	struct range *r = c;
	int rc = close(r->fd);
	free(r);
	return rc;
}

static FILE *open_entry(const char *dir, const struct log_entry *e)
{
	char *path = pack_path(dir, e->pack, "log");
	struct range *r = malloc(sizeof(*r));
	struct stat sb;
	FILE *f = NULL;

	if (path && r && (r->fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
		/* an entry past the pack's end is not this run's log */
		if (fstat(r->fd, &sb) == 0 && e->off + e->len <= (uint64_t)sb.st_size) {
			r->pos = e->off;
			r->end = e->off + e->len;
			f = fopencookie(r, "r", (cookie_io_functions_t){ .read = range_read,
									 .close = range_close });
		} else {
			errno = EIO;
		}
		if (!f)
			close(r->fd);
	}
	if (!f)
		free(r);
	free(path);
	return f;
}

FILE *log_open(const char *dir, const char *run_id, const struct log_index *ix)
{
	char *path;
	uint64_t id;

	if (asprintf(&path, "%s/logs/%s.log", dir, run_id) < 0)
		return NULL;
	FILE *f = fopen(path, "rb");
	free(path);
	if (f || errno != ENOENT || run_id_parse(run_id, strlen(run_id), &id))
		return f;
	struct log_index own;
	if (!ix) {
		if (log_index_load(&own, dir))
			return NULL;
		ix = &own;
	}
	const struct log_entry *e = find(ix, id);
	f = e ? open_entry(dir, e) : NULL;
	if (!e)
		errno = ENOENT;
	if (ix == &own)
		log_index_free(&own);
	return f;
}
