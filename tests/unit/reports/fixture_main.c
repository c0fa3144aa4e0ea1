/* reports-fixture DIR [--qemu] [--reps N] [--boots N] [--seed N] [--seeded] [--two-boards]: writes a fixture result dir. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
	struct fixture_opts o = { .reps = 3, .boots = 8, .seed = 42 };
	const char *dir = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--qemu"))
			o.qemu = 1;
		else if (!strcmp(argv[i], "--seeded"))
			o.seeded = 1;
		else if (!strcmp(argv[i], "--two-boards"))
			o.two_boards = 1;
		else if (!strcmp(argv[i], "--reps") && i + 1 < argc)
			o.reps = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--boots") && i + 1 < argc)
			o.boots = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			o.seed = (unsigned)atoi(argv[++i]);
		else if (!dir && argv[i][0] != '-')
			dir = argv[i];
		else {
			fprintf(stderr, "usage: reports-fixture DIR [--qemu] [--reps N] [--boots N] [--seed N] [--seeded] [--two-boards]\n");
			return 2;
		}
	}
	if (!dir) {
		fprintf(stderr, "usage: reports-fixture DIR [--qemu] [--reps N] [--boots N] [--seed N] [--seeded] [--two-boards]\n");
		return 2;
	}
	mkdir(dir, 0755);
	if (fixture_write(dir, &o) != 0) {
		fprintf(stderr, "reports-fixture: cannot write %s\n", dir);
		return 1;
	}
	return 0;
}
