/* DIR/lava-jobs.csv (lava_ledger.h). */
#include "lava_ledger.h"

#include "grow.h"
#include "runconfig.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HEADER "run_id,job_id\n"

static int push(struct lava_ledger *l, uint64_t run, unsigned long long job)
{
	struct lava_ledger_entry *e = grow_for_one(l->e, l->n, &l->cap, sizeof(*e), 64);

	if (!e)
		return -1;
	l->e = e;
	l->e[l->n++] = (struct lava_ledger_entry){ run, job };
	return 0;
}

static int by_run(const void *a, const void *b)
{
	uint64_t x = ((const struct lava_ledger_entry *)a)->run;
	uint64_t y = ((const struct lava_ledger_entry *)b)->run;
	return (x > y) - (x < y);
}

/* Keeps each run's last line (its latest submission) and sorts them by run. */
static void index_entries(struct lava_ledger *l)
{
	struct id_set seen = { 0 };
	size_t k = l->n;

	for (size_t i = l->n; i-- > 0;) /* from the end: the first of a run met is its last */
		if (!id_set_has(&seen, l->e[i].run)) {
			id_set_add(&seen, l->e[i].run);
			l->e[--k] = l->e[i]; /* k > i: nothing unread is overwritten */
		}
	id_set_free(&seen);
	memmove(l->e, l->e + k, (l->n - k) * sizeof(*l->e));
	l->n -= k;
	qsort(l->e, l->n, sizeof(*l->e), by_run);
	l->nsorted = l->n;
}

/* "RUN_ID,JOB_ID" with JOB_ID a decimal 1..2^53 */
static int parse_line(const char *s, size_t len, uint64_t *run, unsigned long long *job)
{
	if (len < RUN_ID_LEN + 2 || s[RUN_ID_LEN] != ',' || run_id_parse(s, RUN_ID_LEN, run))
		return -1;
	unsigned long long v = 0;
	for (size_t i = RUN_ID_LEN + 1; i < len; i++) {
		if (s[i] < '0' || s[i] > '9' || v > (1ull << 53) / 10)
			return -1;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	*job = v;
	return v ? 0 : -1;
}

static int read_all(int fd, char **buf, size_t *len)
{
	size_t cap = 0;
	ssize_t n;

	*buf = NULL;
	*len = 0;
	do {
		if (*len == cap) {
			char *b = realloc(*buf, cap = cap ? cap * 2 : 4096);
			if (!b)
				return -1;
			*buf = b;
		}
		n = read(fd, *buf + *len, cap - *len);
		if (n > 0)
			*len += (size_t)n;
	} while (n > 0 || (n < 0 && errno == EINTR));
	return n < 0 ? -1 : 0;
}

int lava_ledger_open(struct lava_ledger *l, const char *dir, char *err, size_t errlen)
{
	char *buf;
	size_t len;

	*l = (struct lava_ledger){ .fd = -1 };
	if (asprintf(&l->path, "%s/lava-jobs.csv", dir) < 0) {
		l->path = NULL;
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	l->fd = open(l->path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (l->fd < 0 || read_all(l->fd, &buf, &len)) {
		snprintf(err, errlen, "%s: %s", l->path, strerror(errno));
		lava_ledger_close(l);
		return -1;
	}
	size_t hl = strlen(HEADER), whole = len;
	while (whole && buf[whole - 1] != '\n')
		whole--; /* a torn last line: its job was never confirmed written */
	int bad = 0;
	if (len && (len < hl || memcmp(buf, HEADER, hl))) {
		snprintf(err, errlen, "%s: line 1: not the header run_id,job_id; nothing changed", l->path);
		bad = 1;
	}
	unsigned line = 2;
	for (size_t at = hl; !bad && at < whole; line++) {
		char *nl = memchr(buf + at, '\n', whole - at);
		uint64_t run;
		unsigned long long job;
		if (parse_line(buf + at, (size_t)(nl - (buf + at)), &run, &job)) {
			snprintf(err, errlen, "%s: line %u: not RUN_ID,JOB_ID; nothing changed", l->path, line);
			bad = 1;
		} else if (push(l, run, job)) {
			snprintf(err, errlen, "out of memory");
			bad = 1;
		}
		at = (size_t)(nl - buf) + 1;
	}
	free(buf);
	l->jobs = l->n;
	index_entries(l);
	if (!bad && len == 0 && write(l->fd, HEADER, hl) != (ssize_t)hl) {
		snprintf(err, errlen, "%s: %s", l->path, strerror(errno));
		bad = 1;
	} else if (!bad && len && whole < len && ftruncate(l->fd, (off_t)(whole < hl ? hl : whole))) {
		snprintf(err, errlen, "%s: %s", l->path, strerror(errno));
		bad = 1;
	}
	if (bad) {
		lava_ledger_close(l);
		return -1;
	}
	return 0;
}

void lava_ledger_close(struct lava_ledger *l)
{
	if (l->fd >= 0)
		close(l->fd);
	free(l->path);
	free(l->e);
	id_set_free(&l->added);
	*l = (struct lava_ledger){ .fd = -1 };
}

unsigned long long lava_ledger_job(const struct lava_ledger *l, const char *run_id)
{
	uint64_t run;

	if (run_id_parse(run_id, strlen(run_id), &run))
		return 0;
	if (id_set_has(&l->added, run)) /* a run submitted again since the open: its newest */
		for (size_t i = l->n; i-- > l->nsorted;)
			if (l->e[i].run == run)
				return l->e[i].job;
	struct lava_ledger_entry key = { run, 0 };
	const struct lava_ledger_entry *e = bsearch(&key, l->e, l->nsorted, sizeof(key), by_run);
	return e ? e->job : 0;
}

int lava_ledger_add(struct lava_ledger *l, const char *run_id, unsigned long long job, char *err,
		    size_t errlen)
{
	char line[64];
	uint64_t run;
	int n = snprintf(line, sizeof(line), "%s,%llu\n", run_id, job);

	if (run_id_parse(run_id, strlen(run_id), &run) || push(l, run, job)) {
		snprintf(err, errlen, "%s: cannot add job %llu", l->path, job);
		return -1;
	}
	id_set_add(&l->added, run);
	l->jobs++;
	/* O_RDWR without O_APPEND: the end is where the next line goes */
	if (lseek(l->fd, 0, SEEK_END) < 0 || write(l->fd, line, (size_t)n) != n || fsync(l->fd)) {
		snprintf(err, errlen, "%s: %s (job %llu of run %s is submitted but not recorded)",
			 l->path, strerror(errno), job, run_id);
		return -1;
	}
	return 0;
}
