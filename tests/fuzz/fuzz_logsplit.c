/* libFuzzer target for the record parser with run delimiting: a whole log through logsplit (the
 * code `parse` uses, minus the store). Checks what the rules promise: a row for every accepted
 * record of its kind, boot indices going up within a run, a status for every run. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "logsplit.h"

static size_t count_lines(const char *buf, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += buf[i] == '\n';
	return n;
}

struct first {
	int runs;
	unsigned records;
	uint64_t digest;
};

static void on_reparsed(void *ctx, struct logsplit *ls)
{
	struct first *f = ctx;
	if (ls->col.sum.records && !f->runs++) {
		f->records = ls->col.sum.records;
		f->digest = ls->col.sum.digest;
	}
}

/* parse names a run by re-reading the log it wrote (DIR/logs/RUN_ID.log): that log must give
 * back the same run, alone. */
static void check_reparse(const struct logsplit *ls)
{
	static struct logsplit again;
	struct first f = { 0, 0, 0 };

	if (logsplit_begin(&again, on_reparsed, &f))
		abort();
	logsplit_feed(&again, ls->raw_buf, ls->raw_len);
	logsplit_end(&again);
	if (f.runs != 1 || f.records != ls->col.sum.records || f.digest != ls->col.sum.digest)
		abort();
}

/* Boot rows start ",<idx>," (run_id left empty): indices go up, below cfg boots=. */
static void check_boot_rows(const struct logsplit *ls)
{
	const struct run_summary *s = &ls->col.sum;
	const char *p = ls->buf[TAB_BOOTS], *end = p + ls->len[TAB_BOOTS];
	unsigned long long prev = 0;
	int first = 1;

	while (p < end) {
		char *after;
		if (*p != ',')
			abort();
		unsigned long long idx = strtoull(p + 1, &after, 0);
		if (*after != ',' || (!first && idx <= prev) || (s->have_cfg && idx >= s->boots_req))
			abort();
		prev = idx;
		first = 0;
		p = memchr(p, '\n', (size_t)(end - p));
		if (!p)
			abort();
		p++;
	}
}

static void on_run(void *ctx, struct logsplit *ls)
{
	const struct run_summary *s = &ls->col.sum;
	const char *status = collector_status(&ls->col);

	(void)ctx;
	if (count_lines(ls->buf[TAB_BOOTS], ls->len[TAB_BOOTS]) != s->boots)
		abort(); /* a boot counted without its row, or a row without its count */
	if (s->have_cfg && s->boots > s->boots_req)
		abort(); /* more boots than asked for were accepted */
	if (strcmp(status, "ok") == 0 &&
	    (!s->have_hello || !s->have_cfg || s->boots != s->boots_req || s->not_ready ||
	     s->checks_failed || s->refused))
		abort();
	for (size_t i = 0; i < ls->len[TAB_BOOTS]; i++)
		if (ls->buf[TAB_BOOTS][i] == '\0')
			abort(); /* a NUL reached a row */
	check_boot_rows(ls);
	if (s->records && ctx)
		check_reparse(ls);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct logsplit ls;

	if (logsplit_begin(&ls, on_run, &ls))
		return 0;
	/* two feeds: line reassembly across reads is part of what is tested */
	logsplit_feed(&ls, (const char *)data, size / 2);
	logsplit_feed(&ls, (const char *)data + size / 2, size - size / 2);
	logsplit_end(&ls);
	return 0;
}
