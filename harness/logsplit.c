/* See logsplit.h. */
#include "logsplit.h"

#include "lavalog.h"

#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>

static void new_run(void *ctx, struct collector *c);

/* A memory stream only this thread writes: no stdio lock per character (parse's hot loop). */
static FILE *private_stream(char **buf, size_t *len)
{
	FILE *f = open_memstream(buf, len);
	if (f)
		__fsetlocking(f, FSETLOCKING_BYCALLER);
	return f;
}

static int open_rows(struct logsplit *ls)
{
	for (int t = TAB_BOOTS; t <= TAB_METRICS; t++) {
		ls->rows[t] = private_stream(&ls->buf[t], &ls->len[t]);
		if (!ls->rows[t])
			return -1;
	}
	ls->raw_cap = 4096; /* never NULL, even for a run without lines */
	ls->raw_buf = malloc(ls->raw_cap);
	return ls->raw_buf ? 0 : -1;
}

/* The next run reuses the streams and their buffers: rewound, not reopened. */
static void start_run(struct logsplit *ls)
{
	for (int t = TAB_BOOTS; t <= TAB_METRICS; t++) {
		rewind(ls->rows[t]);
		ls->len[t] = 0;
	}
	ls->raw_len = 0;
	collector_init(&ls->col, "", ls->rows[TAB_BOOTS], ls->rows[TAB_FAULTS],
		       ls->rows[TAB_METRICS]);
	ls->col.new_run = new_run;
	ls->col.ctx = ls;
}

static void close_rows(struct logsplit *ls)
{
	for (int t = TAB_BOOTS; t <= TAB_METRICS; t++) {
		if (ls->rows[t])
			fclose(ls->rows[t]);
		free(ls->buf[t]);
		ls->rows[t] = NULL;
		ls->buf[t] = NULL;
		ls->len[t] = 0;
	}
	free(ls->raw_buf);
	ls->raw_buf = NULL;
	ls->raw_len = ls->raw_cap = 0;
}

/* Hands the run over. A memory stream's length is its position at the flush (glibc), so after
 * a rewind the lengths count this run's bytes only. */
static void finish_run(struct logsplit *ls)
{
	for (int t = TAB_BOOTS; t <= TAB_METRICS; t++)
		if (fflush(ls->rows[t]))
			abort(); /* out of memory */
	ls->ordinal++;
	ls->on_run(ls->ctx, ls);
}

static void new_run(void *ctx, struct collector *c)
{
	struct logsplit *ls = ctx;

	(void)c;
	finish_run(ls);
	start_run(ls);
}

int logsplit_begin(struct logsplit *ls, void (*on_run)(void *, struct logsplit *), void *ctx)
{
	memset(ls, 0, sizeof(*ls));
	ls->on_run = on_run;
	ls->ctx = ctx;
	if (open_rows(ls)) {
		close_rows(ls);
		return -1;
	}
	start_run(ls);
	return 0;
}

/* Appends N bytes and a newline to the buffer *BUF (*LEN bytes used of *CAP): the run's raw
 * lines and its tail are plain buffers, not memory streams (a stdio call a line was too much). */
static void put_line(char **buf, size_t *len, size_t *cap, const char *line, size_t n)
{
	if (*len + n + 1 > *cap) {
		*cap = 2 * (*len + n + 1);
		*buf = realloc(*buf, *cap);
		if (!*buf)
			abort(); /* out of memory */
	}
	memcpy(*buf + *len, line, n);
	(*buf)[*len + n] = '\n';
	*len += n + 1;
}

static void flush_tail(struct logsplit *ls)
{
	if (!ls->tail_len)
		return;
	/* the tail is whole lines: put as one, its last newline included */
	put_line(&ls->raw_buf, &ls->raw_len, &ls->raw_cap, ls->tail, ls->tail_len - 1);
	ls->tail_len = 0;
}

static void on_line(void *ctx, char *line, size_t len)
{
	struct logsplit *ls = ctx;
	unsigned run = ls->ordinal;
	int after_done = ls->col.sum.have_done;
	size_t raw_len = len, at = ls->raw_len;

	/* The line as read (the parser writes NULs into LINE) is put after the run's raw lines
	 * first, and counted in once its place is known: one copy a line, not two. */
	put_line(&ls->raw_buf, &ls->raw_len, &ls->raw_cap, line, len);
	ls->raw_len = at;
	/* LAVA job logs wrap each console line; dispatcher chatter is noise like any other */
	if ((line[0] == '{' || line[0] == '-') && lava_unwrap(line, &len) == LAVA_OTHER)
		(ls->col.sum.have_done ? &ls->col.sum.after_done : &ls->col.sum.lines)->noise++;
	else
		collector_line(&ls->col, line, len); /* may finish this run and start the next */
	if (ls->ordinal != run) { /* this line started a run: what followed the last done is its */
		memcpy(ls->line, ls->raw_buf + at, raw_len); /* the tail goes where the line was */
		flush_tail(ls);
		put_line(&ls->raw_buf, &ls->raw_len, &ls->raw_cap, ls->line, raw_len);
	} else if (after_done) {
		put_line(&ls->tail, &ls->tail_len, &ls->tail_cap, ls->raw_buf + at, raw_len);
	} else {
		ls->raw_len = at + raw_len + 1;
	}
}

void logsplit_feed(struct logsplit *ls, const char *data, size_t len)
{
	linebuf_feed(&ls->lb, data, len, on_line, ls);
}

void logsplit_end(struct logsplit *ls)
{
	linebuf_finish(&ls->lb, on_line, ls);
	flush_tail(ls);
	finish_run(ls);
	close_rows(ls);
	free(ls->tail);
	ls->tail = NULL;
	ls->tail_cap = 0;
}

struct first_digest {
	int found;
	uint64_t digest;
};

static void take_digest(void *ctx, struct logsplit *ls)
{
	struct first_digest *d = ctx;
	if (!d->found && ls->col.sum.records) {
		d->found = 1;
		d->digest = ls->col.sum.digest;
	}
}

int logsplit_digest_stream(FILE *f, uint64_t *digest)
{
	struct logsplit *ls = malloc(sizeof(*ls));
	struct first_digest d = { 0, 0 };
	char chunk[8192];
	size_t n;

	if (!ls || logsplit_begin(ls, take_digest, &d)) {
		free(ls);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		logsplit_feed(ls, chunk, n);
	int bad = ferror(f);
	logsplit_end(ls);
	free(ls);
	*digest = d.digest;
	return bad || !d.found ? -1 : 0;
}

void logsplit_copy_rows(const char *rows, size_t len, const char *run_id, FILE *out)
{
	/* the rows are put together in CHUNK and written a chunk at a time: two fwrites a row were
	 * a twentieth of parse's time */
	char chunk[8192];
	size_t used = 0, id_len = strlen(run_id);
	const char *end = rows + len;

	while (rows < end) {
		const char *nl = memchr(rows, '\n', (size_t)(end - rows));
		size_t n = nl ? (size_t)(nl - rows) + 1 : (size_t)(end - rows);
		if (used + id_len + n > sizeof(chunk)) {
			fwrite(chunk, 1, used, out);
			used = 0;
		}
		if (id_len + n > sizeof(chunk)) { /* a row longer than the chunk: as it is */
			fwrite(run_id, 1, id_len, out);
			fwrite(rows, 1, n, out);
		} else {
			memcpy(chunk + used, run_id, id_len);
			memcpy(chunk + used + id_len, rows, n);
			used += id_len + n;
		}
		rows += n;
	}
	fwrite(chunk, 1, used, out);
}
