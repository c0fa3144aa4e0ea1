/* See board_options.h. */
#include "board_options.h"

#include "cli.h"
#include "runner.h"

#include <stdlib.h>

void board_options_defaults(struct run_options *opt)
{
	opt->qemu = getenv("S2B_QEMU") ? getenv("S2B_QEMU") : "qemu-system-aarch64";
	opt->image = getenv("S2B_IMG") ? getenv("S2B_IMG") : "build/s2hv.img";
	opt->baud = 115200;
	opt->log_cap = RUN_LOG_CAP_DEFAULT;
}

int board_option(int c, const char *arg, struct run_options *opt, unsigned *timeout_s)
{
	switch (c) {
	case 'q': opt->qemu = arg; return 1;
	case 'i': opt->image = arg; return 1;
	case 'c': opt->console = arg; return 1;
	case 'r': opt->reset_cmd = arg; return 1;
	case 'C': opt->config_over_console = 1; return 1;
	case 'B':
		if (cli_parse_count(arg, &opt->baud, 10000000))
			return cli_usage_error("--baud %s: expected a rate such as 115200", arg);
		return 1;
	case 't':
		if (cli_parse_count(arg, timeout_s, 1000000))
			return cli_usage_error("--timeout %s: expected seconds (1 to 1000000)", arg);
		return 1;
	default: return 0;
	}
}
