/* The scheduler: start up to -j runs, poll their consoles, enforce deadlines, commit results. */
#include "runner.h"

#include "cli.h"
#include "collect.h"
#include "config_match.h"
#include "csvout.h"
#include "linebuf.h"
#include "oracle_record.h"
#include "process.h"
#include "qemu_stderr.h"
#include "runconfig.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

volatile sig_atomic_t runner_interrupted;

/* How a job ended. */
enum end_reason {
	END_EOF,      /* the console closed (or `done` on a board whose console outlives the run) */
	END_TIMEOUT,  /* past --timeout: killed */
	END_LOG_FULL, /* the console log reached --log-cap: killed */
	END_SAVE_ERROR, /* the log or the rows cannot be written: killed, not committed */
	END_DISCARD,  /* interrupted, or the suite stops after a save error: nothing is committed */
};

struct job {
	struct board_job b;
	const struct board_ops *ops;
	struct pending pending;
	struct collector col;
	struct linebuf lb;
	int log_fd;
	unsigned long long logged; /* console bytes written to the log = bytes the collector saw */
	int save_errno;            /* the log or the rows could not be written: never commit */
	int exit_fd;               /* console closed, process still running: polls readable at exit */
	int waiting_exit;
	char *err_path;
	double start, deadline;
};

struct sched {
	const struct runner *r;
	int stop_errno; /* a save failed: no new run starts, runner_run reports it */
	int stopping;
};

static void on_line(void *ctx, char *line, size_t len)
{
	collector_line(ctx, line, len);
}

/* A write to the pending rows failed inside stdio: its errno is still the write's. */
static void note_row_error(struct job *j)
{
	for (int t = 0; t < TAB_COUNT && !j->save_errno; t++)
		if (j->pending.f[t] && ferror(j->pending.f[t]))
			j->save_errno = errno ? errno : EIO;
}

static char *err_path_for(const char *log)
{
	char *p;
	size_t n = strlen(log);
	if (n > 4 && !strcmp(log + n - 4, ".log"))
		n -= 4;
	return asprintf(&p, "%.*s.stderr", (int)n, log) < 0 ? NULL : p;
}

static struct job *start_job(struct sched *s, const struct planned_run *run)
{
	const struct runner *r = s->r;
	struct job *j = calloc(1, sizeof(*j));
	char err[512];

	j->ops = board_find(run->cfg.board);
	j->b.run = run;
	j->b.fd = -1;
	j->exit_fd = -1;
	if (store_begin(r->store, &j->pending, err, sizeof(err))) {
		s->stop_errno = errno ? errno : EIO;
		cli_error("%s", err);
		free(j);
		return NULL;
	}
	collector_init(&j->col, run->run_id, j->pending.f[TAB_BOOTS], j->pending.f[TAB_FAULTS],
		       j->pending.f[TAB_METRICS]);
	char *log = store_log_path(r->store, run->run_id);
	j->log_fd = log ? open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644) : -1;
	if (j->log_fd < 0)
		j->save_errno = errno ? errno : ENOMEM;
	j->err_path = log ? err_path_for(log) : NULL;
	j->b.err_path = j->err_path;
	free(log);
	j->start = now_s();
	j->deadline = j->start + r->timeout_s;
	if (!j->save_errno && j->ops->start(&j->b, r->opt, err, sizeof(err))) {
		/* could not even start: record it as a crash with the reason, like any failed run
		 * (a resumed run redoes it: tablerepair.c) */
		snprintf(j->col.sum.error, sizeof(j->col.sum.error), "%s", RUN_ERROR_START_FAILED);
		fprintf(stderr, "s2bench: run %s: %s\n", run->run_id, err);
	}
	return j;
}

/* The error cell of a run that has no `done` record. */
static void error_cell(const struct runner *r, const struct job *j, enum end_reason why,
		       int exit_code, char *buf, size_t len)
{
	char cap[24];

	buf[0] = '\0';
	if (why == END_LOG_FULL) {
		format_size(r->opt->log_cap, cap, sizeof(cap));
		snprintf(buf, len, "console_log_reached_%s_cap", cap);
	} else if (j->col.sum.have_done) {
		return;
	} else if (why == END_TIMEOUT) {
		snprintf(buf, len, "timeout_after_%us", r->timeout_s);
	} else if (!j->col.sum.error[0]) {
		int n = snprintf(buf, len, "no_done_record_exit_%d", exit_code);
		if (exit_code != 0 && j->err_path && n > 0 && (size_t)n < len)
			qemu_stderr_tail(j->err_path, buf + n, len - (size_t)n);
	}
}

static const char *status_of(const struct job *j, enum end_reason why)
{
	if (why == END_LOG_FULL)
		return "log_full";
	if (why == END_TIMEOUT && !j->col.sum.have_done)
		return "timeout";
	return collector_status(&j->col);
}

static void job_free(struct job *j)
{
	if (j->err_path) {
		struct stat st;
		if (stat(j->err_path, &st) == 0 && st.st_size == 0)
			unlink(j->err_path); /* an emulator that said nothing leaves no file */
		free(j->err_path);
	}
	if (j->exit_fd >= 0)
		close(j->exit_fd);
	free(j);
}

/* An oracle run's verdict is in QEMU's log (the .stderr file): sealed as an `oracle` record, it
 * joins the console log, so `parse` of the log finds it, and the collector's tables. */
static int add_oracle_record(struct job *j)
{
	char rec[PROTO_MAX_LINE + 1], copy[sizeof(rec)];
	int n = j->err_path ? oracle_record_from_file(j->err_path, rec, sizeof(rec)) : -1;

	if (n < 0)
		return -1; /* no verdict (QEMU died first) */
	rec[n] = '\n';
	errno = 0;
	if (j->log_fd >= 0 && write(j->log_fd, rec, (size_t)n + 1) != n + 1 && !j->save_errno)
		j->save_errno = errno ? errno : ENOSPC;
	memcpy(copy, rec, (size_t)n);
	collector_line(&j->col, copy, (size_t)n);
	note_row_error(j);
	return 0;
}

/* Empties the run's pending boots/faults/metrics rows (its runs.csv row is still to come). */
static void drop_rows(struct job *j)
{
	for (int t = TAB_BOOTS; t <= TAB_METRICS && !j->save_errno; t++) {
		FILE *f = j->pending.f[t];
		errno = 0;
		if (fflush(f) || ftruncate(fileno(f), 0) || fseek(f, 0, SEEK_SET))
			j->save_errno = errno ? errno : EIO;
	}
}

/* Ends a job: release the board, decide the status, commit (or discard). Returns 0, or -1 when
 * the run could not be saved (s->stop_errno says why). */
static int end_job(struct sched *s, struct job *j, enum end_reason why)
{
	const struct runner *r = s->r;
	int exit_code = j->b.fd >= 0 || j->b.pid > 0 ? j->ops->finish(&j->b, why != END_EOF) : -1;
	char err[512], error[256];
	int rc = 0;

	linebuf_finish(&j->lb, on_line, &j->col);
	/* an oracle run without a verdict is no result: never read as a normal run's counts */
	int no_verdict = why != END_DISCARD && run_config_oracle(&j->b.run->cfg) &&
			 add_oracle_record(j);
	if (j->log_fd >= 0 && close(j->log_fd) && !j->save_errno)
		j->save_errno = errno;
	j->log_fd = -1;
	if (why == END_DISCARD) {
		store_abort(r->store, &j->pending);
		job_free(j);
		return 0;
	}
	const char *status = status_of(j, why);
	error_cell(r, j, why, exit_code, error, sizeof(error));
	if (no_verdict && (!strcmp(status, "ok") || !strcmp(status, "check_failed"))) {
		status = "error";
		snprintf(error, sizeof(error), "no_oracle_verdict");
	}
	/* a board that ran something else: its rows would carry the wrong labels, so none are
	 * stored; its log keeps every record (docs/protocol.md, "Run status") */
	if (j->col.sum.have_cfg && config_mismatch(&j->b.run->cfg, &j->col.sum.cfg,
						   j->col.sum.cfg_absent, error, sizeof(error))) {
		status = "config_mismatch";
		drop_rows(j);
	}
	struct run_outcome o = { .suite = r->suite, .status = status, .exit_code = exit_code,
				 .wall_s = now_s() - j->start, .error = error[0] ? error : NULL,
				 .qemu_version = j->ops->max_parallel ? "" : r->opt->qemu_version };
	collector_write_run(&j->col, j->pending.f[TAB_RUNS], &j->b.run->cfg, &o);
	for (int t = 0; t < TAB_COUNT && !j->save_errno; t++) { /* stdio keeps write errors quiet */
		errno = 0;
		if (fflush(j->pending.f[t]) || ferror(j->pending.f[t]))
			j->save_errno = errno ? errno : EIO;
	}
	if (j->save_errno) {
		cli_error("run %s not saved: %s", j->b.run->run_id, strerror(j->save_errno));
		store_abort(r->store, &j->pending);
		s->stop_errno = j->save_errno;
		rc = -1;
	} else if (store_commit(r->store, &j->pending, j->b.run->run_id, err, sizeof(err))) {
		s->stop_errno = errno ? errno : EIO; /* store_commit returns right after the failed write */
		cli_error("%s", err);
		rc = -1;
	}
	/* the progress line says `ok` only for a run whose rows are on disk */
	progress_run_done(r->progress, j->b.run, rc ? "not_saved" : status, o.wall_s);
	job_free(j);
	return rc;
}

/* Reads what the console has. Returns 1 when the console is over (EOF, the log cap, or `done`
 * on a board whose console outlives the run); *FULL says it was the cap. */
static int pump(const struct runner *r, struct job *j, int *full)
{
	char buf[8192];

	for (;;) {
		ssize_t n = read(j->b.fd, buf, sizeof(buf));
		if (n > 0) {
			/* the log and the collector see the same bytes, up to the cap */
			size_t keep = (size_t)n;
			if (j->logged + keep > r->opt->log_cap) {
				keep = (size_t)(r->opt->log_cap - j->logged);
				*full = 1;
			}
			errno = 0;
			if (j->log_fd >= 0 && keep && write(j->log_fd, buf, keep) != (ssize_t)keep &&
			    !j->save_errno)
				j->save_errno = errno ? errno : ENOSPC; /* a short write: the disk is full */
			j->logged += keep;
			errno = 0;
			linebuf_feed(&j->lb, buf, keep, on_line, &j->col);
			note_row_error(j);
			if (*full || j->save_errno || (j->ops->stop_at_done && j->col.sum.have_done))
				return 1;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return 0;
		return 1; /* EOF, or EIO from a pty whose other side went away */
	}
}

/* The console closed but the process may not have exited: wait for it (bounded by the deadline)
 * without blocking, so timeouts and SIGINT still work. Returns 1 when it has exited. */
static int reap(struct job *j)
{
	int code;
	if (spawn_try_wait(j->b.pid, &code) == 1) {
		j->b.exited = 1;
		j->b.exit_code = code;
		return 1;
	}
	return 0;
}

static void console_closed(struct job *j)
{
	close(j->b.fd);
	j->b.fd = -1;
	j->waiting_exit = 1;
	j->exit_fd = spawn_exit_fd(j->b.pid);
}

unsigned runner_parallel(unsigned jobs, const struct board_ops *ops)
{
	return ops->max_parallel && ops->max_parallel < jobs ? ops->max_parallel : jobs;
}

static enum runner_result result_of(const struct sched *s)
{
	if (runner_interrupted)
		return RUNNER_INTERRUPTED;
	if (s->stop_errno == ENOSPC || s->stop_errno == EDQUOT)
		return RUNNER_DISK_FULL;
	return s->stop_errno || s->stopping ? RUNNER_FAILED : RUNNER_OK;
}

enum runner_result runner_run(const struct runner *r, const struct planned_run *runs, size_t n)
{
	struct job **active = calloc(r->jobs, sizeof(*active));
	struct pollfd *pfd = calloc(r->jobs, sizeof(*pfd));
	struct sched s = { .r = r };
	size_t next = 0, nactive = 0;

	while (!s.stopping && (next < n || nactive)) {
		/* start runs while slots are free (a physical board takes one at a time) */
		while (next < n && !runner_interrupted && !s.stopping &&
		       nactive < runner_parallel(r->jobs, board_find(runs[next].cfg.board))) {
			struct job *j = start_job(&s, &runs[next++]);
			if (!j) {
				s.stopping = 1;
				break;
			}
			if (j->b.fd < 0) { /* failed to start: record it now */
				s.stopping |= end_job(&s, j, END_EOF) != 0;
				continue;
			}
			active[nactive++] = j;
		}
		if (runner_interrupted || s.stopping)
			break;
		if (!nactive)
			continue;

		double now = now_s(), wait_s = 1e9;
		for (size_t i = 0; i < nactive; i++) {
			struct job *j = active[i];
			pfd[i] = (struct pollfd){ .fd = j->waiting_exit ? j->exit_fd : j->b.fd,
						  .events = POLLIN };
			if (j->deadline - now < wait_s)
				wait_s = j->deadline - now;
			if (j->waiting_exit && j->exit_fd < 0 && wait_s > 0.05)
				wait_s = 0.05; /* no pidfd: look again soon */
		}
		int timeout_ms = wait_s <= 0 ? 0 : (int)(wait_s * 1000) + 1;
		if (poll(pfd, nactive, timeout_ms) < 0 && errno != EINTR) {
			cli_error("poll: %s", strerror(errno));
			s.stopping = 1;
			break;
		}
		now = now_s();
		for (size_t i = 0; i < nactive;) {
			struct job *j = active[i];
			int full = 0, ended = 0;
			enum end_reason why = END_EOF;
			if (!j->waiting_exit && pfd[i].revents && pump(r, j, &full)) {
				if (j->save_errno)
					why = END_SAVE_ERROR, ended = 1;
				else if (full)
					why = END_LOG_FULL, ended = 1;
				else if (j->b.pid > 0 && !j->ops->stop_at_done)
					console_closed(j); /* EOF is not exit: wait for it below */
				else
					ended = 1;
			}
			if (!ended && j->waiting_exit && reap(j))
				ended = 1;
			if (!ended && now >= j->deadline)
				why = END_TIMEOUT, ended = 1;
			if (ended) {
				s.stopping |= end_job(&s, j, why) != 0;
				active[i] = active[--nactive];
				pfd[i] = pfd[nactive];
				continue;
			}
			i++;
		}
	}
	for (size_t i = 0; i < nactive; i++) /* interrupted, or a save error stops everything */
		end_job(&s, active[i], END_DISCARD);
	free(active);
	free(pfd);
	return result_of(&s);
}
