/* See run_session.h. */
#include "run_session.h"

#include "board.h"
#include "cli.h"
#include "image_check.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every back-end the plan uses must be ready before the first run starts; boards sharing one
 * (the kvm-qemu-* boards) are checked once. USED[i]: the plan has a run on board_descs[i]. */
static int check_boards(struct run_options *opt, const char *used)
{
	char err[512];

	for (size_t i = 0; i < board_desc_count; i++) {
		const struct board_desc *d = &board_descs[i];
		size_t k = 0;

		while (k < i && !(board_descs[k].ops == d->ops && used[k]))
			k++;
		if (k < i || !used[i])
			continue;
		if (d->ops->check(opt, err, sizeof(err)))
			return cli_error("%s", err);
	}
	return 0;
}

int run_session_check(struct run_options *opt, const struct plan *plan)
{
	char *used = calloc(board_desc_count + 1, 1);
	struct planned_run qemu_run; /* a run the image is checked for (image_check_runs) */
	size_t nqemu = 0;
	struct plan_walk w;

	if (!used)
		return cli_error("out of memory");
	plan_walk_start(&w, plan);
	for (const struct planned_run *r; (r = plan_walk_next(&w));) {
		for (size_t i = 0; i < board_desc_count; i++)
			used[i] |= strcmp(r->cfg.board, board_descs[i].name) == 0;
		if (!nqemu && strncmp(r->cfg.board, "qemu-", 5) == 0)
			qemu_run = *r, nqemu = 1;
	}
	plan_walk_end(&w);
	int serial_used = 0;
	for (size_t i = 0; i < board_desc_count; i++)
		serial_used |= used[i] && board_descs[i].ops == &board_serial;
	int rc = opt->config_over_console && !serial_used
			 ? cli_error("--config-over-console: no run of the suite is on board serial (only "
				     "a serial board is configured over its console)")
			 : check_boards(opt, used);
	free(used);
	return rc ? rc : image_check_runs(opt->image, &qemu_run, nqemu);
}

int run_session_open(struct run_session *s)
{
	char err[512];

	if (store_open(&s->store, s->out, err, sizeof(err)))
		return cli_error("%s", err);
	s->open = 1;
	if (s->store.repaired_rows)
		fprintf(stderr, "run: set aside %u torn or unfinished rows left by an interrupted run (see the lines above)\n",
			s->store.repaired_rows);
	return 0;
}

void run_session_close(struct run_session *s)
{
	if (s->open)
		store_close(&s->store);
	s->open = 0;
}

/* The closing line and the exit status (docs/harness.md, "Exit status"). */
static int report_result(enum runner_result res, const struct progress *pg, size_t n,
			 const char *out)
{
	switch (res) {
	case RUNNER_OK:
		printf("run: %zu runs done, %zu failed; results in %s\n", pg->done, pg->failed, out);
		return 0;
	case RUNNER_INTERRUPTED:
		fprintf(stderr, "run: interrupted after %zu of %zu runs; run the same command again to finish\n",
			pg->done, n);
		return EXIT_INTERRUPTED;
	case RUNNER_DISK_FULL:
		fprintf(stderr, "run: disk full: %zu of %zu runs saved, %zu not saved; free space in %s "
				"and run the same command again\n",
			pg->done - pg->unsaved, n, pg->unsaved, out);
		return EXIT_DISK_FULL;
	case RUNNER_FAILED:
		break;
	}
	return 1;
}

static void on_signal(int sig)
{
	(void)sig;
	runner_interrupted = 1;
}

/* A directory written before per-rep seeds holds its reps >= 1 under other ids, run with the
 * suite's seed: resuming would add a second rep 1 beside the old one, so refuse instead. */
static int refuse_legacy_rep(const struct store *st, const struct planned_run *run, const char *out)
{
	char id[RUN_ID_LEN + 1];

	if (run->cfg.rep == 0)
		return 0;
	run_config_legacy_id(&run->cfg, run->suite_seed, id);
	if (!store_is_finished(st, id))
		return 0;
	cli_error("%s: run %s is rep %u of %s/%s run with the suite's seed %llu by an s2bench before "
		  "per-rep seeds (this one runs it with seed %llu); use a new --out directory",
		  out, id, run->cfg.rep, run->cfg.strategy, run->cfg.guest,
		  (unsigned long long)run->suite_seed, (unsigned long long)run->cfg.seed);
	return EXIT_OLD_RESULTS;
}

/* One walk: the refusal above, how many runs the plan has and how many are still to do, and
 * the most of them that can run at once (*PARALLEL: -j, or 1 when only a serial board is left). */
static int count_plan(const struct run_session *s, const struct plan *plan, size_t *total,
		      size_t *todo, unsigned *parallel)
{
	struct plan_walk w;
	int rc = 0;

	*total = *todo = 0;
	*parallel = 0;
	plan_walk_start(&w, plan);
	for (const struct planned_run *r; !rc && (r = plan_walk_next(&w));) {
		rc = refuse_legacy_rep(&s->store, r, s->out);
		++*total;
		if (store_is_finished(&s->store, r->run_id))
			continue;
		++*todo;
		unsigned p = runner_parallel(s->jobs, board_find(r->cfg.board));
		*parallel = p > *parallel ? p : *parallel;
	}
	plan_walk_end(&w);
	return rc;
}

int run_session_execute(struct run_session *s, const struct plan *plan)
{
	size_t total, n;
	unsigned parallel;
	int rc = count_plan(s, plan, &total, &n, &parallel);

	if (rc)
		return rc;
	/* what will run at once, not what -j allowed: a serial board runs one at a time */
	fprintf(stderr, "run: %s: %zu runs, %zu already in %s, %zu to do, %u at a time\n", s->suite,
		total, total - n, s->out, n, parallel ? parallel : s->jobs);
	if (s->opt->config_over_console)
		fprintf(stderr, "run: serial board configured over the console (it boots with "
				"s2b.config=console): --reset-cmd only at power-on and to recover\n");

	struct planned_run *batch = malloc(RUN_SESSION_BATCH * sizeof(*batch));
	if (!batch)
		return cli_error("out of memory");
	struct sigaction sa = { .sa_handler = on_signal };
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	struct progress pg;
	progress_start(&pg, stderr, n);
	struct runner r = { &s->store, s->opt, s->suite, s->jobs, s->timeout_s, &pg };
	enum runner_result res = RUNNER_OK;
	struct plan_walk w;
	const struct planned_run *next = NULL;
	plan_walk_start(&w, plan);
	do { /* the runs still to do, a batch at a time, in plan order */
		size_t k = 0;
		while (k < RUN_SESSION_BATCH && (next = plan_walk_next(&w)))
			if (!store_is_finished(&s->store, next->run_id))
				batch[k++] = *next;
		if (k)
			res = runner_run(&r, batch, k);
	} while (next && res == RUNNER_OK);
	plan_walk_end(&w);
	free(batch);
	progress_end(&pg);
	return report_result(res, &pg, n, s->out);
}
