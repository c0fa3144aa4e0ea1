/* See run_session.h. */
#include "run_session.h"

#include "board.h"
#include "cli.h"
#include "image_check.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

static int plan_uses(const struct planned_run *runs, size_t n, const char *board)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(runs[i].cfg.board, board) == 0)
			return 1;
	return 0;
}

/* Every back-end the plan uses must be ready before the first run starts; boards sharing one
 * (the kvm-qemu-* boards) are checked once. */
static int check_boards(struct run_options *opt, const struct planned_run *runs, size_t n)
{
	char err[512];

	for (size_t i = 0; i < board_desc_count; i++) {
		const struct board_desc *d = &board_descs[i];
		size_t k = 0;

		while (k < i && !(board_descs[k].ops == d->ops && plan_uses(runs, n, board_descs[k].name)))
			k++;
		if (k < i || !plan_uses(runs, n, d->name))
			continue;
		if (d->ops->check(opt, err, sizeof(err)))
			return cli_error("%s", err);
	}
	return 0;
}

int run_session_check(struct run_options *opt, const struct planned_run *runs, size_t n)
{
	int rc = check_boards(opt, runs, n);

	return rc ? rc : image_check_runs(opt->image, runs, n);
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

static size_t drop_finished(const struct store *st, struct planned_run *runs, size_t n)
{
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (!store_is_finished(st, runs[i].run_id))
			runs[kept++] = runs[i];
	return kept;
}

/* A directory written before per-rep seeds holds its reps >= 1 under other ids, run with the
 * suite's seed: resuming would add a second rep 1 beside the old one, so refuse instead. */
static int refuse_legacy_reps(const struct store *st, const struct planned_run *runs, size_t n,
			      const char *out)
{
	char id[RUN_ID_LEN + 1];

	for (size_t i = 0; i < n; i++) {
		if (runs[i].cfg.rep == 0)
			continue;
		run_config_legacy_id(&runs[i].cfg, runs[i].suite_seed, id);
		if (store_is_finished(st, id)) {
			cli_error("%s: run %s is rep %u of %s/%s run with the suite's seed %llu by an "
				  "s2bench before per-rep seeds (this one runs it with seed %llu); "
				  "use a new --out directory",
				  out, id, runs[i].cfg.rep, runs[i].cfg.strategy, runs[i].cfg.guest,
				  (unsigned long long)runs[i].suite_seed,
				  (unsigned long long)runs[i].cfg.seed);
			return EXIT_OLD_RESULTS;
		}
	}
	return 0;
}

int run_session_execute(struct run_session *s, struct planned_run *runs, size_t n)
{
	int rc = refuse_legacy_reps(&s->store, runs, n, s->out);

	if (rc)
		return rc;
	size_t total = n;
	n = drop_finished(&s->store, runs, n);
	fprintf(stderr, "run: %s: %zu runs, %zu already in %s, %zu to do, -j %u\n", s->suite, total,
		total - n, s->out, n, s->jobs);

	struct sigaction sa = { .sa_handler = on_signal };
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	struct progress pg;
	progress_start(&pg, stderr, n);
	struct runner r = { &s->store, s->opt, s->suite, s->jobs, s->timeout_s, &pg };
	enum runner_result res = runner_run(&r, runs, n);
	progress_end(&pg);
	return report_result(res, &pg, n, s->out);
}
