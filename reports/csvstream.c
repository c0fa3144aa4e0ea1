/* Row-by-row CSV reading (see csvstream.h). The file is read in chunks; each chunk goes through
 * csv_split, which hands over whole records only. The last record of a chunk may be cut (even
 * inside a quoted cell): csv_split reports it as unterminated, and its bytes are carried over to
 * the front of the next chunk and split again, so every record is seen whole, exactly once. */
#include "csvstream.h"

#include "../harness/csvsplit.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (1u << 20) /* grows only for a record longer than this */

static char empty_cell[1]; /* every absent cell */

struct streamer {
	const struct csv_stream_cb *cb;
	void *ctx;
	char *err;
	size_t errlen;
	int final;        /* this split holds the end of the file: no record is cut */
	size_t carry;     /* offset of the cut record when the split stopped there */
	int stopped, oom; /* a callback said -1; out of memory */
	/* the record being split: its cells' bytes (NUL-terminated) and where each starts */
	char *bytes;
	size_t nbytes, capbytes;
	size_t *offs;
	size_t ncur, capcur;
	char **ptrs; /* the cells handed to callbacks (ncols of them, or ncur for the header) */
	size_t capptrs;
	struct csv_row r;
	char *header_bytes;
};

static int grow(void **p, size_t *cap, size_t want, size_t size, int *oom)
{
	if (want <= *cap)
		return 0;
	size_t n = *cap ? *cap : 32;
	while (n < want)
		n *= 2;
	void *q = realloc(*p, n * size);
	if (!q) {
		*oom = 1;
		return -1;
	}
	*p = q, *cap = n;
	return 0;
}

static void on_field(void *s, size_t len, void *data)
{
	struct streamer *st = data;
	if (grow((void **)&st->offs, &st->capcur, st->ncur + 1, sizeof(*st->offs), &st->oom) ||
	    grow((void **)&st->bytes, &st->capbytes, st->nbytes + len + 1, 1, &st->oom))
		return;
	st->offs[st->ncur++] = st->nbytes;
	memcpy(st->bytes + st->nbytes, s, len);
	st->bytes[st->nbytes + len] = '\0';
	st->nbytes += len + 1;
}

/* The header's cells outlive the record: copied once. */
static int keep_header(struct streamer *st, size_t n, size_t nbytes)
{
	st->header_bytes = malloc(nbytes + 1);
	if (!st->header_bytes || grow((void **)&st->ptrs, &st->capptrs, n + 1, sizeof(char *),
				      &st->oom)) {
		st->oom = 1;
		return -1;
	}
	memcpy(st->header_bytes, st->bytes, nbytes);
	char **h = malloc((n + 1) * sizeof(*h));
	if (!h) {
		st->oom = 1;
		return -1;
	}
	for (size_t j = 0; j < n; j++)
		h[j] = st->header_bytes + st->offs[j];
	st->r.header = h, st->r.ncols = n, st->r.cells = h, st->r.row = 0;
	return st->cb->header ? st->cb->header(&st->r, st->ctx) : 0;
}

static int on_record(const struct csv_record *rec, void *data)
{
	struct streamer *st = data;
	size_t n = st->ncur, nbytes = st->nbytes;
	st->ncur = 0, st->nbytes = 0; /* the scratch is reused by the next record */
	if (!rec->terminated && !st->final) {
		st->carry = rec->off; /* cut by the chunk's end: split again with the next chunk */
		return 1;
	}
	if (st->oom || !rec->row) /* an unterminated tail with no field: not a row */
		return st->oom;
	if (!st->r.header) {
		if (keep_header(st, n, nbytes)) {
			st->stopped = !st->oom;
			return 1;
		}
		return 0;
	}
	if (n == 1 && st->bytes[st->offs[0]] == '\0' && st->r.ncols > 1) /* blank line */
		return 0;
	/* a missing trailing cell is an absent value; cells beyond the header have no name */
	for (size_t j = 0; j < st->r.ncols; j++)
		st->ptrs[j] = j < n ? st->bytes + st->offs[j] : empty_cell;
	st->r.cells = st->ptrs;
	if (st->cb->row(&st->r, st->ctx)) {
		st->stopped = 1;
		return 1;
	}
	st->r.row++;
	return 0;
}

/* Fills BUF[*HAVE..cap) from F; 0 at the end of the file, -1 on a read error. */
static int fill(FILE *f, char *buf, size_t cap, size_t *have)
{
	size_t got = fread(buf + *have, 1, cap - *have, f);
	*have += got;
	return ferror(f) ? -1 : got > 0;
}

int csv_stream(const char *path, const struct csv_stream_cb *cb, void *ctx, char *err,
	       size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	struct streamer st = { .cb = cb, .ctx = ctx, .err = err, .errlen = errlen };
	st.r.path = path;
	size_t cap = CHUNK, have = 0;
	char *buf = malloc(cap);
	int csv_err = 0, ioerr = 0, splitbad = 0;
	while (buf && !st.stopped && !st.oom) {
		if (have == cap) { /* one record fills the chunk: make room for more of it */
			char *b = realloc(buf, cap * 2);
			if (!b) {
				st.oom = 1;
				break;
			}
			buf = b, cap *= 2;
		}
		int more = fill(f, buf, cap, &have);
		if (more < 0) {
			ioerr = 1;
			break;
		}
		st.final = !more || have < cap;
		st.carry = have;
		unsigned line;
		static const struct csv_split_cb split_cb = { on_field, on_record };
		if (csv_split(buf, have, 0, &split_cb, &st, &csv_err, &line) < 0) {
			splitbad = 1;
			break;
		}
		if (st.final)
			break;
		memmove(buf, buf + st.carry, have - st.carry);
		have -= st.carry;
	}
	fclose(f);
	int rc = 0;
	if (!buf || st.oom || ioerr || splitbad) {
		snprintf(err, errlen, "%s: %s", path,
			 ioerr ? "read error" : splitbad ? csv_strerror(csv_err) : "out of memory");
		rc = -1;
	} else if (st.stopped) {
		rc = -1;
	} else if (!st.r.header) {
		snprintf(err, errlen, "%s: empty file (no header row)", path);
		rc = -1;
	}
	free(buf);
	free(st.bytes);
	free(st.offs);
	free(st.ptrs);
	free((void *)st.r.header);
	free(st.header_bytes);
	return rc;
}

int csv_row_col(const struct csv_row *r, const char *name)
{
	for (size_t j = 0; j < r->ncols; j++)
		if (strcmp(r->header[j], name) == 0)
			return (int)j;
	return -1;
}

int csv_row_require(const struct csv_row *r, const char *const *names, int *idx, char *err,
		    size_t errlen)
{
	for (size_t i = 0; names[i]; i++) {
		idx[i] = csv_row_col(r, names[i]);
		if (idx[i] < 0) {
			snprintf(err, errlen, "%s: missing column '%s'", r->path, names[i]);
			return -1;
		}
	}
	return 0;
}
