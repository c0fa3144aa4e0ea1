/* s2bench report DIR [--out OUTDIR]: the whole report from one result directory. */
#include "report.h"

#include "render.h"

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

int s2b_cmd_report(int argc, char **argv)
{
	const char *dir = NULL, *out = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--out") && i + 1 < argc)
			out = argv[++i];
		else if (argv[i][0] != '-' && !dir)
			dir = argv[i];
		else {
			fprintf(stderr, "usage: s2bench report RESULT_DIR [--out OUTDIR]\n");
			return 2;
		}
	}
	if (!dir) {
		fprintf(stderr, "usage: s2bench report RESULT_DIR [--out OUTDIR]\n");
		return 2;
	}
	if (!out)
		out = dir;
	char err[1024], charts[4096];
	snprintf(charts, sizeof(charts), "%s/charts", out);
	struct analysis a;
	if (analysis_run(dir, &a, err, sizeof(err))) {
		fprintf(stderr, "s2bench report: %s\n", err);
		return 1;
	}
	results_warn_unusable(&a.r, "s2bench report");
	int rc = make_dir(out, err, sizeof(err)) || make_dir(charts, err, sizeof(err)) ||
		 figures_render(&a, charts, err, sizeof(err)) ||
		 write_summary_csv(&a, out, err, sizeof(err)) ||
		 write_html(&a, out, charts, err, sizeof(err)) ||
		 write_markdown(&a, out, err, sizeof(err));
	analysis_free(&a);
	if (rc) {
		fprintf(stderr, "s2bench report: %s\n", err);
		return 1;
	}
	printf("%s/report.html\n", out);
	return 0;
}
