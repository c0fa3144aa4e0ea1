/* reports-driver report|compare ARGS...: calls the report entry points the way build/s2bench
 * does (argv[0] = subcommand), so reports can be exercised before or without the harness.
 * reports-driver profile FILE: reads FILE with reports/profile.c (the integration tests' check
 * that a profile s2bench wrote parses). */
#include "profile.h"
#include "report.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "report") == 0)
		return s2b_cmd_report(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "compare") == 0)
		return s2b_cmd_compare(argc - 1, argv + 1);
	if (argc == 3 && strcmp(argv[1], "profile") == 0) {
		static struct profile p;
		char err[512];
		if (profile_read(argv[2], &p, err, sizeof(err))) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		printf("%s: parses\n", argv[2]);
		return 0;
	}
	fprintf(stderr, "usage: reports-driver report|compare ARGS... | profile FILE\n");
	return 2;
}
