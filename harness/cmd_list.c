/* s2bench list: what a suite can name, one line each. */
#include "catalog.h"
#include "../core/bootargs.h"
#include "cli.h"
#include "hvkeys.h"
#include "suite.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void list_entries(const char *title, const struct catalog_entry *e)
{
	printf("%s:\n", title);
	for (; e->name; e++)
		printf("  %-14s %s\n", e->name, e->summary);
}

/* The accepted values, from the hypervisor's own table (hvkeys.h): every choice, every limit. */
static void describe_values(const struct run_key *k, char *buf, size_t len)
{
	struct hv_key_info in;
	char lo[24], hi[24], al[24];

	if (k->kind == KEY_NAME && !strcmp(k->name, "strategy")) {
		snprintf(buf, len, "names above, or %s: every s2hv one", SUITE_ALL_STRATEGIES);
	} else if (k->kind == KEY_NAME || hv_key_info(k->name, &in)) {
		snprintf(buf, len, "names above");
	} else if (in.is_enum) {
		snprintf(buf, len, "%s", in.choices[0]);
		for (int i = 1; i < 3 && in.choices[i]; i++)
			snprintf(buf + strlen(buf), len - strlen(buf), "|%s", in.choices[i]);
	} else if (in.is_size) {
		format_size(in.min, lo, sizeof(lo));
		format_size(in.max, hi, sizeof(hi));
		format_size(in.align, al, sizeof(al));
		snprintf(buf, len, "size %s..%s%s%s", lo, hi, in.align ? ", multiple of " : "",
			 in.align ? al : "");
	} else if (in.is_tenths) {
		bootarg_format_tenths(in.min, lo, sizeof(lo));
		bootarg_format_tenths(in.max, hi, sizeof(hi));
		snprintf(buf, len, "%s..%s, tenths allowed", lo, hi);
	} else {
		snprintf(buf, len, "%" PRIu64 "..%" PRIu64, in.min, in.max);
	}
}

int cmd_list(int argc, char **argv)
{
	struct run_config d;
	(void)argv;
	if (argc > 1) {
		fputs("usage: s2bench list\n", stderr);
		return EXIT_USAGE;
	}
	list_entries("boards", catalog_boards);
	list_entries("strategies", catalog_strategies);
	list_entries("guests", catalog_guests);
	run_config_defaults(&d);
	printf("suite keys (each takes a list of values; default in brackets):\n");
	for (size_t i = 0; i < run_key_count; i++) {
		const struct run_key *k = &run_keys[i];
		char values[96], def[32];
		describe_values(k, values, sizeof(values));
		run_key_format(k, &d, def, sizeof(def));
		printf("  %-9s %-40s [%s] (%s)\n", k->name, k->summary, def, values);
	}
	printf("  %-9s %-40s [1] (1..1000000)\n", "reps", "repetitions of every config");
	printf("  %-9s %-40s [120] (1..1000000, top level only)\n", "timeout", "seconds per run");
	printf("  %-9s %-40s [file name] (up to 63 of A-Z a-z 0-9 _ - ., top level only)\n", "name",
	       "suite name in runs.csv");
	return 0;
}
