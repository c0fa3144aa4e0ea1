/* A finished LAVA job's log → rows (lava_ingest.h). */
#include "lava_ingest.h"

#include "config_match.h"
#include "lavalog.h"
#include "logsplit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ingest {
	const struct planned_run *r;
	struct collector col; /* the first run with records; zeroed collector when none */
	FILE *rows[TAB_COUNT];
	char *buf[TAB_COUNT];
	size_t len[TAB_COUNT];
	char *raw;            /* its console lines */
	size_t raw_len;
	unsigned runs;        /* runs with records in the log */
	int oom;
};

static void on_run(void *ctx, struct logsplit *ls)
{
	struct ingest *in = ctx;

	if (ls->col.sum.records == 0 || in->runs++)
		return;
	in->col = ls->col;
	memcpy(in->col.run_id, in->r->run_id, sizeof(in->col.run_id));
	for (int t = TAB_BOOTS; t <= TAB_METRICS; t++)
		logsplit_copy_rows(ls->buf[t], ls->len[t], in->r->run_id, in->rows[t]);
	in->raw = malloc(ls->raw_len + 1);
	if (!in->raw) {
		in->oom = 1;
		return;
	}
	memcpy(in->raw, ls->raw_buf, ls->raw_len);
	in->raw_len = ls->raw_len;
}

static int write_file(const char *path, const char *data, size_t len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "wb");
	int bad = !f || fwrite(data, 1, len, f) != len || fflush(f);

	if (f && fclose(f))
		bad = 1;
	if (bad)
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	return bad ? -1 : 0;
}

/* Why the dispatcher failed the job: the error_msg of its last job result in LOG, into OUT
 * ("" when there is none). */
static void job_error(const char *log, size_t len, char *out, size_t outlen)
{
	const char *p = log, *end = log + len;

	out[0] = '\0';
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		char *line;
		if (memmem(p, n, "\"error_msg\"", 11) && (line = malloc(n + 1))) {
			memcpy(line, p, n);
			line[n] = '\0';
			if (lava_job_error(line, &n))
				snprintf(out, outlen, "%s", line);
			free(line);
		}
		p = nl ? nl + 1 : end;
	}
}

/* The status and error of the runs.csv row (ERROR_BUF holds a made-up error). */
static const char *decide(const struct ingest *in, const struct lava_job_end *end,
			  const char *log, size_t log_len, char *error_buf, size_t len,
			  const char **error)
{
	char why[256];

	*error = NULL;
	if (end->status) {
		/* LAVA's reason (the job's failure comment, else the dispatcher's error), one
		 * CSV-safe line */
		job_error(log, log_len, why, sizeof(why));
		snprintf(error_buf, len, "lava_job_%llu:%s", end->job,
			 end->failure[0] ? end->failure : why[0] ? why : end->status);
		size_t n = strlen(error_buf);
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)error_buf[i] < 0x20)
				error_buf[i] = ' ';
		while (n && error_buf[n - 1] == ' ')
			error_buf[--n] = '\0';
		*error = error_buf;
		return end->status;
	}
	if (in->runs > 1) {
		snprintf(error_buf, len, "lava_log_holds_%u_runs", in->runs);
		*error = error_buf;
		return "error";
	}
	if (in->runs == 1 && in->col.sum.have_cfg &&
	    config_mismatch(&in->r->cfg, &in->col.sum.cfg, in->col.sum.cfg_absent, error_buf, len)) {
		*error = error_buf;
		return "config_mismatch";
	}
	if (in->runs == 0) {
		snprintf(error_buf, len, "lava_log_has_no_records");
		*error = error_buf;
	}
	return collector_status(&in->col);
}

int lava_ingest(struct store *st, const char *suite, const struct planned_run *r,
		const struct lava_job_end *end, const char *log, size_t len, const char **status,
		char *err, size_t errlen)
{
	static struct logsplit ls;
	struct ingest in = { .r = r };
	char error_buf[320], *path = NULL;
	const char *error;
	int rc = -1;

	collector_init(&in.col, r->run_id, NULL, NULL, NULL);
	for (int t = 0; t < TAB_COUNT; t++)
		if (!(in.rows[t] = open_memstream(&in.buf[t], &in.len[t])))
			in.oom = 1;
	if (!in.oom && logsplit_begin(&ls, on_run, &in) == 0) {
		logsplit_feed(&ls, log, len);
		logsplit_end(&ls);
	} else {
		in.oom = 1;
	}
	if (in.oom) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	*status = decide(&in, end, log, len, error_buf, sizeof(error_buf), &error);
	struct run_outcome o = { .suite = suite, .status = *status, .exit_code = -1, .wall_s = -1,
				 .qemu_version = "", .error = error };
	collector_write_run(&in.col, in.rows[TAB_RUNS], &r->cfg, &o);
	for (int t = 0; t < TAB_COUNT; t++)
		if (fflush(in.rows[t]) || ferror(in.rows[t])) {
			snprintf(err, errlen, "out of memory");
			goto out;
		}
	if (strcmp(*status, "config_mismatch") == 0) /* no rows under the planned run's labels */
		for (int t = TAB_BOOTS; t <= TAB_METRICS; t++)
			in.len[t] = 0;
	/* the logs first: store_commit_rows makes them durable before the rows */
	char *console = store_log_path(st, r->run_id);
	if (!console || asprintf(&path, "%.*s.lava.yaml", (int)strlen(console) - 4, console) < 0) {
		free(console);
		path = NULL;
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	int bad = write_file(console, in.raw ? in.raw : "", in.raw_len, err, errlen) ||
		  write_file(path, log, len, err, errlen);
	free(console);
	uint64_t id;
	if (!bad && run_id_parse(r->run_id, strlen(r->run_id), &id) == 0 &&
	    store_commit_rows(st, in.buf, in.len, &id, 1, err, errlen) == 0)
		rc = 0;
out:
	for (int t = 0; t < TAB_COUNT; t++) {
		if (in.rows[t])
			fclose(in.rows[t]);
		free(in.buf[t]);
	}
	free(in.raw);
	free(path);
	return rc;
}
