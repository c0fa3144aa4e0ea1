/* `s2bench report DIR --profile P...`: each profile's predicted time per reboot for every cell
 * (strategy × configuration) of the result directory, from the cell's median counts through the
 * cost model (cost_model.h), its chart, and the phase diagram (phase_figure.c). Predictions, never
 * measurements: every output says so. */
#ifndef S2B_REPORTS_PREDICT_H
#define S2B_REPORTS_PREDICT_H

#include "analysis.h"
#include "cost_model.h"
#include "table.h"

#define MAX_PROFILES 8

struct cell_prediction {
	struct group *g;
	struct cost_counts counts; /* medians over the cell's warm boots */
	int rc;                    /* cost_model_predict()'s: 0 complete, 1 partial, -1 none */
	struct cost_interval iv;
	char why[256];             /* partial: what is missing; -1: why there is no prediction */
};

struct profile_prediction {
	char path[512];
	struct profile prof;
	struct cell_prediction *cell; /* one per dataset group, in its order */
	size_t ncell;
	struct figure fig;
};

struct predictions {
	size_t np;
	struct profile_prediction p[MAX_PROFILES];
	struct figure phase;
	char phase_counts[400];  /* which counts the diagram was computed from */
	char not_placed[MAX_PROFILES][160]; /* "NAME lacks s2_fault" per profile not drawn */
	size_t nnot_placed;
	char placed[MAX_PROFILES][400]; /* "NAME at ratio R: cheapest A up to X %, ..." per profile drawn */
	size_t nplaced;
	int have_paths;     /* --paths: every profile's path lengths come from this one */
	struct profile paths;
	char paths_file[512];
};

/* Reads the profile ARG: a path, or a name in profiles/ ("neoverse-n1"). 0, or -1 with the
 * parser's "FILE:LINE: why" (or why the file cannot be read) in ERR. */
int predictions_add_profile(struct predictions *pr, const char *arg, char *err, size_t errlen);
/* --paths ARG: the profile whose path lengths every prediction takes (docs/model.md); without
 * it, each profile's own. 0, or -1 + ERR as predictions_add_profile(). */
int predictions_set_paths(struct predictions *pr, const char *arg, char *err, size_t errlen);
/* Every cell of A under every profile. */
void predictions_compute(struct predictions *pr, const struct analysis *a);
/* The per-profile charts and the phase diagram into CHARTS_DIR. 0, or -1 + ERR. */
int predictions_render(struct predictions *pr, const struct analysis *a, const char *charts_dir,
		       char *err, size_t errlen);
void predictions_free(struct predictions *pr);

/* C's predicted time per reboot, "1.23 ms", or "≥ 1.23 ms" when partial, into BUF; NULL when
 * there is none or the profile priced nothing of it. */
const char *prediction_text(const struct cell_prediction *c, char *buf, size_t len);
/* C's prediction may be drawn: priced but for, at most, the other instructions (a partial value
 * missing a maintenance or fault term would be drawn as if it were the whole). */
int prediction_chartable(const struct cell_prediction *c);
/* One row per cell: configuration, strategy, predicted ns (mid, lo–hi) and what is missing. */
void predictions_table(const struct analysis *a, const struct profile_prediction *pp, struct table *t);
/* What every prediction table says about the model, for both documents. */
extern const char predictions_note[];

/* The phase diagram (phase_figure.c): computed from A's frac sweep, each profile of PR placed
 * at its ratio or listed as not placed. 0, or -1 + ERR (gnuplot failed). */
int phase_figure_render(struct predictions *pr, const struct analysis *a, const char *charts_dir,
			char *err, size_t errlen);

#endif
