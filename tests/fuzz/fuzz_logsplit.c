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
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct logsplit ls;

	if (logsplit_begin(&ls, on_run, NULL))
		return 0;
	/* two feeds: line reassembly across reads is part of what is tested */
	logsplit_feed(&ls, (const char *)data, size / 2);
	logsplit_feed(&ls, (const char *)data + size / 2, size - size / 2);
	logsplit_end(&ls);
	return 0;
}
