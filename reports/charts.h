/* gnuplot driver: writes NAME.gp + NAME.dat into a directory, runs gnuplot there, and gets
 * NAME.svg (inlined in the HTML page) and NAME.png (for docs and mail). */
#ifndef S2B_REPORTS_CHARTS_H
#define S2B_REPORTS_CHARTS_H

#include <stddef.h>

/* STYLE_MARKERS: open markers with error bars and no line, for values of another kind than the
 * lines beside them (a model's predictions among measurements). */
enum series_style { STYLE_ERRORLINES, STYLE_LINES, STYLE_STEPS, STYLE_MARKERS };

struct series {
	const char *name, *color;
	enum series_style style;
	int dashed;
	size_t n;
	const double *x, *y, *lo, *hi; /* lo/hi only for STYLE_ERRORLINES and STYLE_MARKERS */
};

struct chart {
	const char *name; /* file base name */
	const char *title, *xlabel, *ylabel;
	int logx, logy;   /* logx is base 2 (sizes, fractions), logy base 10 */
	double mark_x, mark_lo, mark_hi; /* a vertical marker with a shaded interval; NAN = none */
	const char *mark_label;
	const char *yformat; /* gnuplot format of y tick labels; NULL: SI prefixes (1.5M) */
};

/* One box per strategy; whiskers span min..max. */
struct box {
	const char *name, *color;
	size_t n;
	double min, q1, med, q3, max;
};

/* A coloured region made of rectangles: BOX holds n × {xlo, xhi, ylo, yhi}. */
struct region {
	const char *name, *color;
	size_t n;
	const double *box;
};

/* A horizontal line at y across the plot, shaded from lo to hi (NAN: no band), labelled. */
struct hline {
	const char *name;
	double y, lo, hi;
};

/* Return 0, or -1 with a one-line message in ERR (gnuplot missing or failing). */
int chart_lines(const char *dir, const struct chart *c, const struct series *s, size_t ns,
		char *err, size_t errlen);
/* Regions, then LINES (STYLE_LINES, each labelled at its middle point) over them, then the
 * horizontal lines; the axes span [xlo, xhi] × [ylo, yhi]. */
int chart_regions(const char *dir, const struct chart *c, const double range[4], const struct region *rg,
		  size_t nr, const struct series *lines, size_t nl, const struct hline *h, size_t nh,
		  char *err, size_t errlen);
int chart_boxes(const char *dir, const struct chart *c, const struct box *b, size_t nb,
		char *err, size_t errlen);

#endif
