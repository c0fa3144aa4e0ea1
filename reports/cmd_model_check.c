/* s2bench model-check --counts DIR --measured DIR --profile P [--paths P]: the cost model's predicted time per
 * reboot against measured time, per strategy and configuration (docs/model.md, "Validation").
 * Writes the Markdown section to stdout; scripts/model-validate.sh puts it into docs/model.md. */
#include "model_check.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_USAGE 2 /* as every s2bench command (harness/cli.h) */

/* "s2bench model-check: MESSAGE" on stderr; returns RC. */
static int fail(int rc, const char *what, const char *err)
{
	fprintf(stderr, "s2bench model-check: %s%s\n", what, err);
	return rc;
}

static const char usage_text[] =
	"usage: s2bench model-check --counts DIR [--counts-board B] --measured DIR --profile P [--paths P] [--summary]\n"
	"       s2bench model-check --describe\n"
	"  --counts DIR    a result directory with exact counts (-icount: board qemu-virt)\n"
	"  --counts-board B  the board of DIR's runs to take (when DIR holds several, as make bench's)\n"
	"  --measured DIR  the same suite run where the profile was calibrated (its reboot_cycles)\n"
	"  --profile P     the profile that prices the counts: a path, or NAME for profiles/NAME.profile\n"
	"  --paths P       the profile whose path lengths (instructions per priced operation) the model\n"
	"                  takes out of the other instructions; default: --profile's own\n"
	"  --summary       stop after the per-strategy table\n"
	"  --describe      print the section's first line (format, the model's terms) and its\n"
	"                  tables' header rows: what a fresh docs/model.md must hold\n";

static int usage(void)
{
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}

static int load_dir(const char *dir, struct results *r)
{
	char err[512];
	return results_load(dir, r, err, sizeof(err)) ? fail(1, "", err) : 0;
}

int s2b_cmd_model_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{"counts", required_argument, 0, 'c'}, {"measured", required_argument, 0, 'm'},
		{"profile", required_argument, 0, 'p'}, {"describe", no_argument, 0, 'd'},
		{"counts-board", required_argument, 0, 'b'}, {"summary", no_argument, 0, 's'},
		{"paths", required_argument, 0, 'P'}, {"help", no_argument, 0, 'h'},
		{0, 0, 0, 0},
	};
	const char *counts = NULL, *measured = NULL, *prof = NULL, *board = NULL, *paths_arg = NULL;
	static struct profile p, paths;
	struct results cr, mr;
	struct mc_table t;
	char path[512], err[512];
	int c, describe = 0, summary = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': counts = optarg; break;
		case 'm': measured = optarg; break;
		case 'p': prof = optarg; break;
		case 'b': board = optarg; break;
		case 'P': paths_arg = optarg; break;
		case 'd': describe = 1; break;
		case 's': summary = 1; break;
		default: return usage();
		}
	}
	if (optind != argc)
		return usage();
	if (describe) {
		model_check_describe(stdout);
		model_check_headers(stdout);
		return 0;
	}
	if (!counts || !measured || !prof)
		return usage();
	if (profile_read_named(prof, &p, path, sizeof(path), err, sizeof(err)))
		return fail(EXIT_USAGE, "--profile: ", err);
	if (paths_arg && profile_read_named(paths_arg, &paths, path, sizeof(path), err, sizeof(err)))
		return fail(EXIT_USAGE, "--paths: ", err);
	if (load_dir(counts, &cr))
		return 1;
	if (load_dir(measured, &mr)) {
		results_free(&cr);
		return 1;
	}
	int rc = 0;
	if (model_check_build(&cr, board, &mr, &p, paths_arg ? &paths : NULL, &t, err, sizeof(err)))
		rc = fail(1, "", err);
	else
		model_check_markdown(stdout, &t, &p, paths_arg ? &paths : NULL, counts, measured, summary);
	model_check_free(&t);
	results_free(&cr);
	results_free(&mr);
	return rc;
}
