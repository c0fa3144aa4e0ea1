/* Record kinds → CSV rows. Unknown kinds are ignored, unknown boot keys go to `extra`. */
#include "collect.h"

#include "csvout.h"

#include <stdio.h>
#include <string.h>

#define COPY(dst, src) snprintf((dst), sizeof(dst), "%s", (src) ? (src) : "")

void collector_init(struct collector *c, const char *run_id, FILE *boots, FILE *faults,
		    FILE *metrics)
{
	memset(c, 0, sizeof(*c));
	COPY(c->run_id, run_id);
	c->boots = boots;
	c->faults = faults;
	c->metrics = metrics;
}

static void on_hello(struct collector *c, const struct record *rec)
{
	struct run_summary *s = &c->sum;
	s->have_hello = 1;
	COPY(s->proto, record_get(rec, "proto"));
	COPY(s->hv_version, record_get(rec, "hv"));
	COPY(s->board, record_get(rec, "board"));
	COPY(s->midr, record_get(rec, "midr"));
	COPY(s->fwb, record_get(rec, "fwb"));
	if (proto_major(s->proto) != PROTO_MAJOR) {
		s->refused = 1;
		snprintf(s->error, sizeof(s->error), "unsupported_protocol:%s", s->proto);
	}
}

/* Columns after run_id are the record's keys of the same name; leftovers → extra "k=v;k=v". */
static void write_keyed_row(FILE *f, enum table_id t, const char *run_id, const struct record *rec,
			    int extra_col)
{
	const char *cells[32] = { run_id };
	char extra[1024];
	size_t extra_len = 0;

	extra[0] = '\0';
	/* records list their keys in column order, so try the column after the last match first:
	 * one strcmp per key instead of a search (parse's hot loop) */
	int guess = 1;
	for (int i = 0; i < rec->nkv; i++) {
		const struct table_schema *s = &table_schema[t];
		int col = guess < s->ncols && strcmp(s->cols[guess], rec->kv[i].key) == 0
				  ? guess
				  : table_col(t, rec->kv[i].key);
		if (col > 0)
			guess = col + 1;
		if (col > 0 && col != extra_col) {
			cells[col] = rec->kv[i].val;
			continue;
		}
		if (extra_col < 0)
			continue;
		int n = snprintf(extra + extra_len, sizeof(extra) - extra_len, "%s%s=%s",
				 extra_len ? ";" : "", rec->kv[i].key, rec->kv[i].val);
		if (n > 0 && (size_t)n < sizeof(extra) - extra_len)
			extra_len += (size_t)n;
	}
	if (extra_col >= 0)
		cells[extra_col] = extra;
	csv_write_row(f, cells, table_schema[t].ncols);
}

static void on_boot(struct collector *c, const struct record *rec)
{
	const char *check = record_get(rec, "check");
	c->sum.boots++;
	if (check && strcmp(check, "fail") == 0)
		c->sum.checks_failed++;
	/* `idx` is the protocol's name for the boots.csv column `idx`: same name, no mapping */
	write_keyed_row(c->boots, TAB_BOOTS, c->run_id, rec, table_col(TAB_BOOTS, "extra"));
}

static void on_metric(struct collector *c, const struct record *rec)
{
	write_keyed_row(c->metrics, TAB_METRICS, c->run_id, rec, -1);
}

static void on_error(struct collector *c, const struct record *rec)
{
	if (c->sum.error[0])
		return; /* the first error is the cause; later ones are consequences */
	const char *code = record_get(rec, "code"), *msg = record_get(rec, "msg"),
		   *key = record_get(rec, "key");
	snprintf(c->sum.error, sizeof(c->sum.error), "%s%s%s%s%s", code ? code : "error",
		 msg ? ":" : "", msg ? msg : "", key ? ":" : "", key ? key : "");
}

static void on_record(struct collector *c, const struct record *rec)
{
	const char *k = rec->kind;

	if (c->before_record)
		c->before_record(c->ctx, c, rec);
	c->sum.records++;
	if (strcmp(k, "hello") == 0) {
		on_hello(c, rec);
		return;
	}
	if (c->sum.refused)
		return;
	if (strcmp(k, "cfg") == 0)
		c->sum.have_cfg = 1;
	else if (strcmp(k, "boot") == 0)
		on_boot(c, rec);
	else if (strcmp(k, "fault") == 0)
		write_keyed_row(c->faults, TAB_FAULTS, c->run_id, rec, -1);
	else if (strcmp(k, "metric") == 0)
		on_metric(c, rec);
	else if (strcmp(k, "error") == 0)
		on_error(c, rec);
	else if (strcmp(k, "done") == 0) {
		c->sum.have_done = 1;
		COPY(c->sum.done_status, record_get(rec, "status"));
	}
}

void collector_line(struct collector *c, char *line, size_t len)
{
	struct record rec;

	switch (proto_parse_line(line, len, &rec)) {
	case LINE_NOISE: c->sum.noise++; break;
	case LINE_BAD_CRC: c->sum.bad_crc++; break;
	case LINE_TRUNCATED: c->sum.truncated++; break;
	case LINE_MALFORMED: c->sum.malformed++; break;
	case LINE_RECORD: on_record(c, &rec); break;
	}
}

const char *collector_status(const struct collector *c)
{
	const struct run_summary *s = &c->sum;

	if (s->refused)
		return "error";
	if (!s->have_done)
		return "crash";
	if (strcmp(s->done_status, "ok") == 0)
		return s->checks_failed ? "check_failed" : "ok";
	if (strcmp(s->done_status, "unsupported") == 0)
		return "unsupported";
	return "error";
}

void collector_write_run(const struct collector *c, FILE *runs, const struct run_config *cfg,
			 const struct run_outcome *o)
{
	char mem[24], stride[24], boots_req[24], frac[24], write[24], seed[24], rep[16];
	char exit_code[16] = "", wall[32] = "", boots[16], bad_crc[16];
	const struct run_summary *s = &c->sum;

	snprintf(mem, sizeof(mem), "%llu", (unsigned long long)cfg->mem);
	snprintf(stride, sizeof(stride), "%llu", (unsigned long long)cfg->stride);
	snprintf(boots_req, sizeof(boots_req), "%llu", (unsigned long long)cfg->boots);
	snprintf(frac, sizeof(frac), "%llu", (unsigned long long)cfg->frac);
	snprintf(write, sizeof(write), "%llu", (unsigned long long)cfg->write);
	snprintf(seed, sizeof(seed), "%llu", (unsigned long long)cfg->seed);
	snprintf(rep, sizeof(rep), "%u", cfg->rep);
	if (o->exit_code >= 0)
		snprintf(exit_code, sizeof(exit_code), "%d", o->exit_code);
	if (o->wall_s >= 0)
		snprintf(wall, sizeof(wall), "%.3f", o->wall_s);
	snprintf(boots, sizeof(boots), "%u", s->boots);
	/* a truncated record is a corrupted one too: both count as bad CRC in runs.csv */
	snprintf(bad_crc, sizeof(bad_crc), "%u", s->bad_crc + s->truncated);

	const char *cells[] = {
		c->run_id, o->suite, cfg->board, cfg->strategy, cfg->guest, mem, cfg->block,
		cfg->map, cfg->icache, frac, stride, write, cfg->order, seed, boots_req, rep,
		o->status, exit_code, wall, boots, bad_crc, o->error ? o->error : s->error,
		s->hv_version, o->qemu_version, s->fwb, s->midr,
	};
	_Static_assert(sizeof(cells) / sizeof(cells[0]) == 26, "runs.csv has 26 columns");
	if (o->config_unknown) /* strategy .. rep: nothing in the log says what they were */
		for (int i = 3; i <= 15; i++)
			cells[i] = NULL;
	csv_write_row(runs, cells, table_schema[TAB_RUNS].ncols);
}
