/* Split a table into records with libcsv and decide each one (see tablerepair.h). */
#include "tablerepair.h"
#include "columns.h"
#include "errmsg.h"
#include "csvsplit.h"

#include <csv.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

const char *const repair_reason_name[REPAIR_REASONS] = {
	[REPAIR_KEEP] = "kept",		[REPAIR_TORN] = "torn",
	[REPAIR_ORPHAN] = "orphan",	[REPAIR_DUPLICATE] = "duplicate",
	[REPAIR_WIDTH] = "width",	[REPAIR_BAD_ID] = "bad_run_id",
	[REPAIR_NOT_STARTED] = "not_started",
};

const char *const repair_reason_why[REPAIR_REASONS] = {
	[REPAIR_KEEP] = "kept",
	[REPAIR_TORN] = "torn (the last record has no end: a writer was killed mid-append)",
	[REPAIR_ORPHAN] = "orphaned (their run has no runs.csv row)",
	[REPAIR_DUPLICATE] = "duplicate (a second runs.csv row for the same run_id)",
	[REPAIR_WIDTH] = "with the wrong number of fields",
	[REPAIR_BAD_ID] = "whose run_id is not 16 lowercase hex digits",
	[REPAIR_NOT_STARTED] = "of runs whose board never started (start_failed: they are redone)",
};


/* What libcsv told us about the record being read. */
struct probe {
	const struct table_schema *schema;
	int header; /* compare the fields with the schema's column names */
	int header_ok;
	int fields;
	int ended;
	char first[17];
	size_t first_len; /* > 16: too long to be an id */
	int not_started;  /* runs.csv: error is RUN_ERROR_START_FAILED */
};

/* One table being decided: csv_split calls back with it. */
struct planner {
	enum table_id table;
	struct probe p;
	struct id_set *finished;
	struct repair_plan *plan;
	char *err;
	size_t errlen;
	/* repair_scan: the table is split a chunk at a time, records only counted */
	int scan;
	int final;       /* this chunk holds the end of the file */
	int cut;         /* the split stopped at a record the chunk's end cut: read on */
	size_t carry;    /* that record's offset in the chunk */
	size_t have;     /* the chunk's bytes */
	unsigned base_line; /* lines before the chunk */
};

static void on_field(void *data, size_t len, void *ctx)
{
	struct planner *w = ctx;
	struct probe *p = &w->p;

	if (p->fields == 0) {
		p->first_len = len;
		if (len && len <= 16)
			memcpy(p->first, data, len);
	}
	if (w->table == TAB_RUNS && !p->header && p->fields == RUNS_error)
		p->not_started = len == sizeof(RUN_ERROR_START_FAILED) - 1 &&
				 !memcmp(data, RUN_ERROR_START_FAILED, len);
	if (p->header) {
		const char *want = p->fields < p->schema->ncols ? p->schema->cols[p->fields] : NULL;
		if (!want || strlen(want) != len || (len && memcmp(want, data, len)))
			p->header_ok = 0;
	}
	p->fields++;
}

static void add(struct repair_plan *plan, const struct repair_record *r, int count_only)
{
	plan->count[r->reason]++;
	plan->bytes[r->reason] += r->len;
	if (count_only)
		return;
	if (plan->nrec == plan->cap) {
		plan->cap = plan->cap ? plan->cap * 2 : 64;
		plan->rec = realloc(plan->rec, plan->cap * sizeof(*plan->rec));
		if (!plan->rec)
			abort();
	}
	plan->rec[plan->nrec++] = *r;
}

/* A complete record other than the header. */
static enum repair_reason decide(enum table_id table, const struct probe *p,
				 struct id_set *finished, struct repair_record *r)
{
	if (p->fields != p->schema->ncols)
		return REPAIR_WIDTH;
	if (run_id_parse(p->first, p->first_len, &r->id))
		return REPAIR_BAD_ID;
	r->has_id = 1;
	if (table != TAB_RUNS)
		return id_set_has(finished, r->id) ? REPAIR_KEEP : REPAIR_ORPHAN;
	if (id_set_has(finished, r->id))
		return REPAIR_DUPLICATE;
	if (p->not_started)
		return REPAIR_NOT_STARTED;
	id_set_add(finished, r->id);
	return REPAIR_KEEP;
}

static int on_record(const struct csv_record *rec, void *ctx)
{
	struct planner *w = ctx;
	const struct table_schema *schema = w->p.schema;
	const struct probe *p = &w->p;
	struct repair_record r = { rec->off, rec->len, w->base_line + rec->line, REPAIR_KEEP, 0, 0 };
	int rc = 0;

	/* cut by the chunk's end, or ending there (blank lines after it belong to it): read on */
	if (w->scan && !w->final && (!rec->terminated || rec->off + rec->len == w->have)) {
		w->cut = 1;
		w->carry = rec->off;
		w->p = (struct probe){ .schema = schema, .header = p->header, .header_ok = p->header };
		return 1;
	}
	if (!rec->terminated) {
		if (p->header) /* our header is written whole (rename), so this is not our file */
			return errmsg(w->err, w->errlen, "line %u: not an s2bench %s header", r.line,
				      schema->file);
		r.reason = REPAIR_TORN;
	} else if (p->header) {
		if (p->header_ok && p->fields + 1 == schema->ncols &&
		    !strcmp(schema->cols[p->fields], "extra"))
			rc = errmsg(w->err, w->errlen,
				    "line %u: %s has the columns of an older s2bench (no `extra`); "
				    "parse its logs (DIR/logs) into a new directory",
				    r.line, schema->file);
		else if (!p->header_ok || p->fields != schema->ncols)
			rc = errmsg(w->err, w->errlen, "line %u: not an s2bench %s header", r.line,
				    schema->file);
	} else {
		r.reason = decide(w->table, p, w->finished, &r);
	}
	if (rc)
		return rc;
	add(w->plan, &r, w->scan);
	w->p = (struct probe){ .schema = schema };
	return 0;
}

static const struct csv_split_cb split_cb = { on_field, on_record };

static struct planner planner_for(enum table_id table, struct id_set *finished,
				  struct repair_plan *plan, char *err, size_t errlen)
{
	return (struct planner){
		.table = table,
		.p = { .schema = &table_schema[table], .header = 1, .header_ok = 1 },
		.finished = finished, .plan = plan, .err = err, .errlen = errlen,
	};
}

int repair_plan(enum table_id table, const char *buf, size_t len, struct id_set *finished,
		struct repair_plan *plan, char *err, size_t errlen)
{
	struct planner w = planner_for(table, finished, plan, err, errlen);
	int csv_err;
	unsigned line;

	memset(plan, 0, sizeof(*plan));
	int rc = csv_split(buf, len, CSV_STRICT, &split_cb, &w, &csv_err, &line);
	if (rc < 0)
		errmsg(err, errlen, "line %u: not CSV (%s)", line, csv_strerror(csv_err));
	if (rc) /* on_record stopped it: ERR says why */
		repair_plan_free(plan);
	return rc ? -1 : 0;
}

static unsigned count_lines(const char *p, size_t n)
{
	unsigned lines = 0;
	for (const char *end = p + n; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		lines++;
	return lines;
}

/* A chunk's records go through the same planner as repair_plan's; a record the chunk's end cuts
 * (even inside a quoted cell) is carried to the front of the next chunk and split again. */
int repair_scan(enum table_id table, FILE *f, size_t chunk, struct id_set *finished,
		struct repair_plan *plan, char *err, size_t errlen)
{
	struct planner w = planner_for(table, finished, plan, err, errlen);
	w.scan = 1;
	size_t cap = chunk ? chunk : 1, have = 0;
	char *buf = malloc(cap);
	int rc = buf ? 0 : errmsg(err, errlen, "out of memory");

	memset(plan, 0, sizeof(*plan));
	while (!rc) {
		if (have == cap) { /* one record fills the chunk: make room for more of it */
			char *b = realloc(buf, cap * 2);
			if (!b) {
				rc = errmsg(err, errlen, "out of memory");
				break;
			}
			buf = b, cap *= 2;
		}
		size_t got = fread(buf + have, 1, cap - have, f);
		if (ferror(f)) {
			rc = errmsg(err, errlen, "read error: %s", strerror(errno));
			break;
		}
		have += got;
		w.final = have < cap; /* a regular file: a short read is its end */
		w.have = have;
		w.cut = 0;
		int csv_err;
		unsigned line;
		int split = csv_split(buf, have, CSV_STRICT, &split_cb, &w, &csv_err, &line);
		if (split < 0)
			rc = errmsg(err, errlen, "line %u: not CSV (%s)", w.base_line + line,
				    csv_strerror(csv_err));
		else if (split && !w.cut) /* on_record stopped it: ERR says why */
			rc = -1;
		if (rc || w.final)
			break;
		size_t used = w.cut ? w.carry : have;
		w.base_line += count_lines(buf, used);
		memmove(buf, buf + used, have - used);
		have -= used;
	}
	free(buf);
	if (rc)
		repair_plan_free(plan);
	return rc;
}

void repair_plan_free(struct repair_plan *plan)
{
	free(plan->rec);
	memset(plan, 0, sizeof(*plan));
}

size_t repair_aside_count(const struct repair_plan *plan)
{
	size_t n = 0;
	for (int r = 0; r < REPAIR_REASONS; r++)
		n += r == REPAIR_KEEP ? 0 : plan->count[r];
	return n;
}

size_t repair_record_count(const struct repair_plan *plan)
{
	return repair_aside_count(plan) + plan->count[REPAIR_KEEP];
}

char *repair_kept_text(const struct repair_plan *plan, const char *buf, size_t *len)
{
	char *out = malloc(plan->bytes[REPAIR_KEEP] + 1);
	size_t n = 0;

	if (!out)
		abort();
	for (size_t i = 0; i < plan->nrec; i++)
		if (plan->rec[i].reason == REPAIR_KEEP) {
			memcpy(out + n, buf + plan->rec[i].off, plan->rec[i].len);
			n += plan->rec[i].len;
		}
	*len = n;
	return out;
}

int repair_write_aside(const struct repair_plan *plan, const char *buf, FILE *out)
{
	fputs("line,reason,run_id,record\n", out);
	for (size_t i = 0; i < plan->nrec; i++) {
		const struct repair_record *r = &plan->rec[i];
		if (r->reason == REPAIR_KEEP)
			continue;
		fprintf(out, "%u,%s,", r->line, repair_reason_name[r->reason]);
		if (r->has_id)
			fprintf(out, "%016" PRIx64, r->id);
		putc(',', out);
		csv_fwrite(out, buf + r->off, r->len); /* always quoted: exact bytes back */
		putc('\n', out);
	}
	return ferror(out) ? -1 : 0;
}
