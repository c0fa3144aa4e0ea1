/* See logsplit.h. */
#include "logsplit.h"

#include "lavalog.h"

#include <stdlib.h>
#include <string.h>

static void new_run(void *ctx, struct collector *c);

static int open_rows(struct logsplit *ls)
{
	for (int t = TAB_BOOTS; t <= TAB_METRICS; t++) {
		ls->rows[t] = open_memstream(&ls->buf[t], &ls->len[t]);
		if (!ls->rows[t])
			return -1;
	}
	collector_init(&ls->col, "", ls->rows[TAB_BOOTS], ls->rows[TAB_FAULTS],
		       ls->rows[TAB_METRICS]);
	ls->col.new_run = new_run;
	ls->col.ctx = ls;
	return 0;
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
}

static void finish_run(struct logsplit *ls)
{
	for (int t = TAB_BOOTS; t <= TAB_METRICS; t++)
		if (fflush(ls->rows[t]))
			abort(); /* out of memory */
	ls->ordinal++;
	ls->on_run(ls->ctx, ls);
	close_rows(ls);
}

static void new_run(void *ctx, struct collector *c)
{
	struct logsplit *ls = ctx;

	(void)c;
	finish_run(ls);
	if (open_rows(ls))
		abort();
}

int logsplit_begin(struct logsplit *ls, void (*on_run)(void *, struct logsplit *), void *ctx)
{
	memset(ls, 0, sizeof(*ls));
	ls->on_run = on_run;
	ls->ctx = ctx;
	return open_rows(ls);
}

static void on_line(void *ctx, char *line, size_t len)
{
	struct logsplit *ls = ctx;

	/* LAVA job logs wrap each console line; dispatcher chatter is noise like any other */
	if ((line[0] == '{' || line[0] == '-') && lava_unwrap(line, &len) == LAVA_OTHER) {
		ls->col.sum.noise++;
		return;
	}
	collector_line(&ls->col, line, len);
}

void logsplit_feed(struct logsplit *ls, const char *data, size_t len)
{
	linebuf_feed(&ls->lb, data, len, on_line, ls);
}

void logsplit_end(struct logsplit *ls)
{
	linebuf_finish(&ls->lb, on_line, ls);
	finish_run(ls);
}

void logsplit_copy_rows(const char *rows, size_t len, const char *run_id, FILE *out)
{
	const char *end = rows + len;

	while (rows < end) {
		const char *nl = memchr(rows, '\n', (size_t)(end - rows));
		size_t n = nl ? (size_t)(nl - rows) + 1 : (size_t)(end - rows);
		fputs(run_id, out);
		fwrite(rows, 1, n, out);
		rows += n;
	}
}
