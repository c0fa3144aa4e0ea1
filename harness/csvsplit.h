/* The one libcsv reader of the result tables: splits a buffer into records, each with its exact
 * bytes. The harness decides what to keep of a table with it (tablerepair.c) and reports/ loads
 * tables with it (csvtable.c), so both see the same records in the same CSV. */
#ifndef S2B_HARNESS_CSVSPLIT_H
#define S2B_HARNESS_CSVSPLIT_H

#include <stddef.h>

struct csv_record {
	size_t off, len; /* bytes of the buffer, end of record (and blank lines after it) included */
	unsigned line;   /* 1 + newlines before it */
	int terminated;  /* ended by CR/LF (0: the last record runs to the end of the buffer) */
	int row;         /* libcsv ended a row here (0: the unterminated tail held no field) */
};

struct csv_split_cb {
	void (*field)(void *s, size_t len, void *ctx);            /* libcsv's field callback */
	int (*record)(const struct csv_record *r, void *ctx);      /* nonzero stops the split */
};

/* Splits BUF with libcsv OPTIONS, calling cb->field for each field and cb->record at the end of
 * each record. Returns 0; 1 when cb->record stopped it; or -1 when libcsv fails, with *CSV_ERR its
 * error (for csv_strerror) and *ERR_LINE the line of the failure. */
int csv_split(const char *buf, size_t len, unsigned char options, const struct csv_split_cb *cb,
	      void *ctx, int *csv_err, unsigned *err_line);

#endif
