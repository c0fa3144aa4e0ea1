/* report.md: the same answer as the page, as text a mailing list can take. */
#include "render.h"

#include "bootstrap.h"
#include "conclusion.h"
#include "tables.h"

#include <string.h>

static void wrapped(struct strbuf *o, const char *prefix, const char *text, size_t width)
{
	/* Greedy wrap at spaces; mail readers do not reflow. */
	size_t col = 0;
	const char *p = text;
	sb_puts(o, prefix);
	col = strlen(prefix);
	while (*p) {
		size_t w = strcspn(p, " ");
		if (col > strlen(prefix) && col + 1 + w > width) {
			sb_printf(o, "\n%*s", (int)strlen(prefix), "");
			col = strlen(prefix);
		} else if (col > strlen(prefix)) {
			sb_puts(o, " ");
			col++;
		}
		sb_printf(o, "%.*s", (int)w, p);
		col += w;
		p += w;
		while (*p == ' ')
			p++;
	}
	sb_puts(o, "\n");
}

static void md_table(struct strbuf *o, const char *title, struct table *t)
{
	sb_printf(o, "\n### %s\n\n", title);
	table_markdown(t, o);
	table_free(t);
}

int write_markdown(const struct analysis *a, const char *outdir, char *err, size_t errlen)
{
	struct strbuf o = { 0 }, concl = { 0 };
	struct table t;
	sb_puts(&o, "# s2bench: making host writes visible to a rebooting Arm guest\n\n");
	wrapped(&o, "", REPORT_QUESTION, 78);
	if (a->qemu) {
		sb_puts(&o, "\n");
		wrapped(&o, "> ", qemu_caveat(a), 78);
	}
	if (a->pred)
		markdown_phase(a, &o);
	sb_puts(&o, "\n## Answer\n\n");
	conclusion_write(a, &concl);
	for (char *line = concl.s, *nl; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		*nl = '\0';
		wrapped(&o, "- ", line, 78);
	}
	sb_puts(&o, "\n## Machine\n\n");
	table_machine(a, &t);
	table_markdown(&t, &o);
	table_free(&t);
	sb_printf(&o, "\nCosts are %s per warm reboot: median over runs with its spread (exact, "
		      "the runs' range, or ± half-width of the 95%% bootstrap CI over runs); **bold** "
		      "= cheapest correct strategy.\n", a->unit);
	char boot_b[256];
	bootstrap_statement(boot_b, sizeof(boot_b));
	wrapped(&o, "", boot_b, 78);
	struct titled_table tt[5 * MAX_BOARDS + 2];
	size_t ntt = result_tables(a, 0, tt, sizeof(tt) / sizeof(tt[0]));
	for (size_t i = 0; i < ntt; i++) {
		sb_printf(&o, "\n### %s\n\n", tt[i].title);
		if (tt[i].note.len)
			wrapped(&o, "", sb_str(&tt[i].note), 78), sb_puts(&o, "\n");
		table_markdown(&tt[i].t, &o);
	}
	titled_tables_free(tt, ntt);
	struct strbuf note = { 0 };
	if (table_matrix_note(a, &note)) { /* report.html always has it; the mail, when it matters */
		table_matrix(a, &t);
		md_table(&o, "Runs by status", &t);
		sb_puts(&o, "\n"), wrapped(&o, "", sb_str(&note), 78);
	}
	sb_free(&note);
	table_failures(a, 30, &t); /* the Answer sends readers here: "listed under Failures" */
	if (table_rows(&t))
		md_table(&o, "Failures and refusals", &t);
	else
		table_free(&t);
	if (a->r.nunusable) {
		table_unusable(a, &t);
		md_table(&o, "Runs left out", &t);
	}
	sb_puts(&o, "\n## Charts\n\n");
	for (int i = 0; i < NFIGURES; i++)
		if (a->fig[i].rendered)
			sb_printf(&o, "- %s: charts/%s.png\n", a->fig[i].title, a->fig[i].name);
	if (a->pred)
		markdown_predictions(a, &o);
	sb_puts(&o, "\nFull report with every table: report.html (self-contained).\n");
	int rc = write_text_file(outdir, "report.md", sb_str(&o), err, errlen);
	sb_free(&o), sb_free(&concl);
	return rc;
}
