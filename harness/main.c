/* s2bench: the host CLI. Each command lives in its own file; report/compare come from reports/. */
#include "cli.h"

#include "../reports/model_check.h"
#include "../reports/report.h"

#include <stdio.h>
#include <string.h>

/* reports/ may not be linked into every build (REPORT_OBJS empty): weak references are NULL then. */
#pragma weak s2b_cmd_report
#pragma weak s2b_cmd_compare
#pragma weak s2b_cmd_model_check

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "list", cmd_list, "boards, strategies, guests and suite keys, one line each" },
	{ "run", cmd_run, "run a suite on QEMU or a serial board; resumable; writes CSVs + logs" },
	{ "parse", cmd_parse, "turn console logs (QEMU, serial, LAVA) into the same CSVs" },
	{ "lava", cmd_lava, "write one LAVA job definition per run of a suite" },
	{ "crossover", cmd_crossover, "bisect a parameter with real runs to where two strategies cost the same" },
	{ "calibrate", cmd_calibrate, "measure a board's constants and write its CPU profile" },
	{ "report", NULL, "charts + HTML + Markdown from a result directory" },
	{ "compare", NULL, "medians, confidence intervals and ratios of two result sets" },
	{ "model-check", NULL, "the cost model's predicted time per reboot against measured time" },
};

static int usage(FILE *f)
{
	fputs("usage: s2bench COMMAND [ARGS]   (s2bench COMMAND --help for its options)\n", f);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-11s %s\n", commands[i].name, commands[i].summary);
	return f == stdout ? 0 : EXIT_USAGE;
}

static int (*command_fn(const char *name))(int, char **)
{
	if (strcmp(name, "report") == 0)
		return s2b_cmd_report;
	if (strcmp(name, "compare") == 0)
		return s2b_cmd_compare;
	if (strcmp(name, "model-check") == 0)
		return s2b_cmd_model_check;
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(name, commands[i].name) == 0)
			return commands[i].fn;
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr);
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return usage(stdout);
	int (*fn)(int, char **) = command_fn(argv[1]);
	if (!fn) {
		int known = !strcmp(argv[1], "report") || !strcmp(argv[1], "compare") ||
			    !strcmp(argv[1], "model-check");
		if (known)
			return cli_error("%s: this build has no reports/ code linked in", argv[1]);
		cli_error("unknown command '%s'", argv[1]);
		return usage(stderr);
	}
	return fn(argc - 1, argv + 1);
}
