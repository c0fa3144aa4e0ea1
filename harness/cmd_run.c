/* s2bench run SUITE: expand, skip what --out already has, run the rest, report a summary. */
#include "board_options.h"
#include "catalog.h"
#include "cli.h"
#include "hvkeys.h"
#include "matrix.h"
#include "run_session.h"
#include "runconfig.h"
#include "suite.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct run_args {
	const char *suite_path, *out, *board;
	unsigned jobs, timeout_s;
	int dry_run;
	struct run_options opt;
};

static int usage(void)
{
	fputs("usage: s2bench run SUITE [-j N] [--out DIR] [--timeout S] [--log-cap SIZE] [--dry-run]\n"
	      "                 [--qemu BIN] [--image IMG] [--board NAME]\n"
	      "                 [--console TTY --baud N --reset-cmd CMD --config-over-console]\n"
	      "  -j N          parallel runs (default: number of cores)\n"
	      "  --out DIR     result directory (default results/SUITE-NAME); re-running with the\n"
	      "                same DIR skips finished runs and redoes unfinished ones\n"
	      "  --timeout S   per-run limit in seconds (default: the suite's, else 120)\n"
	      "  --log-cap SIZE  console log limit per run, e.g. 64M (default 512M); a run that\n"
	      "                reaches it is killed and gets status log_full\n"
	      "  --dry-run     print the expanded matrix and exit\n"
	      "  --qemu BIN    emulator (default $S2B_QEMU or qemu-system-aarch64)\n"
	      "  --image IMG   hypervisor image (default $S2B_IMG or build/s2hv.img)\n"
	      "  --board NAME  run every config on this board instead of the suite's\n"
	      "  --console TTY, --baud N, --reset-cmd CMD: the serial board (bootargs in $S2B_BOOTARGS)\n"
	      "  --config-over-console  serial board: s2hv boots once with s2b.config=console and\n"
	      "                gets each run's bootargs over the console, a whole suite per power-on;\n"
	      "                --reset-cmd runs only at power-on and to recover from a hang\n",
	      stderr);
	return EXIT_USAGE;
}

static int parse_args(int argc, char **argv, struct run_args *a)
{
	static const struct option opts[] = {
		{ "jobs", required_argument, 0, 'j' },	  { "out", required_argument, 0, 'o' },
		{ "timeout", required_argument, 0, 't' }, { "dry-run", no_argument, 0, 'n' },
		{ "qemu", required_argument, 0, 'q' },	  { "image", required_argument, 0, 'i' },
		{ "board", required_argument, 0, 'b' },	  { "console", required_argument, 0, 'c' },
		{ "baud", required_argument, 0, 'B' },	  { "reset-cmd", required_argument, 0, 'r' },
		{ "log-cap", required_argument, 0, 'L' }, { "help", no_argument, 0, 'h' },
		{ "config-over-console", no_argument, 0, 'C' },
		{ 0, 0, 0, 0 },
	};
	uint64_t cap;
	int c;

	a->jobs = (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
	board_options_defaults(&a->opt);
	while ((c = getopt_long(argc, argv, "j:o:t:nh", opts, NULL)) != -1) {
		int taken = board_option(c, optarg, &a->opt, &a->timeout_s);
		if (taken == EXIT_USAGE)
			return EXIT_USAGE;
		if (taken)
			continue;
		switch (c) {
		case 'j':
			if (cli_parse_count(optarg, &a->jobs, 1024))
				return cli_usage_error("-j %s: expected a number of parallel runs (1 to 1024)",
						       optarg);
			break;
		case 'L':
			if (parse_size(optarg, &cap) || cap < RUN_LOG_CAP_MIN)
				return cli_usage_error("--log-cap %s: expected a size of at least 64K, e.g. 256M",
						       optarg);
			a->opt.log_cap = cap;
			break;
		case 'o': a->out = optarg; break;
		case 'n': a->dry_run = 1; break;
		case 'b': a->board = optarg; break;
		default: return -EXIT_USAGE;
		}
	}
	if (optind + 1 != argc)
		return -EXIT_USAGE;
	a->suite_path = argv[optind];
	if (a->board && !board_find(a->board))
		return cli_usage_error("--board %s: unknown board (see `s2bench list`)", a->board);
	return 0;
}

static void print_matrix(const struct plan *plan)
{
	struct plan_walk w;
	size_t n = 0;

	printf("%-16s %-13s %-8s %-10s %5s %-5s %-8s %-6s %4s %6s %5s %-6s %20s %-6s %5s %3s\n",
	       "run_id", "board", "strategy", "guest", "mem", "block", "map", "icache", "frac",
	       "stride", "write", "order", "seed", "trace", "boots", "rep");
	plan_walk_start(&w, plan);
	for (const struct planned_run *r; (r = plan_walk_next(&w)); n++) {
		const struct run_config *c = &r->cfg;
		char mem[16], stride[16], frac[24];
		format_size(c->mem, mem, sizeof(mem));
		run_config_frac(c, frac);
		format_size(c->stride, stride, sizeof(stride));
		printf("%-16s %-13s %-8s %-10s %5s %-5s %-8s %-6s %4s %6s %5llu %-6s %20llu %-6s %5llu %3u\n",
		       r->run_id, c->board, c->strategy, c->guest, mem, c->block, c->map,
		       c->icache, frac, stride, (unsigned long long)c->write,
		       c->order, (unsigned long long)c->seed, c->trace, (unsigned long long)c->boots,
		       c->rep);
	}
	plan_walk_end(&w);
	printf("%zu runs\n", n);
}

/* The suite's checks saw its own boards: `oracle = on` must still fit the --board one. */
static int oracle_board_ok(const struct plan *plan, const char *board)
{
	char why[64];
	struct plan_walk w;
	int rc = 0;

	plan_walk_start(&w, plan);
	for (const struct planned_run *r; !rc && (r = plan_walk_next(&w));)
		if (hv_board_accepts(catalog_find(catalog_boards, board), "oracle", r->cfg.oracle, why,
				     sizeof(why)))
			rc = cli_usage_error("--board %s: the suite sets oracle = on (%s)", board, why);
	plan_walk_end(&w);
	return rc;
}

int cmd_run(int argc, char **argv)
{
	struct run_args a = { 0 };
	struct suite suite;
	char err[512], default_out[128];
	int rc = parse_args(argc, argv, &a);

	if (rc)
		return rc < 0 ? usage() : rc;
	if (suite_load(a.suite_path, &suite, err, sizeof(err)))
		return cli_error("%s", err);
	/* --board replaces the suite's boards; ids change with it and repeats collapse */
	const struct plan plan = { .suite = &suite, .board = a.board };
	if (a.board && (rc = oracle_board_ok(&plan, a.board)))
		goto out;
	if (a.dry_run) {
		print_matrix(&plan);
		goto out;
	}
	if ((rc = run_session_check(&a.opt, &plan)))
		goto out;
	if (!a.out) {
		snprintf(default_out, sizeof(default_out), "results/%s", suite.name);
		a.out = default_out;
	}
	struct run_session rs = { .out = a.out, .suite = suite.name, .jobs = a.jobs,
				  .timeout_s = a.timeout_s ? a.timeout_s : suite.timeout_s, .opt = &a.opt };
	if ((rc = run_session_open(&rs)))
		goto out;
	rc = run_session_execute(&rs, &plan);
	run_session_close(&rs);
out:
	suite_free(&suite);
	return rc;
}
