/* s2bench calibrate --board B: run the calibration program (s2b.guest=calib) on B through the same
 * board machinery as `run`, store its calib records (DIR/calib.csv, next to the run's log and
 * runs.csv row) and write the profile they make (reports/calib_profile.c, docs/profiles.md). */
#include "board.h"
#include "board_options.h"
#include "cli.h"
#include "csvout.h"
#include "matrix.h"
#include "protocol.h"
#include "runconfig.h"
#include "runner.h"
#include "store.h"

#include "../reports/calib.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* reports/ may not be linked in (the harness's own tests): weak references are NULL then. */
#pragma weak calib_take
#pragma weak calib_profile_build
#pragma weak profile_write
#pragma weak profile_read

struct calib_args {
	const char *board, *out, *dir;
	char name[PROFILE_ID], default_out[160], default_dir[160];
	uint64_t mem;
	unsigned timeout_s;
	struct run_options opt;
};

static int usage(void)
{
	fputs("usage: s2bench calibrate --board NAME [--out FILE] [--dir DIR] [--mem SIZE] [--timeout S]\n"
	      "                       [--qemu BIN] [--image IMG] [--console TTY --baud N --reset-cmd CMD]\n"
	      "  --board NAME  where to run the calibration program (see `s2bench list`)\n"
	      "  --out FILE    the profile to write (default profiles/NAME.profile); its base name\n"
	      "                without .profile is the profile's name\n"
	      "  --dir DIR     result directory for the run: log, runs.csv, calib.csv\n"
	      "                (default build/calibrate/NAME); each call adds a new run\n"
	      "  --mem SIZE    guest RAM, the largest buffer measured (default 64M)\n"
	      "  --timeout S   limit in seconds (default 300)\n"
	      "  --qemu, --image, --console, --baud, --reset-cmd, --reset-timeout: as for `s2bench run`\n",
	      stderr);
	return EXIT_USAGE;
}

/* The profile's name is the file's base name: letters, digits, `_.-` (docs/profiles.md). */
static int name_from_out(const char *out, char *name, size_t len)
{
	const char *base = strrchr(out, '/') ? strrchr(out, '/') + 1 : out;
	size_t n = strlen(base);

	if (n > 8 && strcmp(base + n - 8, ".profile") == 0)
		n -= 8;
	if (n == 0 || n >= len)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)base[i]) && !strchr("_.-", base[i]))
			return -1;
	snprintf(name, len, "%.*s", (int)n, base);
	return 0;
}

static int parse_args(int argc, char **argv, struct calib_args *a)
{
	static const struct option opts[] = {
		{"board", required_argument, 0, 'b'}, {"out", required_argument, 0, 'o'},
		{"dir", required_argument, 0, 'd'},   {"mem", required_argument, 0, 'm'},
		{"timeout", required_argument, 0, 't'}, {"qemu", required_argument, 0, 'q'},
		{"image", required_argument, 0, 'i'}, {"console", required_argument, 0, 'c'},
		{"baud", required_argument, 0, 'B'},  {"reset-cmd", required_argument, 0, 'r'},
		{"reset-timeout", required_argument, 0, 'R'},
		{"help", no_argument, 0, 'h'},        {0, 0, 0, 0},
	};
	int c;

	a->mem = 64ull << 20;
	a->timeout_s = 300;
	board_options_defaults(&a->opt);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		int taken = board_option(c, optarg, &a->opt, &a->timeout_s);
		if (taken == EXIT_USAGE)
			return EXIT_USAGE;
		if (taken)
			continue;
		switch (c) {
		case 'b': a->board = optarg; break;
		case 'o': a->out = optarg; break;
		case 'd': a->dir = optarg; break;
		case 'm':
			if (parse_size(optarg, &a->mem) || a->mem < (4ull << 20))
				return cli_usage_error("--mem %s: expected a size of at least 4M, e.g. 64M", optarg);
			break;
		default: return -EXIT_USAGE;
		}
	}
	if (optind != argc || !a->board)
		return -EXIT_USAGE;
	if (!board_find(a->board))
		return cli_usage_error("--board %s: unknown board (see `s2bench list`)", a->board);
	if (!a->out) {
		snprintf(a->default_out, sizeof(a->default_out), "profiles/%s.profile", a->board);
		a->out = a->default_out;
	}
	if (!a->dir) {
		snprintf(a->default_dir, sizeof(a->default_dir), "build/calibrate/%s", a->board);
		a->dir = a->default_dir;
	}
	if (name_from_out(a->out, a->name, sizeof(a->name)))
		return cli_usage_error("--out %s: the base name must be letters, digits, `_.-` (the profile's name)",
				       a->out);
	return 0;
}

/* One run of the calibration program; a new repetition each call, so nothing is skipped. */
static void plan(const struct calib_args *a, const struct store *st, struct planned_run *run)
{
	memset(run, 0, sizeof(*run));
	run_config_defaults(&run->cfg);
	snprintf(run->cfg.board, sizeof(run->cfg.board), "%s", a->board);
	snprintf(run->cfg.guest, sizeof(run->cfg.guest), "calib");
	run->cfg.mem = a->mem;
	run->cfg.boots = 1;
	/* The id counts runs of one exact config by `copy` (runconfig.h); rep mirrors it in runs.csv. */
	for (;;) {
		run_config_id(&run->cfg, run->run_id);
		if (!store_is_finished(st, run->run_id))
			break;
		run->cfg.rep = ++run->cfg.copy;
	}
	run_config_bootargs(&run->cfg, run->bootargs, sizeof(run->bootargs));
}

static const char *const calib_cols[] = {
	"run_id", "op", "state", "level", "line", "sets", "ways", "size", "cntfrq", "insts", "bytes",
	"ops", "n", "cycles_med", "cycles_q1", "cycles_q3", "ticks_med", "ticks_q1", "ticks_q3",
	"insts_med",
};
#define NCALIB_COLS (int)(sizeof(calib_cols) / sizeof(calib_cols[0]))

static void write_calib_row(FILE *csv, const char *run_id, const struct record *rec)
{
	const char *cells[NCALIB_COLS] = {run_id};

	for (int i = 1; i < NCALIB_COLS; i++)
		cells[i] = record_get(rec, calib_cols[i]);
	csv_write_row(csv, cells, NCALIB_COLS);
}

/* The run's log → calib.csv rows and RUN; the run must have ended with `done status=ok`. */
static int read_log(const char *log, const char *run_id, FILE *csv, struct calib_run *run)
{
	FILE *f = fopen(log, "r");
	char *line = NULL, err[256], done[16] = "";
	size_t cap = 0;
	ssize_t n;
	int rc = 0;

	if (!f)
		return cli_error("%s: cannot read the run's log", log);
	while (!rc && (n = getline(&line, &cap, f)) > 0) {
		struct record rec;
		if (line[n - 1] == '\n')
			n--;
		if (proto_parse_line(line, (size_t)n, &rec) != LINE_RECORD)
			continue;
		if (strcmp(rec.kind, "done") == 0)
			snprintf(done, sizeof(done), "%s", record_get(&rec, "status"));
		if (strcmp(rec.kind, "calib") == 0)
			write_calib_row(csv, run_id, &rec);
		if (calib_take(run, &rec, err, sizeof(err)))
			rc = cli_error("%s: calib record refused: %s", log, err);
	}
	free(line);
	fclose(f);
	if (!rc && strcmp(done, "ok") != 0)
		rc = cli_error("%s: the calibration program did not finish (done status=%s); see the log",
			       log, done[0] ? done : "missing");
	return rc;
}

static FILE *open_calib_csv(const char *dir)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/calib.csv", dir);
	int fresh = access(path, F_OK) != 0;
	FILE *f = fopen(path, "a");
	if (f && fresh)
		csv_write_row(f, calib_cols, NCALIB_COLS);
	return f;
}

static int write_profile(const struct calib_args *a, const struct calib_run *run)
{
	static struct profile p, back;
	char err[512], date[16], tmp[600];
	time_t now = time(NULL);
	struct calib_meta meta = {a->name, a->board, date, a->opt.qemu_version[0] ? a->opt.qemu_version : NULL,
				 a->opt.wall_clock};

	strftime(date, sizeof(date), "%Y-%m-%d", gmtime(&now));
	if (calib_profile_build(run, &meta, &p, err, sizeof(err)))
		return cli_error("calibrate: no profile: %s", err);
	snprintf(tmp, sizeof(tmp), "%s.tmp", a->out);
	FILE *f = fopen(tmp, "w");
	if (!f)
		return cli_error("%s: cannot write the profile: %s", tmp, strerror(errno));
	int bad = profile_write(f, &p);
	if (fclose(f) || bad || rename(tmp, a->out))
		return cli_error("%s: cannot write the profile: %s", a->out, strerror(errno));
	if (profile_read(a->out, &back, err, sizeof(err))) /* what we write must read back */
		return cli_error("calibrate: the written profile does not parse: %s", err);
	return 0;
}

static void on_signal(int sig)
{
	(void)sig;
	runner_interrupted = 1;
}

int cmd_calibrate(int argc, char **argv)
{
	static struct calib_run run;
	struct calib_args a = {0};
	struct planned_run pr;
	struct store st;
	struct progress pg;
	char err[512];
	int rc = parse_args(argc, argv, &a);

	if (rc)
		return rc < 0 ? usage() : rc;
	if (!calib_take || !calib_profile_build || !profile_write || !profile_read)
		return cli_error("calibrate: this build has no reports/ code linked in");
	if (board_find(a.board)->check(&a.opt, err, sizeof(err)))
		return cli_error("%s", err);
	if (store_open(&st, a.dir, err, sizeof(err)))
		return cli_error("%s", err);
	plan(&a, &st, &pr);
	struct sigaction sa = {.sa_handler = on_signal};
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	progress_start(&pg, stderr, 1);
	struct runner r = {&st, &a.opt, "calibrate", 1, a.timeout_s, &pg};
	enum runner_result res = runner_run(&r, &pr, 1);
	progress_end(&pg);
	char *log = store_log_path(&st, pr.run_id);
	FILE *csv = res == RUNNER_OK ? open_calib_csv(a.dir) : NULL;
	if (res != RUNNER_OK)
		rc = cli_error("calibrate: the run on %s did not complete", a.board);
	else if (!csv || !log)
		rc = cli_error("%s/calib.csv: cannot open", a.dir);
	else
		rc = read_log(log, pr.run_id, csv, &run);
	if (csv && fclose(csv) && !rc)
		rc = cli_error("%s/calib.csv: cannot write", a.dir);
	if (!rc)
		rc = write_profile(&a, &run);
	if (!rc)
		printf("calibrate: wrote %s from run %s on %s (%d measurements%s); records in %s/calib.csv\n",
		       a.out, pr.run_id, a.board, run.nmeas,
		       a.opt.qemu_version[0] ? ", QEMU: emulator numbers, not a CPU's" : "", a.dir);
	free(log);
	store_close(&st);
	return rc;
}
