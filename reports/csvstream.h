/* Reading a CSV file row by row through the harness's reader (harness/csvsplit.h), holding one
 * chunk of its bytes and one row of cells at a time: a boots.csv of 2 M rows is read without
 * keeping its bytes or a table of its cells (issue 20). */
#ifndef S2B_REPORTS_CSVSTREAM_H
#define S2B_REPORTS_CSVSTREAM_H

#include <stddef.h>

struct csv_row {
	const char *path;
	char *const *header; /* the first row's cells, for the whole read */
	size_t ncols;
	char *const *cells;  /* ncols cells, valid during the call only; short rows padded with "" */
	size_t row;          /* index among data rows (0 = the row after the header) */
};

struct csv_stream_cb {
	/* Called once with the header (cells == header, row 0). */
	int (*header)(const struct csv_row *r, void *ctx);
	/* Called for each data row; blank lines are skipped. */
	int (*row)(const struct csv_row *r, void *ctx);
};

/* Reads PATH, calling CB. A callback returns 0 to go on, or -1 having written ERR, which stops the
 * read. Returns 0, or -1 with a one-line message in ERR (an empty file has no header: an error). */
int csv_stream(const char *path, const struct csv_stream_cb *cb, void *ctx, char *err,
	       size_t errlen);

/* The column of NAME in R's header, or -1. */
int csv_row_col(const struct csv_row *r, const char *name);
/* Fills IDX[i] with the column of NAMES[i] (NULL-terminated) in R's header; -1 + ERR naming the
 * first one missing. */
int csv_row_require(const struct csv_row *r, const char *const *names, int *idx, char *err,
		    size_t errlen);

#endif
