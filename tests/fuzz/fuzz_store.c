/* libFuzzer target for the result store's open/repair decision (harness/tablerepair.c), in memory.
 *
 * Input: runs.csv, then boots.csv, faults.csv, metrics.csv, separated by 0x1e bytes (missing
 * parts are empty). Each table is planned as store_open() would (runs.csv first, defining the
 * finished runs), and every plan must hold these invariants:
 *  - its records tile the input: kept + set-aside bytes == input;
 *  - the header is kept; only the last record can be torn;
 *  - every complete record parses alone (strict libcsv) as exactly one record, a kept one with
 *    the table's width and, outside runs.csv, a finished run id;
 *  - repairing the repaired table changes nothing;
 *  - the set-aside CSV reads back as one row per set-aside record holding its exact bytes. */
#include <csv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tablerepair.h"

#define CHECK(c)              \
	do {                  \
		if (!(c))     \
			abort(); \
	} while (0)

struct count {
	int fields, rows;
	int field_in_row;
	const struct repair_plan *plan;
	const char *buf;
	size_t aside_seen; /* set-aside rows checked so far */
};

static void on_field(void *data, size_t len, void *ctx)
{
	(void)data;
	(void)len;
	((struct count *)ctx)->fields++;
}

static void on_row(int ch, void *ctx)
{
	(void)ch;
	((struct count *)ctx)->rows++;
}

/* A complete record parses alone as one record, and nothing is left over. */
static void check_record(const char *rec, size_t len, int want_fields)
{
	struct csv_parser p;
	struct count c = { 0 };
	CHECK(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) == 0);
	CHECK(csv_parse(&p, rec, len, on_field, on_row, &c) == len);
	CHECK(c.rows == 1);
	CHECK(csv_fini(&p, on_field, on_row, &c) == 0);
	CHECK(c.rows == 1);
	if (want_fields)
		CHECK(c.fields == want_fields);
	csv_free(&p);
}

/* Set-aside CSV rows: field 4 must be the exact bytes of the next set-aside record. */
static void aside_field(void *data, size_t len, void *ctx)
{
	struct count *c = ctx;
	if (c->rows > 0 && c->field_in_row == 3) {
		const struct repair_plan *plan = c->plan;
		size_t i = 0, seen = 0;
		for (; i < plan->nrec; i++)
			if (plan->rec[i].reason != REPAIR_KEEP && seen++ == c->aside_seen)
				break;
		CHECK(i < plan->nrec);
		CHECK(len == plan->rec[i].len);
		CHECK(len == 0 || memcmp(data, c->buf + plan->rec[i].off, len) == 0);
		c->aside_seen++;
	}
	c->field_in_row++;
}

static void aside_row(int ch, void *ctx)
{
	struct count *c = ctx;
	(void)ch;
	CHECK(c->field_in_row == 4);
	c->field_in_row = 0;
	c->rows++;
}

static void check_aside(const struct repair_plan *plan, const char *buf)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	CHECK(f && repair_write_aside(plan, buf, f) == 0);
	fclose(f);
	struct csv_parser p;
	struct count c = { .plan = plan, .buf = buf };
	CHECK(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) == 0);
	CHECK(csv_parse(&p, text, len, aside_field, aside_row, &c) == len);
	CHECK(csv_fini(&p, aside_field, aside_row, &c) == 0);
	CHECK((size_t)c.rows == 1 + repair_aside_count(plan));
	CHECK(c.aside_seen == repair_aside_count(plan));
	csv_free(&p);
	free(text);
}

/* The chunked scan (what opening a directory does) decides as the whole plan, whatever the
 * chunk size: small chunks cut records everywhere, inside quoted cells too. */
static void check_scan(enum table_id t, const char *buf, size_t len, struct id_set *finished,
		       const struct repair_plan *whole)
{
	for (size_t chunk = 1; chunk <= 64; chunk *= 4) {
		struct repair_plan scan;
		struct id_set fin = { 0 };
		char err[200];
		FILE *f = len ? fmemopen((void *)buf, len, "rb") : NULL;
		if (!f)
			return;
		int rc = repair_scan(t, f, chunk, t == TAB_RUNS ? &fin : finished, &scan, err,
				     sizeof(err));
		fclose(f);
		CHECK(rc == 0);
		for (int r = 0; r < REPAIR_REASONS; r++)
			CHECK(scan.count[r] == whole->count[r] && scan.bytes[r] == whole->bytes[r]);
		repair_plan_free(&scan);
		id_set_free(&fin);
	}
}

static void check_table(enum table_id t, const char *buf, size_t len, struct id_set *finished)
{
	struct repair_plan plan;
	char err[200];
	if (repair_plan(t, buf, len, finished, &plan, err, sizeof(err))) {
		CHECK(err[0] && plan.nrec == 0);
		return;
	}
	size_t off = 0, bytes = 0;
	for (size_t i = 0; i < plan.nrec; i++) {
		const struct repair_record *r = &plan.rec[i];
		CHECK(r->off == off && r->len > 0);
		off += r->len;
		CHECK(i > 0 || r->reason == REPAIR_KEEP);
		CHECK(r->reason != REPAIR_TORN || i == plan.nrec - 1);
		if (r->reason != REPAIR_TORN)
			check_record(buf + r->off, r->len,
				     r->reason == REPAIR_KEEP ? table_schema[t].ncols : 0);
		if (i > 0 && r->reason == REPAIR_KEEP) {
			CHECK(r->has_id);
			CHECK(id_set_has(finished, r->id));
		}
		if (r->reason == REPAIR_ORPHAN)
			CHECK(t != TAB_RUNS && !id_set_has(finished, r->id));
	}
	CHECK(off == len);
	for (int r = 0; r < REPAIR_REASONS; r++)
		bytes += plan.bytes[r];
	CHECK(bytes == len);

	/* the repaired table needs no repair (runs.csv: against a fresh set) */
	size_t kept_len;
	char *kept = repair_kept_text(&plan, buf, &kept_len);
	CHECK(kept_len == plan.bytes[REPAIR_KEEP]);
	struct id_set fresh = { 0 };
	struct repair_plan again;
	CHECK(repair_plan(t, kept, kept_len, t == TAB_RUNS ? &fresh : finished, &again, err,
			  sizeof(err)) == 0);
	CHECK(again.nrec == plan.count[REPAIR_KEEP]);
	CHECK(again.count[REPAIR_KEEP] == again.nrec);
	repair_plan_free(&again);
	id_set_free(&fresh);
	free(kept);

	check_aside(&plan, buf);
	check_scan(t, buf, len, finished, &plan);
	repair_plan_free(&plan);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	struct id_set finished = { 0 };

	for (int t = 0; t < TAB_COUNT; t++) {
		const char *sep = p < end ? memchr(p, 0x1e, (size_t)(end - p)) : NULL;
		size_t len = p < end ? (size_t)((sep ? sep : end) - p) : 0;
		char *copy = malloc(len ? len : 1); /* exact size: ASan sees any read past the table */
		memcpy(copy, p, len);
		check_table((enum table_id)t, copy, len, &finished);
		free(copy);
		p = sep ? sep + 1 : end;
	}
	id_set_free(&finished);
	return 0;
}
