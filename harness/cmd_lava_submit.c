/* s2bench lava submit SUITE --server URL --token-file F --device-type T --image-url URL
 *                          [--out DIR] [--resume] [--poll S]: options only; lava_submit.c works. */
#include "cli.h"
#include "lava_submit.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#define DEFAULT_POLL_S 5
#define LOG_MAX ((size_t)1 << 30) /* a job log is console + dispatcher lines: a run's log cap, twice */

static int usage(void)
{
	fputs("usage: s2bench lava submit SUITE --server URL --token-file F --device-type T\n"
	      "                           --image-url URL [--out DIR] [--resume] [--poll S]\n"
	      "  Submits one LAVA job per run through the server's REST API (api/v0.2), shows the\n"
	      "  jobs as they queue and run, and stores each finished job's log as rows in DIR\n"
	      "  (default results/SUITE_NAME). Job ids go to DIR/lava-jobs.csv; --resume polls those\n"
	      "  jobs instead of submitting their runs again. F holds the API token on its first line.\n",
	      stderr);
	return EXIT_USAGE;
}

int cmd_lava_submit(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "server", required_argument, 0, 's' },     { "token-file", required_argument, 0, 't' },
		{ "device-type", required_argument, 0, 'd' }, { "image-url", required_argument, 0, 'u' },
		{ "out", required_argument, 0, 'o' },        { "resume", no_argument, 0, 'r' },
		{ "poll", required_argument, 0, 'p' },       { "help", no_argument, 0, 'h' },
		{ 0, 0, 0, 0 },
	};
	struct lava_submit_opts o = { .poll_s = DEFAULT_POLL_S, .log_max = LOG_MAX };
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "s:t:d:u:o:rp:h", opts, NULL)) != -1) {
		switch (c) {
		case 's': o.server = optarg; break;
		case 't': o.token_file = optarg; break;
		case 'd': o.job.device_type = optarg; break;
		case 'u': o.job.image_url = optarg; break;
		case 'o': o.out = optarg; break;
		case 'r': o.resume = 1; break;
		case 'p':
			if (cli_parse_count(optarg, &o.poll_s, 3600))
				return cli_usage_error("--poll %s: seconds, 1 to 3600", optarg);
			break;
		default: return usage();
		}
	}
	if (optind + 1 != argc)
		return usage();
	if (!o.server || !o.token_file || !o.job.device_type || !o.job.image_url)
		return cli_usage_error("lava submit needs --server, --token-file, --device-type and --image-url");
	o.suite = argv[optind];
	return lava_submit(&o);
}
