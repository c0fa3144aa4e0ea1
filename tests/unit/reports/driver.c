/* reports-driver report|compare ARGS...: calls the report entry points the way build/s2bench
 * does (argv[0] = subcommand), so reports can be exercised before or without the harness. */
#include "report.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "report") == 0)
		return s2b_cmd_report(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "compare") == 0)
		return s2b_cmd_compare(argc - 1, argv + 1);
	fprintf(stderr, "usage: reports-driver report|compare ARGS...\n");
	return 2;
}
