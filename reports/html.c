/* report.html: static, self-contained (inline SVG and CSS, no script, no network). */
#include "render.h"

#include "bootstrap.h"
#include "conclusion.h"
#include "palette.h"
#include "replicates.h"
#include "tables.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char css[] =
	"body{font:15px/1.5 'DejaVu Sans',Helvetica,Arial,sans-serif;color:#1a1a1a;max-width:1100px;"
	"margin:24px auto;padding:0 20px}"
	"h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;border-bottom:1px solid #ccc;"
	"padding-bottom:3px;margin-top:32px}.sub{color:#555;margin:0 0 16px}"
	"code{font:13px 'DejaVu Sans Mono',monospace;background:#f2f2f2;padding:0 3px;border-radius:3px}"
	".question{border-left:4px solid #1f77b4;background:#f5f9fc;padding:8px 14px}"
	".caveat{border-left:4px solid #d69e2e;background:#fdf8ec;padding:8px 14px}"
	".answer li{margin:6px 0}"
	"table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}"
	"th,td{border:1px solid #d0d0d0;padding:3px 8px;text-align:left;vertical-align:top}"
	"th{background:#f0f0f0}td.num,th.num{text-align:right;font-family:'DejaVu Sans Mono',monospace}"
	"tbody tr:nth-child(even){background:#fafafa}"
	"figure{margin:18px 0;page-break-inside:avoid}figure svg{max-width:100%;height:auto;"
	"border:1px solid #e4e4e4}figcaption{color:#444;font-size:13px;max-width:760px}"
	".swatch{display:inline-block;width:10px;height:10px;margin-right:5px;border-radius:2px}"
	".note{color:#555;font-size:13px}";

/* Copies the <svg ...>...</svg> element of PATH (gnuplot writes an XML prolog first). */
static int inline_svg(const char *path, struct strbuf *out, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	struct strbuf s = { 0 };
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf) - 1, f)) > 0) {
		buf[n] = '\0';
		sb_puts(&s, buf);
	}
	fclose(f);
	const char *start = strstr(sb_str(&s), "<svg");
	const char *end = start ? strstr(start, "</svg>") : NULL;
	int rc = 0;
	if (!end) {
		snprintf(err, errlen, "%s: no <svg> element", path);
		rc = -1;
	} else {
		sb_printf(out, "%.*s\n", (int)(end + 6 - start), start);
	}
	sb_free(&s);
	return rc;
}

int html_figure(struct strbuf *o, const struct figure *f, const char *label, const char *charts_dir,
		char *err, size_t errlen)
{
	sb_printf(o, "<figure id=\"fig-%s\">\n", f->name ? f->name : "none");
	if (f->rendered) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s.svg", charts_dir, f->name);
		if (inline_svg(path, o, err, errlen))
			return -1;
	}
	sb_printf(o, "<figcaption><b>%s. %s.</b> ", label, f->title ? f->title : "");
	html_text(o, f->caption);
	sb_puts(o, "</figcaption></figure>\n");
	return 0;
}

void html_section_table(struct strbuf *o, const char *title, const char *intro, struct table *t)
{
	if (title)
		sb_printf(o, "<h3>%s</h3>\n", title);
	if (intro) {
		sb_puts(o, "<p class=\"note\">");
		html_text(o, intro);
		sb_puts(o, "</p>\n");
	}
	table_html(t, "data", o);
	table_free(t);
}

static void strategies_legend(const struct analysis *a, struct strbuf *o)
{
	sb_puts(o, "<ul>\n");
	for (size_t i = 0; i < a->d.nseen; i++) {
		const struct strategy_look *l = strategy_look(a->d.seen[i]);
		sb_printf(o, "<li><span class=\"swatch\" style=\"background:%s\"></span><code>%s</code>: ",
			  l->color, a->d.seen[i]);
		html_text(o, l->summary);
		sb_puts(o, "</li>\n");
	}
	sb_puts(o, "</ul>\n");
}

int write_html(const struct analysis *a, const char *outdir, const char *charts_dir, char *err,
	       size_t errlen)
{
	struct strbuf o = { 0 }, concl = { 0 };
	struct table t;
	sb_printf(&o, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
		      "<title>s2bench: reinit strategies for rebooting Arm guests</title>\n"
		      "<style>%s</style></head><body>\n", css);
	sb_printf(&o, "<h1>s2bench: making host writes visible to a rebooting Arm guest</h1>\n"
		      "<p class=\"sub\">%zu runs, %zu boots from <code>", a->r.nruns, a->r.nboots);
	html_text(&o, a->r.dir);
	sb_puts(&o, "</code>. Costs are per warm reboot in ");
	sb_printf(&o, "%s.</p>\n<div class=\"question\"><b>Question.</b> ", a->unit);
	html_text(&o, REPORT_QUESTION);
	sb_puts(&o, "</div>\n");
	if (a->qemu) {
		sb_puts(&o, "<p class=\"caveat\"><b>Caveat.</b> ");
		html_text(&o, qemu_caveat(a));
		sb_puts(&o, "</p>\n");
	}

	if (a->pred && html_phase(a, &o, charts_dir, err, errlen)) {
		sb_free(&o), sb_free(&concl);
		return -1;
	}
	sb_puts(&o, "<h2>Answer</h2>\n<ul class=\"answer\">\n");
	conclusion_write(a, &concl);
	for (char *line = concl.s, *nl; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		*nl = '\0';
		sb_puts(&o, "<li>");
		html_text(&o, line);
		sb_puts(&o, "</li>\n");
	}
	sb_puts(&o, "</ul>\n");

	sb_puts(&o, "<h2>Machine</h2>\n");
	table_machine(a, &t);
	html_section_table(&o, NULL, NULL, &t);
	sb_puts(&o, "<h2>Strategies and configuration matrix</h2>\n");
	strategies_legend(a, &o);
	table_dims(a, &t);
	html_section_table(&o, NULL, NULL, &t);
	table_matrix(a, &t);
	struct strbuf intro = { 0 }, note = { 0 };
	table_matrix_note(a, &note);
	sb_printf(&intro, "Runs per strategy by status, and their warm boots (the measurements; the run is the unit of replication).%s%s",
		  note.len ? " " : "", sb_str(&note));
	html_section_table(&o, NULL, sb_str(&intro), &t);
	sb_free(&intro), sb_free(&note);

	sb_puts(&o, "<h2>Charts</h2>\n");
	for (int i = 0; i < NFIGURES; i++) {
		char label[32];
		if (a->fig[i].optional && !a->fig[i].rendered)
			continue;
		snprintf(label, sizeof(label), "Figure %d", i + 1);
		if (html_figure(&o, &a->fig[i], label, charts_dir, err, errlen)) {
			sb_free(&o), sb_free(&concl);
			return -1;
		}
	}
	if (a->pred && html_predictions(a, &o, charts_dir, err, errlen)) {
		sb_free(&o), sb_free(&concl);
		return -1;
	}

	sb_puts(&o, "<h2>Tables</h2>\n<p class=\"note\">Each cell: the median over runs with its "
		    "spread (exact, the runs' range, or a 95% bootstrap CI over runs); the cheapest "
		    "correct strategy of each row is bold. \"Runner-up costs\": ratio runner-up/"
		    "cheapest, exact or with its CI and the Mann–Whitney p-value over runs.</p>\n");
	struct titled_table tt[5 * MAX_BOARDS + 2];
	size_t ntt = result_tables(a, 1, tt, sizeof(tt) / sizeof(tt[0]));
	for (size_t i = 0; i < ntt; i++)
		html_section_table(&o, tt[i].title, sb_str(&tt[i].note), &tt[i].t);
	titled_tables_free(tt, ntt);
	if (a->r.nfaults) {
		table_fault_latency(a, &t);
		html_section_table(&o, "Per-fault cost (faults.csv)",
			      "Every traced fault of every traced run pooled: a description of the "
			      "distribution, not an inference (faults of one run are not independent).",
			      &t);
	}
	table_failures(a, 30, &t);
	if (table_rows(&t))
		html_section_table(&o, "Failures and refusals", NULL, &t);
	else
		table_free(&t);
	if (a->r.nunusable) {
		table_unusable(a, &t);
		html_section_table(&o, "Runs left out",
			      "These rows of runs.csv have no configuration (their log had no cfg "
			      "record), so they are in no table or chart of this report.", &t);
	}

	char boot_b[256];
	bootstrap_statement(boot_b, sizeof(boot_b));
	sb_printf(&o, "<h2>Method</h2>\n<p class=\"note\">Measurements are warm boots (index ≥ 1) of "
		      "runs with status ok or check_failed; boot 0 has no reinit. The unit of "
		      "replication is the run, not the boot: a strategy that keeps mappings carries "
		      "state from one boot to the next. A run is in steady state when its cost shows "
		      "no trend with the reboot index (Kendall |τ| &lt; %.1f or a change of less than "
		      "%.0f%% between the first and last third of its warm boots); it is then "
		      "summarised by the median of all its warm boots. Otherwise the cell is reported "
		      "at the last reboot index every run reached and at reboot 1, and charted against "
		      "the reboot index. A cell whose runs are bit-identical is exact: no CI and no "
		      "test over copies. Otherwise: with fewer than %d runs the runs' range is shown; "
		      "from %d, a percentile bootstrap CI of the median over runs (fixed seed: the "
		      "report is reproducible), marked \"too noisy\" when wider than %.0f%% of the "
		      "median. %s Differences: two-sided Mann–Whitney U over one value per run. A "
		      "crossover is bounded by the grid points either side of it; linear interpolation "
		      "between medians is shown as a guess inside that bracket. Each board is answered "
		      "on its own. A strategy with failed checks, or the negative control, is never "
		      "ranked. Machine-readable values: <code>summary.csv</code>; charts as PNG: "
		      "<code>charts/</code>.</p>\n</body></html>\n",
		  TREND_TAU, 100 * TREND_CHANGE, MIN_SAMPLES, MIN_SAMPLES, 100 * NOISY_REL_WIDTH,
		  boot_b);
	int rc = write_text_file(outdir, "report.html", sb_str(&o), err, errlen);
	sb_free(&o), sb_free(&concl);
	return rc;
}

int write_text_file(const char *dir, const char *name, const char *text, char *err, size_t errlen)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}
