#include "progress.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void progress_start(struct progress *p, FILE *out, size_t total)
{
	memset(p, 0, sizeof(*p));
	p->out = out;
	p->tty = isatty(fileno(out));
	p->total = total;
	p->start = now_s();
}

static void format_eta(const struct progress *p, char *buf, size_t len)
{
	if (!p->done || p->done >= p->total) {
		snprintf(buf, len, "--:--");
		return;
	}
	double per_run = (now_s() - p->start) / (double)p->done;
	unsigned s = (unsigned)(per_run * (double)(p->total - p->done) + 0.5);
	snprintf(buf, len, "%u:%02u", s / 60, s % 60);
}

void progress_run_done(struct progress *p, const struct planned_run *run, const char *status,
		       double wall_s)
{
	const struct run_config *c = &run->cfg;
	char eta[16];

	p->done++;
	if (strcmp(status, "ok") != 0 && strcmp(status, "unsupported") != 0)
		p->failed++;
	if (strcmp(status, "not_saved") == 0)
		p->unsaved++;
	format_eta(p, eta, sizeof(eta));
	if (p->tty) /* one line, redrawn in place */
		fprintf(p->out, "\r\033[K[%zu/%zu] %zu failed, ETA %s  last: %s %s/%s %s", p->done,
			p->total, p->failed, eta, status, c->strategy, c->guest, run->run_id);
	else
		fprintf(p->out, "[%zu/%zu] %-12s %6.2fs %s %s %s rep=%u %s\n", p->done, p->total,
			status, wall_s, c->board, c->strategy, c->guest, c->rep, run->run_id);
	fflush(p->out);
}

void progress_end(struct progress *p)
{
	if (p->tty && p->done)
		fputc('\n', p->out);
}
