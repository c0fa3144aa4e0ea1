/* s2bench parse LOG... --out DIR: any console capture (QEMU, serial, LAVA job log) → the result CSVs.
 * Runs are delimited by logsplit.c; a run is named from its config as `run` names it, and told
 * from another run of that config by its content, so re-parsing a capture (by any path) adds
 * nothing and two different runs of one config are both kept. */
#include "cli.h"
#include "grow.h"
#include "logpack.h"
#include "logsplit.h"
#include "store.h"
#include "strput.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Runs read but not yet committed: their rows in memory, committed together (the log pack and
 * its index synced, then one append and fsync per table) when the batch is full and at the end,
 * so a log of many runs costs a few durable commits, not several fsyncs per run. */
struct parse_batch {
	FILE *rows[TAB_COUNT];
	char *buf[TAB_COUNT];
	size_t len[TAB_COUNT];
	uint64_t *ids;
	size_t n, cap;
};

#define BATCH_RUNS 4096
#define BATCH_BYTES (16u << 20) /* memory stays bounded whatever the log holds */

struct parse_session {
	const char *out;
	struct store store;
	int store_open;
	const char *log;
	const char *suite;
	const char *board;   /* --board, else the hello record's */
	struct id_set given; /* ids given out in this invocation: same config → next rep */
	struct parse_batch batch;
	struct logpack pack;   /* this invocation's logs (opened at its first run) */
	struct log_index index; /* where the directory's packed logs were, loaded when needed */
	int index_loaded;
	struct id_set own_logs; /* runs with their own DIR/logs/ID.log (read with the pack's creation) */
	unsigned runs, skipped, refused;
	unsigned records, bad_crc, truncated, malformed, overlong, misplaced, noise;
	int io_failed;
};

static void add_counts(struct parse_session *s, const struct run_summary *sum)
{
	struct line_counts n = collector_lines(sum);
	s->records += sum->records;
	s->bad_crc += n.bad_crc;
	s->truncated += n.truncated;
	s->malformed += n.malformed;
	s->overlong += n.overlong;
	s->misplaced += sum->misplaced;
	s->noise += n.noise;
}

/* The directory is created only when there is something to put in it, so a parse that fails
 * on its inputs leaves nothing behind. */
static int need_store(struct parse_session *s)
{
	char err[512];

	if (s->store_open)
		return 0;
	if (store_open(&s->store, s->out, err, sizeof(err))) {
		cli_error("%s", err);
		s->io_failed = 1;
		return -1;
	}
	s->store_open = 1;
	return 0;
}

/* The run's console lines, as `run` keeps them, into this invocation's log pack: written before
 * the rows and made durable before them (batch_commit), so a finished run always has its log. A DIR/logs/ID.log left by a run that never finished (a killed `run`)
 * is removed: a run's own file would be found before its packed log (logpack.h). */
static int write_log(struct parse_session *s, const char *id, uint64_t run_id,
		     const struct logsplit *ls)
{
	char err[512];

	if (!s->pack.log && (logpack_create(&s->pack, s->out, err, sizeof(err)) ||
			     log_own_files(s->out, &s->own_logs)))
		return cli_error("%s", s->pack.log ? "cannot read the logs directory" : err);
	if (id_set_has(&s->own_logs, run_id)) {
		char *stale = store_log_path(&s->store, id);
		if (!stale || (unlink(stale) && errno != ENOENT)) {
			cli_error("%s: cannot remove the log of an unfinished run: %s",
				  stale ? stale : id, strerror(errno));
			free(stale);
			return -1;
		}
		free(stale);
	}
	if (logpack_add(&s->pack, run_id, ls->raw_buf, ls->raw_len))
		return cli_error("%s: cannot write: %s", s->pack.log_path, strerror(errno));
	return 0;
}

/* Whether finished run ID holds the same records as this one: its log (DIR/logs/ID.log written by
 * `run`, or its bytes in a pack written by `parse`) has the same content digest. A run whose log
 * is gone counts as different: a re-parse may then add a copy, but a different run is never
 * taken for an old one. */
static int same_run(struct parse_session *s, const char *id, uint64_t digest)
{
	if (!s->index_loaded && log_index_load(&s->index, s->out))
		cli_error("%s/logs: cannot read the log indexes: %s", s->out, strerror(errno));
	s->index_loaded = 1;
	FILE *f = log_open(s->out, id, &s->index);
	uint64_t d;
	int same = f && logsplit_digest_stream(f, &d) == 0 && d == digest;

	if (f)
		fclose(f);
	return same;
}

/* Names a run as `run` would: FNV of its config (board and cfg keys) and repetition, so parse of
 * a run's own log finds that run. The repetition is the first one that neither this invocation
 * gave out nor the directory holds with other records; the log's path plays no part. Returns 1
 * if the run is already in the directory. */
static int name_run(struct parse_session *s, const struct run_summary *sum,
		    struct run_config *cfg, char id[RUN_ID_LEN + 1])
{
	if (sum->have_cfg)
		*cfg = sum->cfg;
	else
		run_config_defaults(cfg);
	str_copy(cfg->board, sizeof(cfg->board),
		 s->board ? s->board : sum->board[0] ? sum->board : sum->have_cfg ? "unknown" : "");
	for (cfg->copy = 0;; cfg->copy++) {
		cfg->rep = cfg->copy; /* which rep of its suite line a log was is not in it */
		run_config_id(cfg, id);
		if (id_set_has_id(&s->given, id))
			continue;
		id_set_add_id(&s->given, id);
		if (!store_is_finished(&s->store, id))
			return 0;
		if (same_run(s, id, sum->digest))
			return 1;
	}
}

static int batch_open(struct parse_batch *b)
{
	for (int t = 0; t < TAB_COUNT; t++) {
		if (b->rows[t])
			continue;
		if (!(b->rows[t] = open_memstream(&b->buf[t], &b->len[t])))
			return -1;
		__fsetlocking(b->rows[t], FSETLOCKING_BYCALLER); /* one thread: no lock per row */
	}
	return 0;
}

static size_t batch_bytes(struct parse_batch *b)
{
	size_t n = 0;
	for (int t = 0; t < TAB_COUNT; t++)
		n += b->rows[t] ? (size_t)ftell(b->rows[t]) : 0;
	return n;
}

/* Commits the batch's runs (if any) and empties it; its row streams are kept for the next batch
 * (no regrowing, no page faults) unless this is the LAST or they failed. */
static void batch_commit(struct parse_session *s, int last)
{
	struct parse_batch *b = &s->batch;
	char err[512];
	int bad = 0;

	for (int t = 0; t < TAB_COUNT; t++)
		if (b->rows[t] && (fflush(b->rows[t]) || ferror(b->rows[t])))
			bad = 1;
	if (b->n) { /* runs batched before a failure are still whole: commit them */
		if (bad)
			snprintf(err, sizeof(err), "out of memory");
		else /* the logs durable before the rows (logpack.h) */
			bad = logpack_sync(&s->pack, err, sizeof(err));
		if (bad || store_append_rows(&s->store, b->buf, b->len, b->ids, b->n, err, sizeof(err))) {
			cli_error("%s", err);
			s->io_failed = 1;
		} else {
			s->runs += (unsigned)b->n;
		}
	}
	for (int t = 0; t < TAB_COUNT; t++) {
		if (b->rows[t] && !bad && !last) {
			rewind(b->rows[t]);
			b->len[t] = 0;
			continue;
		}
		if (b->rows[t])
			fclose(b->rows[t]);
		free(b->buf[t]);
		b->rows[t] = NULL;
		b->buf[t] = NULL;
		b->len[t] = 0;
	}
	b->n = 0;
}

static int batch_add_id(struct parse_batch *b, uint64_t id)
{
	uint64_t *ids = grow_for_one(b->ids, b->n, &b->cap, sizeof(*ids), 256);

	if (!ids)
		return -1;
	b->ids = ids;
	b->ids[b->n++] = id;
	return 0;
}

/* A run the splitter finished: adds it to the batch unless it has no records or is already
 * there. */
static void on_run(void *ctx, struct logsplit *ls)
{
	struct parse_session *s = ctx;
	struct parse_batch *b = &s->batch;
	const struct run_summary *sum = &ls->col.sum;
	struct run_config cfg;
	char id[RUN_ID_LEN + 1];

	add_counts(s, sum);
	if (s->io_failed)
		return;
	if (sum->refused) {
		fprintf(stderr,
			"s2bench: %s: run %u: protocol version %s is not supported (this s2bench reads %d.x); run skipped\n",
			s->log, ls->ordinal, sum->proto, PROTO_MAJOR);
		s->refused++;
		return;
	}
	if (sum->records == 0 || need_store(s))
		return;
	if (name_run(s, sum, &cfg, id)) {
		s->skipped++;
		return;
	}
	if (batch_open(b)) {
		cli_error("out of memory");
		s->io_failed = 1;
		return;
	}
	uint64_t run_id;
	if (run_id_parse(id, strlen(id), &run_id) || write_log(s, id, run_id, ls) ||
	    batch_add_id(b, run_id)) {
		s->io_failed = 1;
		return;
	}
	for (int t = TAB_BOOTS; t <= TAB_METRICS; t++)
		logsplit_copy_rows(ls->buf[t], ls->len[t], id, b->rows[t]);
	struct collector *named = &ls->col; /* named in place: the splitter starts afresh next run */
	memcpy(named->run_id, id, sizeof(id));
	struct run_outcome o = { .suite = s->suite, .status = collector_status(named),
				 .exit_code = -1, .wall_s = -1, .qemu_version = "",
				 .config_unknown = !sum->have_cfg, .cfg_absent = sum->cfg_absent };
	collector_write_run(named, b->rows[TAB_RUNS], &cfg, &o);
	if (b->n >= BATCH_RUNS || batch_bytes(b) >= BATCH_BYTES)
		batch_commit(s, 0);
}

static int parse_log(struct parse_session *s, const char *path, int fd)
{
	static struct logsplit ls;
	static char chunk[1 << 16];
	ssize_t n;

	s->log = path;
	if (logsplit_begin(&ls, on_run, s))
		return cli_error("out of memory");
	while ((n = read(fd, chunk, sizeof(chunk))) > 0 && !s->io_failed)
		logsplit_feed(&ls, chunk, (size_t)n);
	if (n < 0) /* the run being read when the log failed is not committed */
		s->io_failed = 1;
	logsplit_end(&ls);
	return n < 0 ? cli_error("%s: read error: %s", path, strerror(errno)) : 0;
}

static int usage(void)
{
	fputs("usage: s2bench parse LOG... --out DIR [--board NAME] [--suite NAME]\n"
	      "  Reads console logs ('-' = stdin) and appends their runs to DIR's CSVs.\n",
	      stderr);
	return EXIT_USAGE;
}

/* --suite/--board go into CSV cells as given: refuse what a cell cannot hold rather than cut it. */
static int check_name(const char *opt, const char *v, size_t max)
{
	size_t n = strlen(v);

	if (n == 0 || n > max)
		return cli_error("%s: must be 1 to %zu bytes (got %zu)", opt, max, n);
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return cli_error("%s: control character (newline, tab, ...) in the name", opt);
	return 0;
}

/* Opens every input before anything is written: a missing, unreadable or directory LOG fails the
 * command with nothing created. */
static int open_logs(int n, char **paths, int *fds)
{
	for (int i = 0; i < n; i++) {
		struct stat st;
		int e = 0;
		fds[i] = strcmp(paths[i], "-") == 0 ? 0 : open(paths[i], O_RDONLY | O_CLOEXEC);
		if (fds[i] < 0 || fstat(fds[i], &st))
			e = errno;
		else if (S_ISDIR(st.st_mode))
			e = EISDIR;
		if (e) {
			for (int j = 0; j <= i; j++)
				if (fds[j] > 0)
					close(fds[j]);
			return cli_error("%s: %s", paths[i], strerror(e));
		}
	}
	return 0;
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
	int c, rc = 0;

	while ((c = getopt_long(argc, argv, "o:b:s:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': s.out = optarg; break;
		case 'b': s.board = optarg; break;
		case 's': s.suite = optarg; break;
		default: return usage();
		}
	}
	if (!s.out || optind >= argc)
		return usage();
	/* the sizes of runs.csv's cells (run_config.board, a suite's name) */
	if (check_name("--suite", s.suite, 63) || (s.board && check_name("--board", s.board, 31)))
		return 1;
	int nlogs = argc - optind, *fds = calloc((size_t)nlogs, sizeof(*fds));
	if (!fds || open_logs(nlogs, argv + optind, fds)) {
		free(fds);
		return 1;
	}
	for (int i = 0; i < nlogs && !rc && !s.io_failed; i++)
		rc = parse_log(&s, argv[optind + i], fds[i]);
	batch_commit(&s, 1); /* before the summary: what it counts as written is durable */
	for (int i = 0; i < nlogs; i++)
		if (fds[i])
			close(fds[i]);
	free(fds);
	if (!rc && !s.io_failed && !s.refused)
		need_store(&s); /* a log without runs still leaves a valid, empty result directory */
	fprintf(stderr,
		"parse: %u runs written to %s (%u already there, %u refused); %u records, %u bad CRC, %u truncated, %u malformed, %u noise lines, %u over-long, %u misplaced\n",
		s.runs, s.out, s.skipped, s.refused, s.records, s.bad_crc, s.truncated, s.malformed,
		s.noise, s.overlong, s.misplaced);
	free(s.given.slots);
	free(s.batch.ids);
	logpack_close(&s.pack);
	log_index_free(&s.index);
	id_set_free(&s.own_logs);
	if (s.store_open)
		store_close(&s.store);
	return rc || s.io_failed || s.refused ? 1 : 0;
}
