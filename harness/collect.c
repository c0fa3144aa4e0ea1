/* Record kinds → CSV rows. Unknown kinds are ignored, unknown keys go to `extra`. */
#include "collect.h"

#include "columns.h"
#include "csvout.h"
#include "strput.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COPY(dst, src) str_copy((dst), sizeof(dst), (src)) /* snprintf "%s": parse's hot path */

void collector_init(struct collector *c, const char *run_id, FILE *boots, FILE *faults,
		    FILE *metrics)
{
	memset(c, 0, sizeof(*c));
	COPY(c->run_id, run_id);
	c->boots = boots;
	c->faults = faults;
	c->metrics = metrics;
	c->sum.digest = 0xcbf29ce484222325ull;
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

/* The column after run_id named KEY, or -1. Records list their keys in column order, with some
 * left out, so the search starts at GUESS, the column after the last match, and goes round:
 * mostly one compare per key (parse's hot loop). */
static int find_col(const struct table_schema *s, int guess, const char *key)
{
	for (int tried = 1, c = guess < s->ncols ? guess : 1; tried < s->ncols; tried++) {
		if (s->cols[c][0] == key[0] && str_eq(s->cols[c], key))
			return c;
		c = c + 1 < s->ncols ? c + 1 : 1;
	}
	return -1;
}

/* Columns after run_id are the record's keys of the same name; leftovers → extra "k=v;k=v".
 * A record is at most PROTO_MAX_LINE bytes, so its leftovers always fit in the cell. */
static void write_keyed_row(FILE *f, enum table_id t, const char *run_id, const struct record *rec)
{
	const struct table_schema *s = &table_schema[t];
	static int extra_cols[TAB_COUNT]; /* 0 = not looked up yet (column 0 is run_id) */
	if (!extra_cols[t])
		extra_cols[t] = table_col(t, "extra");
	const int extra_col = extra_cols[t];
	const char *cells[32] = { run_id };
	char extra[PROTO_MAX_LINE];
	size_t extra_len = 0;

	extra[0] = '\0';
	int guess = 1;
	for (int i = 0; i < rec->nkv; i++) {
		int col = find_col(s, guess, rec->kv[i].key);
		if (col > 0)
			guess = col + 1;
		if (col > 0 && col != extra_col) {
			cells[col] = rec->kv[i].val;
			continue;
		}
		int n = snprintf(extra + extra_len, sizeof(extra) - extra_len, "%s%s=%s",
				 extra_len ? ";" : "", rec->kv[i].key, rec->kv[i].val);
		if (n < 0 || (size_t)n >= sizeof(extra) - extra_len)
			abort(); /* cannot happen: the line held all of it */
		extra_len += (size_t)n;
	}
	cells[extra_col] = extra;
	csv_write_row(f, cells, s->ncols);
}

/* A boot reached READY when it says so: s2hv's ready_cycles/ready_insts (PMU), s2vmm's
 * ready_ns/ready_ticks, or ready=1. */
static int boot_ready(const struct record *rec)
{
	const char *r = record_get(rec, "ready");
	if (r)
		return str_eq(r, "1");
	return record_get(rec, "ready_cycles") || record_get(rec, "ready_insts") ||
	       record_get(rec, "ready_ns") || record_get(rec, "ready_ticks");
}

static void on_boot(struct collector *c, const struct record *rec)
{
	struct run_summary *s = &c->sum;
	const char *check = record_get(rec, "check");
	s->boots++;
	if (check && str_eq(check, "fail"))
		s->checks_failed++;
	if (!boot_ready(rec) && !s->not_ready++)
		s->first_not_ready = strtoull(record_get(rec, "idx"), NULL, 0);
	COPY(s->last_exit, record_get(rec, "exit"));
	/* `idx` is the protocol's name for the boots.csv column `idx`: same name, no mapping */
	write_keyed_row(c->boots, TAB_BOOTS, c->run_id, rec);
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

/* One step of the digest: 8 bytes mixed in with a multiply (a multiply per byte, FNV, was 8% of
 * parse's time). */
static uint64_t digest_step(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0x9e3779b97f4a7c15ull; /* odd: every bit of w reaches the high bits */
	return h ^ (h >> 32);
}

/* The run's identity is its content: a 64-bit hash of every accepted record's text, as the parser
 * leaves it in the line ("kind k=v k=v" with NULs for the separators: the same record, the same
 * bytes; the CRC and console noise left out, so a capture's line endings do not matter). The
 * digest is never stored: parse compares it with the digest of the stored log computed anew. */
static void digest_record(struct run_summary *s, const struct record *rec)
{
	const char *p = rec->kind; /* the record is one span of the line, from its kind on */
	const char *last = rec->nkv ? rec->kv[rec->nkv - 1].val : rec->kind;
	size_t n = (size_t)(last + strlen(last) - p);
	uint64_t h = s->digest, w;

	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		h = digest_step(h, w);
	}
	w = 0;
	memcpy(&w, p, n);
	s->digest = digest_step(h, w ^ (uint64_t)n << 56); /* the tail, and where the record ends */
}

static void on_cfg(struct collector *c, const struct record *rec)
{
	/* runs.csv columns a cfg record may leave out; the others are required (proto_check.c) */
	static const char *const optional[] = { "map", "icache" };
	struct run_summary *s = &c->sum;

	static struct run_config defaults; /* the catalog's, computed once: parse's hot path */
	static int have_defaults;
	if (!have_defaults) {
		run_config_defaults(&defaults);
		have_defaults = 1;
	}
	s->have_cfg = 1;
	s->boots_req = s->shape.boots_req;
	s->cfg = defaults;
	run_config_from_record(&s->cfg, rec); /* numbers were checked by proto_check_record */
	for (size_t i = 0; i < sizeof(optional) / sizeof(optional[0]); i++)
		if (!record_get(rec, optional[i]))
			s->cfg_absent |= 1u << table_col(TAB_RUNS, optional[i]);
}

/* The oracle's verdict, one metrics.csv row per key (`oracle_violations`, `oracle_dc_dirty`,
 * ...) with no boot (it is the whole run's): no new table or column, so old result directories
 * load and resume as they are. */
static void on_oracle(struct collector *c, const struct record *rec)
{
	/* only an oracle run has one: `parse` names the run as `run` did (oracle=on in its id) */
	snprintf(c->sum.cfg.oracle, sizeof(c->sum.cfg.oracle), "on");
	for (int i = 0; i < rec->nkv; i++) {
		char key[80];
		snprintf(key, sizeof(key), "oracle_%s", rec->kv[i].key);
		const char *cells[METRICS_NCOLS] = { c->run_id, "", key, rec->kv[i].val, "" };
		csv_write_row(c->metrics, cells, METRICS_NCOLS);
	}
}

static void on_fault(struct collector *c, const struct record *rec)
{
	write_keyed_row(c->faults, TAB_FAULTS, c->run_id, rec);
}

static void on_metric(struct collector *c, const struct record *rec)
{
	write_keyed_row(c->metrics, TAB_METRICS, c->run_id, rec);
}

static void on_done(struct collector *c, const struct record *rec)
{
	c->sum.have_done = 1;
	COPY(c->sum.done_status, record_get(rec, "status"));
}

/* The kinds after `hello` (which is taken first, even in a refused run). */
static const struct {
	const char *kind;
	void (*on)(struct collector *c, const struct record *rec);
} body_kinds[] = {
	{ "cfg", on_cfg },	 { "boot", on_boot },	{ "fault", on_fault }, { "metric", on_metric },
	{ "oracle", on_oracle }, { "error", on_error }, { "done", on_done },
};

static void on_record(struct collector *c, const struct record *rec)
{
	const char *k = rec->kind;

	if (proto_is_session_kind(k))
		return; /* between runs (configuration over the console): no run's record */
	switch (run_fit(&c->sum.shape, rec)) {
	case FIT_REJECT:
		c->sum.misplaced++;
		return;
	case FIT_NEW_RUN: {
		if (!c->new_run) {
			c->sum.misplaced++;
			return;
		}
		struct line_counts carry = c->sum.after_done;
		memset(&c->sum.after_done, 0, sizeof(carry));
		c->new_run(c->ctx, c); /* c is a fresh collector now */
		c->sum.lines = carry;
		break;
	}
	case FIT_ACCEPT:
		break;
	}
	run_shape_add(&c->sum.shape, rec);
	digest_record(&c->sum, rec);
	c->sum.records++;
	if (str_eq(k, "hello")) {
		on_hello(c, rec);
		return;
	}
	if (c->sum.refused)
		return;
	for (size_t i = 0; i < sizeof(body_kinds) / sizeof(body_kinds[0]); i++)
		if (body_kinds[i].kind[0] == k[0] && str_eq(body_kinds[i].kind, k)) {
			body_kinds[i].on(c, rec); /* first byte first: one strcmp a record */
			break;
		}
}

void collector_line(struct collector *c, char *line, size_t len)
{
	struct line_counts *n = c->sum.have_done ? &c->sum.after_done : &c->sum.lines;
	struct record rec;

	switch (proto_parse_line(line, len, &rec)) {
	case LINE_NOISE: n->noise++; break;
	case LINE_BAD_CRC: n->bad_crc++; break;
	case LINE_TRUNCATED: n->truncated++; break;
	case LINE_MALFORMED: n->malformed++; break;
	case LINE_OVERLONG: n->overlong++; break;
	case LINE_RECORD: on_record(c, &rec); break;
	}
}

struct line_counts collector_lines(const struct run_summary *s)
{
	struct line_counts n = s->lines;
	n.noise += s->after_done.noise;
	n.bad_crc += s->after_done.bad_crc;
	n.truncated += s->after_done.truncated;
	n.malformed += s->after_done.malformed;
	n.overlong += s->after_done.overlong;
	return n;
}

unsigned collector_rejected(const struct run_summary *s)
{
	struct line_counts n = collector_lines(s);
	return n.bad_crc + n.truncated + n.malformed + n.overlong + s->misplaced;
}

const char *collector_status(const struct collector *c)
{
	const struct run_summary *s = &c->sum;

	if (s->refused)
		return "error";
	if (!s->have_done)
		return "crash";
	if (strcmp(s->done_status, "unsupported") == 0)
		return "unsupported";
	int off_early = strcmp(s->done_status, "powered_off_early") == 0;
	if (strcmp(s->done_status, "ok") != 0 && !off_early)
		return "error";
	if (s->checks_failed) /* the finding this tool exists for: it wins over the rest */
		return "check_failed";
	if (!s->have_hello) /* protocol version, board and hypervisor unknown */
		return "no_hello";
	if (!s->have_cfg) /* what was asked for is unknown, so "every boot" cannot be checked */
		return "no_cfg";
	/* s2hv says when its guest powered off before the boots asked for; fewer boot records than
	 * that are records lost (or a host that does not say it: s2vmm) */
	if (off_early && s->boots < s->boots_req)
		return "powered_off_early";
	if (s->boots < s->boots_req) /* boot indices only go up and stay below boots_req */
		return "short";
	if (s->not_ready)
		return "not_ready";
	return "ok";
}

/* Why a run that ended `done status=ok` is not ok, when no error record said it. */
static void status_reason(const struct run_summary *s, const char *status, char *buf, size_t len)
{
	buf[0] = '\0';
	if (strcmp(status, "short") == 0 || strcmp(status, "powered_off_early") == 0)
		snprintf(buf, len, "%s:%u_of_%llu_boots%s%s", status, s->boots,
			 (unsigned long long)s->boots_req, s->last_exit[0] ? ":last_exit_" : "",
			 s->last_exit);
	else if (strcmp(status, "not_ready") == 0)
		snprintf(buf, len, "not_ready:%u_boots_first_%llu", s->not_ready,
			 (unsigned long long)s->first_not_ready);
	else if (strcmp(status, "no_hello") == 0 || strcmp(status, "no_cfg") == 0)
		snprintf(buf, len, "%s", status);
}

void collector_write_run(const struct collector *c, FILE *runs, const struct run_config *cfg,
			 const struct run_outcome *o)
{
	char mem[21], stride[21], boots_req[21], frac[24], write[21], seed[21], rep[21];
	char exit_code[16] = "", wall[32] = "", boots[21], bad_crc[21], reason[96];
	const struct run_summary *s = &c->sum;

	/* numbers by hand: a snprintf each was a tenth of parse's per-run time */
	run_config_frac(cfg, frac);
	if (o->exit_code >= 0)
		snprintf(exit_code, sizeof(exit_code), "%d", o->exit_code);
	if (o->wall_s >= 0)
		snprintf(wall, sizeof(wall), "%.3f", o->wall_s);
	/* every rejected record is a corrupted one: bad CRC, cut short, over-long, malformed,
	 * misplaced (docs/protocol.md section 3) */
	str_u64(bad_crc, collector_rejected(s));
	status_reason(s, o->status, reason, sizeof(reason));
	const char *error = o->error ? o->error : s->error[0] ? s->error : reason;

	const char *cells[] = {
		c->run_id, o->suite, cfg->board, cfg->strategy, cfg->guest, str_u64(mem, cfg->mem),
		cfg->block, cfg->map, cfg->icache, frac, str_u64(stride, cfg->stride),
		str_u64(write, cfg->write), cfg->order, str_u64(seed, cfg->seed),
		str_u64(boots_req, cfg->boots), str_u64(rep, cfg->rep), o->status, exit_code, wall,
		str_u64(boots, s->boots), bad_crc, error,
		s->hv_version, o->qemu_version, s->fwb, s->midr,
	};
	_Static_assert(sizeof(cells) / sizeof(cells[0]) == 26, "runs.csv has 26 columns");
	if (o->config_unknown) /* strategy .. rep: nothing in the log says what they were */
		for (int i = 3; i <= 15; i++)
			cells[i] = NULL;
	for (int i = 0; i < 26; i++)
		if (o->cfg_absent & (1u << i))
			cells[i] = NULL;
	csv_write_row(runs, cells, table_schema[TAB_RUNS].ncols);
}
