/* s2bench list: what a suite can name, one line each. */
#include "catalog.h"
#include "cli.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void list_entries(const char *title, const struct catalog_entry *e)
{
	printf("%s:\n", title);
	for (; e->name; e++)
		printf("  %-14s %s\n", e->name, e->summary);
}

static void describe_values(const struct run_key *k, char *buf, size_t len)
{
	switch (k->kind) {
	case KEY_NAME: snprintf(buf, len, "names above"); break;
	case KEY_SIZE: snprintf(buf, len, "size, >= %llu", k->min); break;
	case KEY_PCT: snprintf(buf, len, "0..100"); break;
	case KEY_COUNT: snprintf(buf, len, "number, >= %llu", k->min); break;
	case KEY_ENUM:
		snprintf(buf, len, "%s|%s", k->choices[0], k->choices[1]);
		break;
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
		const char *field = (const char *)&d + k->offset;
		char values[48], def[32];
		uint64_t num;
		memcpy(&num, field, sizeof(num) <= k->size ? sizeof(num) : k->size);
		describe_values(k, values, sizeof(values));
		if (k->kind == KEY_NAME || k->kind == KEY_ENUM)
			snprintf(def, sizeof(def), "%s", field);
		else if (k->kind == KEY_SIZE)
			format_size(num, def, sizeof(def));
		else
			snprintf(def, sizeof(def), "%llu", (unsigned long long)num);
		printf("  %-9s %-40s [%s] (%s)\n", k->name, k->summary, def, values);
	}
	printf("  %-9s %-40s [1]\n", "reps", "repetitions of every config");
	printf("  %-9s %-40s [120] (top level only)\n", "timeout", "seconds per run");
	printf("  %-9s %-40s [file name] (top level only)\n", "name", "suite name in runs.csv");
	return 0;
}
