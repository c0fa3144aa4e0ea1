/* Entry points of the report commands, linked into build/s2bench by harness/. */
#ifndef S2B_REPORTS_REPORT_H
#define S2B_REPORTS_REPORT_H

/* s2bench report DIR [--out OUTDIR] [--profile P ...]: charts + HTML + Markdown from DIR's CSVs, with
 * predicted times and the phase diagram per profile. Returns exit code. */
int s2b_cmd_report(int argc, char **argv);
/* s2bench compare A B: benchstat-like comparison of two result dirs (or two strategies). */
int s2b_cmd_compare(int argc, char **argv);

#endif
