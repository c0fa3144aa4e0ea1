/* The --profile sections of report.html and report.md (predict.h): the phase diagram at the
 * top, and per profile the predicted-time table and chart beside the path-length charts. Every
 * heading says "model, not measured". */
#include "predict.h"
#include "render.h"

#include <stdio.h>
#include <string.h>

static const char phase_heading[] = "Which strategy is cheapest on which CPU (model, not measured)";
static const char predicted_heading[] = "Predicted time per reboot (model, not measured)";

/* Each profile on the diagram in words, then those not placed. */
static void placement(const struct predictions *pr, struct strbuf *o, const char *item)
{
	for (size_t i = 0; i < pr->nplaced; i++)
		sb_printf(o, "%splaced: %s\n", item, pr->placed[i]);
	for (size_t i = 0; i < pr->nnot_placed; i++)
		sb_printf(o, "%snot placed: %s\n", item, pr->not_placed[i]);
}

int html_phase(const struct analysis *a, struct strbuf *o, const char *charts_dir, char *err, size_t errlen)
{
	const struct predictions *pr = a->pred;
	struct strbuf np = {0};

	sb_printf(o, "<h2>%s</h2>\n", phase_heading);
	if (html_figure(o, &pr->phase, "Phase diagram", charts_dir, err, errlen))
		return -1;
	placement(pr, &np, "");
	if (np.len) {
		sb_puts(o, "<ul class=\"note\" id=\"placement\">\n");
		for (char *line = np.s, *nl; line && *line; line = nl + 1) {
			nl = strchr(line, '\n');
			*nl = '\0';
			sb_puts(o, "<li>");
			html_text(o, line);
			sb_puts(o, "</li>\n");
		}
		sb_puts(o, "</ul>\n");
	}
	sb_free(&np);
	return 0;
}

int html_predictions(const struct analysis *a, struct strbuf *o, const char *charts_dir, char *err,
		     size_t errlen)
{
	const struct predictions *pr = a->pred;

	sb_printf(o, "<h2 id=\"predicted\">%s</h2>\n<p class=\"caveat\">", predicted_heading);
	html_text(o, predictions_note);
	sb_puts(o, "</p>\n");
	for (size_t k = 0; k < pr->np; k++) {
		const struct profile_prediction *pp = &pr->p[k];
		struct table t;
		char title[600], label[48];

		snprintf(title, sizeof(title), "%s (%s): predicted, not measured", pp->prof.name, pp->path);
		predictions_table(a, pp, &t);
		html_section_table(o, title, pp->prof.cpu, &t);
		snprintf(label, sizeof(label), "Prediction %zu", k + 1);
		if (html_figure(o, &pp->fig, label, charts_dir, err, errlen))
			return -1;
	}
	return 0;
}

void markdown_phase(const struct analysis *a, struct strbuf *o)
{
	const struct predictions *pr = a->pred;

	sb_printf(o, "\n## %s\n\n", phase_heading);
	if (pr->phase.rendered)
		sb_printf(o, "Phase diagram: charts/%s.png\n\n", pr->phase.name);
	sb_printf(o, "%s\n", pr->phase.caption);
	if (pr->nnot_placed || pr->nplaced)
		sb_puts(o, "\n");
	placement(pr, o, "- ");
}

void markdown_predictions(const struct analysis *a, struct strbuf *o)
{
	const struct predictions *pr = a->pred;

	sb_printf(o, "\n## %s\n\n%s\n", predicted_heading, predictions_note);
	for (size_t k = 0; k < pr->np; k++) {
		const struct profile_prediction *pp = &pr->p[k];
		struct table t;

		sb_printf(o, "\n### %s (%s): predicted, not measured\n\n", pp->prof.name, pp->path);
		predictions_table(a, pp, &t);
		table_markdown(&t, o);
		table_free(&t);
		if (pp->fig.rendered)
			sb_printf(o, "\n- %s: charts/%s.png\n", pp->fig.title, pp->fig.name);
		else
			sb_printf(o, "\n%s\n", pp->fig.caption);
	}
}
