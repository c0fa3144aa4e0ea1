/* s2bench report DIR [--out OUTDIR] [--profile P ...] [--paths P]: the whole report from one result
 * directory, with each profile's predicted times and the phase diagram when profiles are given. */
#include "report.h"

#include "predict.h"
#include "render.h"

#include <stdlib.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int make_dir(const char *path, char *err, size_t errlen)
{
	if (mkdir(path, 0755) == 0 || errno == EEXIST)
		return 0;
	snprintf(err, errlen, "%s: %s", path, strerror(errno));
	return -1;
}

static const char usage[] = "usage: s2bench report RESULT_DIR [--out OUTDIR] [--profile P ...] [--paths P]\n";

int s2b_cmd_report(int argc, char **argv)
{
	const char *dir = NULL, *out = NULL;
	char err[1024], charts[4096];
	struct predictions *pred = calloc(1, sizeof(*pred));

	if (!pred) {
		fprintf(stderr, "s2bench report: out of memory\n");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--out") && i + 1 < argc) {
			out = argv[++i];
		} else if (!strcmp(argv[i], "--profile") && i + 1 < argc) {
			/* a bad profile is bad input: refused before any work, as the parser says */
			if (predictions_add_profile(pred, argv[++i], err, sizeof(err))) {
				fprintf(stderr, "s2bench report: --profile: %s\n", err);
				free(pred);
				return 2;
			}
		} else if (!strcmp(argv[i], "--paths") && i + 1 < argc) {
			if (predictions_set_paths(pred, argv[++i], err, sizeof(err))) {
				fprintf(stderr, "s2bench report: --paths: %s\n", err);
				free(pred);
				return 2;
			}
		} else if (argv[i][0] != '-' && !dir) {
			dir = argv[i];
		} else {
			fputs(usage, stderr);
			free(pred);
			return 2;
		}
	}
	if (!dir) {
		fputs(usage, stderr);
		free(pred);
		return 2;
	}
	if (!out)
		out = dir;
	snprintf(charts, sizeof(charts), "%s/charts", out);
	struct analysis a;
	if (analysis_run(dir, &a, err, sizeof(err))) {
		fprintf(stderr, "s2bench report: %s\n", err);
		free(pred);
		return 1;
	}
	results_warn_unusable(&a.r, "s2bench report");
	if (pred->np) {
		predictions_compute(pred, &a);
		a.pred = pred;
	}
	int rc = make_dir(out, err, sizeof(err)) || make_dir(charts, err, sizeof(err)) ||
		 figures_render(&a, charts, err, sizeof(err)) ||
		 (pred->np && predictions_render(pred, &a, charts, err, sizeof(err))) ||
		 write_summary_csv(&a, out, err, sizeof(err)) ||
		 write_html(&a, out, charts, err, sizeof(err)) ||
		 write_markdown(&a, out, err, sizeof(err));
	analysis_free(&a);
	predictions_free(pred);
	free(pred);
	if (rc) {
		fprintf(stderr, "s2bench report: %s\n", err);
		return 1;
	}
	printf("%s/report.html\n", out);
	return 0;
}
