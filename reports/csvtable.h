/* A CSV file loaded whole into memory with libcsv: a header row and rows of string cells. */
#ifndef S2B_REPORTS_CSVTABLE_H
#define S2B_REPORTS_CSVTABLE_H

#include <stddef.h>

struct csv_table {
	char *path;
	size_t ncols;
	char **header;
	size_t nrows;
	char ***rows; /* rows[i][j]; short rows are padded with "" (an absent cell) */
	struct csv_arena *arena; /* every cell and row array: one malloc per block, not per cell */
};

/* Loads PATH. Returns 0, or -1 with a one-line message in ERR. */
int csv_table_load(const char *path, struct csv_table *t, char *err, size_t errlen);
/* Index of the column named NAME, or -1. */
int csv_table_col(const struct csv_table *t, const char *name);
/* Fills IDX[i] with the index of NAMES[i] (NULL-terminated list); -1 + ERR if one is missing. */
int csv_table_require(const struct csv_table *t, const char *const *names, int *idx, char *err,
		      size_t errlen);
void csv_table_free(struct csv_table *t);

#endif
