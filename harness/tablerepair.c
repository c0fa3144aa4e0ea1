/* Split a table into records with libcsv and decide each one (see tablerepair.h). */
#include "tablerepair.h"

#include <csv.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *const repair_reason_name[REPAIR_REASONS] = {
	[REPAIR_KEEP] = "kept",		[REPAIR_TORN] = "torn",
	[REPAIR_ORPHAN] = "orphan",	[REPAIR_DUPLICATE] = "duplicate",
	[REPAIR_WIDTH] = "width",	[REPAIR_BAD_ID] = "bad_run_id",
};

const char *const repair_reason_why[REPAIR_REASONS] = {
	[REPAIR_KEEP] = "kept",
	[REPAIR_TORN] = "torn (the last record has no end: a writer was killed mid-append)",
	[REPAIR_ORPHAN] = "orphaned (their run has no runs.csv row)",
	[REPAIR_DUPLICATE] = "duplicate (a second runs.csv row for the same run_id)",
	[REPAIR_WIDTH] = "with the wrong number of fields",
	[REPAIR_BAD_ID] = "whose run_id is not 16 lowercase hex digits",
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
};

static void on_field(void *data, size_t len, void *ctx)
{
	struct probe *p = ctx;

	if (p->fields == 0) {
		p->first_len = len;
		if (len && len <= 16)
			memcpy(p->first, data, len);
	}
	if (p->header) {
		const char *want = p->fields < p->schema->ncols ? p->schema->cols[p->fields] : NULL;
		if (!want || strlen(want) != len || (len && memcmp(want, data, len)))
			p->header_ok = 0;
	}
	p->fields++;
}

static void on_row(int c, void *ctx)
{
	(void)c;
	((struct probe *)ctx)->ended = 1;
}

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static void add(struct repair_plan *plan, const struct repair_record *r)
{
	if (plan->nrec == plan->cap) {
		plan->cap = plan->cap ? plan->cap * 2 : 64;
		plan->rec = realloc(plan->rec, plan->cap * sizeof(*plan->rec));
		if (!plan->rec)
			abort();
	}
	plan->rec[plan->nrec++] = *r;
	plan->count[r->reason]++;
	plan->bytes[r->reason] += r->len;
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
	id_set_add(finished, r->id);
	return REPAIR_KEEP;
}

static int is_term(char c)
{
	return c == '\n' || c == '\r'; /* what ends a row for libcsv */
}

int repair_plan(enum table_id table, const char *buf, size_t len, struct id_set *finished,
		struct repair_plan *plan, char *err, size_t errlen)
{
	const struct table_schema *schema = &table_schema[table];
	struct probe p = { .schema = schema, .header = 1, .header_ok = 1 };
	struct csv_parser csv;
	size_t pos = 0, start = 0;
	unsigned lines = 0, start_line = 1; /* newlines before pos; line of start */
	int rc = 0;

	memset(plan, 0, sizeof(*plan));
	if (csv_init(&csv, CSV_STRICT))
		return fail(err, errlen, "out of memory");
	while (pos < len && !rc) {
		/* Feed libcsv up to the next CR/LF: only those end a row, so when it reports a row
		 * end, the row ends exactly at the end of this piece. */
		size_t end = pos;
		while (end < len && !is_term(buf[end]))
			end++;
		end += end < len;
		size_t n = csv_parse(&csv, buf + pos, end - pos, on_field, on_row, &p);
		if (n != end - pos) {
			rc = fail(err, errlen, "line %u: not CSV (%s)", lines + 1,
				  csv_strerror(csv_error(&csv)));
			break;
		}
		lines += buf[end - 1] == '\n';
		pos = end;
		if (!p.ended)
			continue;
		while (pos < len && is_term(buf[pos])) /* CRLF, blank lines: libcsv skips them */
			lines += buf[pos++] == '\n';
		struct repair_record r = { start, pos - start, start_line, REPAIR_KEEP, 0, 0 };
		if (p.header) {
			if (p.header_ok && p.fields + 1 == schema->ncols &&
			    !strcmp(schema->cols[p.fields], "extra"))
				rc = fail(err, errlen,
					  "line %u: %s has the columns of an older s2bench (no `extra`); "
					  "parse its logs (DIR/logs) into a new directory",
					  start_line, schema->file);
			else if (!p.header_ok || p.fields != schema->ncols)
				rc = fail(err, errlen, "line %u: not an s2bench %s header", start_line,
					  schema->file);
		} else {
			r.reason = decide(table, &p, finished, &r);
		}
		if (!rc)
			add(plan, &r);
		start = pos;
		start_line = lines + 1;
		p = (struct probe){ .schema = schema };
	}
	if (!rc && start < len) {
		if (p.header) /* our header is written whole (rename), so this is not our file */
			rc = fail(err, errlen, "line %u: not an s2bench %s header", start_line,
				  schema->file);
		else
			add(plan, &(struct repair_record){ start, len - start, start_line,
							   REPAIR_TORN, 0, 0 });
	}
	csv_free(&csv);
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
	return plan->nrec - plan->count[REPAIR_KEEP];
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
