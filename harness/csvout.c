/* Column lists copied from docs/protocol.md section 3: change them there first. */
#include "csvout.h"

#include <csv.h>
#include <string.h>

#define COLS(...) (const char *const[]){ __VA_ARGS__ }, (int)(sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(char *))

const struct table_schema table_schema[TAB_COUNT] = {
	[TAB_RUNS] = { "runs.csv",
		       COLS("run_id", "suite", "board", "strategy", "guest", "mem", "block", "map",
			    "icache", "frac", "stride", "write", "order", "seed", "boots_req", "rep",
			    "status", "exit_code", "wall_s", "boots", "bad_crc", "error", "hv_version",
			    "qemu_version", "fwb", "midr") },
	[TAB_BOOTS] = { "boots.csv",
			COLS("run_id", "idx", "reinit_cycles", "reinit_insts", "reinit_lines", "faults",
			     "fault_cycles", "fault_max_cycles", "fault_lines", "icache_invals", "tlbis",
			     "pages_mapped", "ready_cycles", "ready_insts", "reboot_cycles",
			     "reboot_insts", "check", "exit", "extra") },
	[TAB_FAULTS] = { "faults.csv", COLS("run_id", "boot", "ipa", "kind", "write", "cycles", "lines", "extra") },
	[TAB_METRICS] = { "metrics.csv", COLS("run_id", "boot", "key", "value", "extra") },
};

int table_col(enum table_id table, const char *name)
{
	const struct table_schema *s = &table_schema[table];
	for (int i = 0; i < s->ncols; i++)
		if (strcmp(s->cols[i], name) == 0)
			return i;
	return -1;
}

/* libcsv trims spaces and tabs around an unquoted field, so those cells are quoted too. */
static int needs_quotes(const char *s)
{
	size_t n = strlen(s);
	return s[strcspn(s, ",\"\r\n")] ||
	       (n && (strchr(" \t", s[0]) || strchr(" \t", s[n - 1])));
}

static void write_cell(FILE *f, const char *s)
{
	if (!s)
		return;
	if (needs_quotes(s))
		csv_fwrite(f, s, strlen(s));
	else
		fputs(s, f);
}

void csv_write_row(FILE *f, const char *const *cells, int n)
{
	for (int i = 0; i < n; i++) {
		if (i)
			putc(',', f);
		write_cell(f, cells[i]);
	}
	putc('\n', f);
}

void csv_write_header(FILE *f, enum table_id table)
{
	csv_write_row(f, table_schema[table].cols, table_schema[table].ncols);
}
