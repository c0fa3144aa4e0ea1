/* Writers of the report's documents from an analysis whose figures are rendered. */
#ifndef S2B_REPORTS_RENDER_H
#define S2B_REPORTS_RENDER_H

#include "analysis.h"
#include "table.h"

/* OUTDIR/report.html: one self-contained page, charts inlined from CHARTS_DIR/NAME.svg. */
int write_html(const struct analysis *a, const char *outdir, const char *charts_dir, char *err,
	       size_t errlen);
/* OUTDIR/report.md: the summary for a mailing-list post; charts referenced as PNGs. */
int write_markdown(const struct analysis *a, const char *outdir, char *err, size_t errlen);
/* OUTDIR/summary.csv: every (config, strategy, measure) median and CI, machine-readable. */
int write_summary_csv(const struct analysis *a, const char *outdir, char *err, size_t errlen);
/* One <figure>: its SVG inlined from CHARTS_DIR when rendered, "LABEL. Title." and its caption. */
int html_figure(struct strbuf *o, const struct figure *f, const char *label, const char *charts_dir,
		char *err, size_t errlen);
/* An optional <h3> TITLE and note INTRO, then the table, which is freed. */
void html_section_table(struct strbuf *o, const char *title, const char *intro, struct table *t);
/* The --profile parts (predict_render.c): the phase diagram for the top of the page, the
 * predicted-time section after the charts, and both for report.md. */
int html_phase(const struct analysis *a, struct strbuf *o, const char *charts_dir, char *err, size_t errlen);
int html_predictions(const struct analysis *a, struct strbuf *o, const char *charts_dir, char *err,
		     size_t errlen);
void markdown_phase(const struct analysis *a, struct strbuf *o);
void markdown_predictions(const struct analysis *a, struct strbuf *o);
/* Writes TEXT to DIR/NAME. */
int write_text_file(const char *dir, const char *name, const char *text, char *err, size_t errlen);

#define REPORT_QUESTION                                                                       \
	"When an Arm VM reboots, the host has rewritten guest memory through cacheable mappings " \
	"while the guest restarts with its MMU and caches off. What is the cheapest way to make " \
	"those writes visible: unmap all of stage 2 and clean at fault time (KVM without " \
	"FEAT_S2FWB), eagerly clean every mapped page at reset, track dirty pages, or - with " \
	"FEAT_S2FWB - only invalidate the I-cache? And where does the answer change?"

#endif
