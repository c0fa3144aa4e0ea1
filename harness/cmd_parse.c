/* s2bench parse LOG... --out DIR: any console capture (QEMU, serial, LAVA job log) → the result CSVs.
 * A log may hold several runs back to back: each `hello` record starts a new one. */
#include "cli.h"
#include "collect.h"
#include "lavalog.h"
#include "linebuf.h"
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct parse_session {
	struct store *store;
	const char *log;
	const char *suite;
	const char *board; /* --board, else the hello record's */
	struct collector col;
	struct pending pending;
	struct run_config cfg;
	unsigned ordinal;     /* runs seen in this log */
	struct id_set reps;   /* ids given out in this invocation: same config twice → next rep */
	unsigned runs, skipped, refused;
	unsigned records, bad_crc, truncated, malformed, noise;
	int io_failed;
};

static void start_run(struct parse_session *s);

static void add_counts(struct parse_session *s, const struct run_summary *sum)
{
	s->records += sum->records;
	s->bad_crc += sum->bad_crc;
	s->truncated += sum->truncated;
	s->malformed += sum->malformed;
	s->noise += sum->noise;
}

/* Commits the run being collected, unless it has no records or is already in the directory. */
static void finish_run(struct parse_session *s)
{
	struct collector *c = &s->col;
	char err[512];

	add_counts(s, &c->sum);
	if (c->sum.refused) {
		fprintf(stderr,
			"s2bench: %s: run %u: protocol version %s is not supported (this s2bench reads %d.x); run skipped\n",
			s->log, s->ordinal, c->sum.proto, PROTO_MAJOR);
		s->refused++;
		store_abort(s->store, &s->pending);
		return;
	}
	if (c->sum.records == 0 || store_is_finished(s->store, c->run_id)) {
		s->skipped += c->sum.records != 0;
		store_abort(s->store, &s->pending);
		return;
	}
	struct run_outcome o = { .suite = s->suite, .status = collector_status(c), .exit_code = -1,
				 .wall_s = -1, .qemu_version = "",
				 .config_unknown = !c->sum.have_cfg };
	if (!c->sum.have_cfg) /* the board is still known from hello */
		snprintf(s->cfg.board, sizeof(s->cfg.board), "%s",
			 s->board ? s->board : c->sum.board[0] ? c->sum.board : "");
	collector_write_run(c, s->pending.f[TAB_RUNS], &s->cfg, &o);
	if (store_commit(s->store, &s->pending, c->run_id, err, sizeof(err))) {
		cli_error("%s", err);
		s->io_failed = 1;
		return;
	}
	s->runs++;
}

/* Names the run from its cfg (plus board and repetition) so re-parsing a log is idempotent. */
static void name_run(struct parse_session *s, struct collector *c, const struct record *cfg_rec)
{
	char id[RUN_ID_LEN + 1];

	snprintf(s->cfg.board, sizeof(s->cfg.board), "%s",
		 s->board ? s->board : c->sum.board[0] ? c->sum.board : "unknown");
	if (run_config_from_record(&s->cfg, cfg_rec))
		fprintf(stderr, "s2bench: %s: run %u: bad number in cfg record\n", s->log, s->ordinal);
	for (s->cfg.rep = 0;; s->cfg.rep++) {
		run_config_id(&s->cfg, id);
		if (!id_set_has_id(&s->reps, id))
			break;
	}
	id_set_add_id(&s->reps, id);
	memcpy(c->run_id, id, sizeof(id));
}

static void before_record(void *ctx, struct collector *c, const struct record *rec)
{
	struct parse_session *s = ctx;

	if (strcmp(rec->kind, "hello") == 0 && c->sum.records > 0) {
		finish_run(s);
		start_run(s);
	} else if (strcmp(rec->kind, "cfg") == 0) {
		name_run(s, c, rec);
	}
}

static void start_run(struct parse_session *s)
{
	char err[512], text[4200], id[RUN_ID_LEN + 1];

	s->ordinal++;
	if (store_begin(s->store, &s->pending, err, sizeof(err))) {
		cli_error("%s", err);
		exit(1);
	}
	/* until a cfg names it, a run is known by its place in its log */
	int n = snprintf(text, sizeof(text), "%s#%u", s->log, s->ordinal);
	hash_id(text, (size_t)n < sizeof(text) ? (size_t)n : sizeof(text) - 1, id);
	collector_init(&s->col, id, s->pending.f[TAB_BOOTS], s->pending.f[TAB_FAULTS],
		       s->pending.f[TAB_METRICS]);
	s->col.before_record = before_record;
	s->col.ctx = s;
	run_config_defaults(&s->cfg);
}

static void on_line(void *ctx, char *line, size_t len)
{
	struct parse_session *s = ctx;

	/* LAVA job logs wrap each console line; dispatcher chatter is noise like any other */
	if ((line[0] == '{' || line[0] == '-') && lava_unwrap(line, &len) == LAVA_OTHER) {
		s->col.sum.noise++;
		return;
	}
	collector_line(&s->col, line, len);
}

static int parse_log(struct parse_session *s, const char *path)
{
	static struct linebuf lb;
	static char chunk[1 << 16];
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return cli_error("%s: %s", path, strerror(errno));
	s->log = path;
	s->ordinal = 0;
	start_run(s);
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		linebuf_feed(&lb, chunk, (size_t)n, on_line, s);
	linebuf_finish(&lb, on_line, s);
	if (fd)
		close(fd);
	finish_run(s);
	return n < 0 ? cli_error("%s: read error: %s", path, strerror(errno)) : 0;
}

static int usage(void)
{
	fputs("usage: s2bench parse LOG... --out DIR [--board NAME] [--suite NAME]\n"
	      "  Reads console logs ('-' = stdin) and appends their runs to DIR's CSVs.\n",
	      stderr);
	return EXIT_USAGE;
}

int cmd_parse(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "out", required_argument, 0, 'o' },
		{ "board", required_argument, 0, 'b' },
		{ "suite", required_argument, 0, 's' },
		{ "help", no_argument, 0, 'h' },
		{ 0, 0, 0, 0 },
	};
	struct parse_session s = { .suite = "parse" };
	const char *out = NULL;
	struct store store;
	char err[512];
	int c, rc = 0;

	while ((c = getopt_long(argc, argv, "o:b:s:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'b': s.board = optarg; break;
		case 's': s.suite = optarg; break;
		default: return usage();
		}
	}
	if (!out || optind >= argc)
		return usage();
	for (int i = optind; i < argc; i++) /* all inputs readable before anything is written */
		if (strcmp(argv[i], "-") && access(argv[i], R_OK))
			return cli_error("%s: %s", argv[i], strerror(errno));
	if (store_open(&store, out, err, sizeof(err)))
		return cli_error("%s", err);
	s.store = &store;
	for (int i = optind; i < argc && !rc && !s.io_failed; i++)
		rc = parse_log(&s, argv[i]);
	fprintf(stderr,
		"parse: %u runs written to %s (%u already there, %u refused); %u records, %u bad CRC, %u truncated, %u malformed, %u noise lines\n",
		s.runs, out, s.skipped, s.refused, s.records, s.bad_crc, s.truncated, s.malformed,
		s.noise);
	free(s.reps.slots);
	store_close(&store);
	return rc || s.io_failed || s.refused ? 1 : 0;
}
