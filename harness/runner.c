/* The scheduler: start up to -j runs, poll their consoles, enforce deadlines, commit results. */
#include "runner.h"

#include "cli.h"
#include "collect.h"
#include "linebuf.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

volatile sig_atomic_t runner_interrupted;

struct job {
	struct board_job b;
	const struct board_ops *ops;
	struct pending pending;
	struct collector col;
	struct linebuf lb;
	int log_fd;
	double start, deadline;
};

static void on_line(void *ctx, char *line, size_t len)
{
	collector_line(ctx, line, len);
}

static struct job *start_job(const struct runner *r, const struct planned_run *run)
{
	struct job *j = calloc(1, sizeof(*j));
	char err[512];

	j->ops = board_find(run->cfg.board);
	j->b.run = run;
	j->b.fd = -1;
	if (store_begin(r->store, &j->pending, err, sizeof(err))) {
		cli_error("%s", err);
		free(j);
		return NULL;
	}
	collector_init(&j->col, run->run_id, j->pending.f[TAB_BOOTS], j->pending.f[TAB_FAULTS],
		       j->pending.f[TAB_METRICS]);
	char *log = store_log_path(r->store, run->run_id);
	j->log_fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	free(log);
	j->start = now_s();
	j->deadline = j->start + r->timeout_s;
	if (j->ops->start(&j->b, r->opt, err, sizeof(err))) {
		/* could not even start: record it as a crash with the reason, like any failed run */
		snprintf(j->col.sum.error, sizeof(j->col.sum.error), "start_failed");
		fprintf(stderr, "s2bench: run %s: %s\n", run->run_id, err);
	}
	return j;
}

/* Ends a job: release the board, decide the status, commit (or, if interrupted, discard). */
static int end_job(const struct runner *r, struct job *j, int timed_out)
{
	int interrupted = runner_interrupted != 0;
	int exit_code = j->b.fd >= 0 ? j->ops->finish(&j->b, timed_out || interrupted) : -1;
	char err[512], error[64] = "";
	int rc = 0;

	linebuf_finish(&j->lb, on_line, &j->col);
	if (j->log_fd >= 0)
		close(j->log_fd);
	if (interrupted) {
		store_abort(r->store, &j->pending);
		free(j);
		return 0;
	}
	const char *status = collector_status(&j->col);
	if (!j->col.sum.have_done && timed_out) {
		status = "timeout";
		snprintf(error, sizeof(error), "timeout_after_%us", r->timeout_s);
	} else if (!j->col.sum.have_done && !j->col.sum.error[0]) {
		snprintf(error, sizeof(error), "no_done_record_exit_%d", exit_code);
	}
	struct run_outcome o = { .suite = r->suite, .status = status, .exit_code = exit_code,
				 .wall_s = now_s() - j->start, .error = error[0] ? error : NULL,
				 .qemu_version = j->ops->max_parallel ? "" : r->opt->qemu_version };
	collector_write_run(&j->col, j->pending.f[TAB_RUNS], &j->b.run->cfg, &o);
	if (store_commit(r->store, &j->pending, j->b.run->run_id, err, sizeof(err)))
		rc = cli_error("%s", err);
	progress_run_done(r->progress, j->b.run, status, o.wall_s);
	free(j);
	return rc;
}

/* Reads what the console has. Returns 1 when the run is over (EOF, or `done` on a board whose
 * console outlives the run). */
static int pump(struct job *j)
{
	char buf[8192];

	for (;;) {
		ssize_t n = read(j->b.fd, buf, sizeof(buf));
		if (n > 0) {
			if (j->log_fd >= 0 && write(j->log_fd, buf, (size_t)n) < 0) {
				close(j->log_fd); /* keep measuring; the CSVs matter more than the log */
				j->log_fd = -1;
			}
			linebuf_feed(&j->lb, buf, (size_t)n, on_line, &j->col);
			if (j->ops->stop_at_done && j->col.sum.have_done)
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

static unsigned limit_for(const struct runner *r, const struct board_ops *ops)
{
	return ops->max_parallel && ops->max_parallel < r->jobs ? ops->max_parallel : r->jobs;
}

int runner_run(const struct runner *r, const struct planned_run *runs, size_t n)
{
	struct job **active = calloc(r->jobs, sizeof(*active));
	struct pollfd *pfd = calloc(r->jobs, sizeof(*pfd));
	size_t next = 0, nactive = 0;
	int rc = 0;

	while (!rc && (next < n || nactive)) {
		/* start runs while slots are free (a physical board takes one at a time) */
		while (next < n && !runner_interrupted &&
		       nactive < limit_for(r, board_find(runs[next].cfg.board))) {
			struct job *j = start_job(r, &runs[next++]);
			if (!j) {
				rc = -1;
				break;
			}
			if (j->b.fd < 0) { /* failed to start: record it now */
				rc = end_job(r, j, 0);
				continue;
			}
			active[nactive++] = j;
		}
		if (runner_interrupted) {
			for (size_t i = 0; i < nactive; i++)
				end_job(r, active[i], 0);
			nactive = 0;
			rc = -1;
			break;
		}
		if (!nactive)
			continue;

		double now = now_s(), wait_s = 1e9;
		for (size_t i = 0; i < nactive; i++) {
			pfd[i] = (struct pollfd){ .fd = active[i]->b.fd, .events = POLLIN };
			if (active[i]->deadline - now < wait_s)
				wait_s = active[i]->deadline - now;
		}
		int timeout_ms = wait_s <= 0 ? 0 : (int)(wait_s * 1000) + 1;
		if (poll(pfd, nactive, timeout_ms) < 0 && errno != EINTR) {
			rc = cli_error("poll: %s", strerror(errno));
			break;
		}
		now = now_s();
		for (size_t i = 0; i < nactive;) {
			struct job *j = active[i];
			int over = pfd[i].revents ? pump(j) : 0;
			int late = !over && now >= j->deadline;
			if (over || late) {
				rc |= end_job(r, j, late);
				active[i] = active[--nactive];
				pfd[i] = pfd[nactive];
				continue;
			}
			i++;
		}
	}
	for (size_t i = 0; i < nactive; i++) { /* a store error stops everything */
		runner_interrupted = 1;
		end_job(r, active[i], 0);
	}
	free(active);
	free(pfd);
	return rc;
}
