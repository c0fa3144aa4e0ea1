/* `hello` and `calib` records → struct calib_run. The record grammar (harness/proto_check.c) has
 * already typed every number; this checks what a profile needs to be true of them. */
#include "calib.h"
#include "../harness/errmsg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const op_names[CALIB_NOPS] = {
	"cache", "clock", "dc_civac", "dc_cvac", "ic_ialluis", "tlbi_vmalls12e1is",
	"hvc", "s2_fault", "map_4k", "map_2m", "write_bw",
};
static const char *const state_names[PROF_NSTATES] = {"absent", "clean", "dirty"};

const char *calib_op_name(enum calib_op op)
{
	return op_names[op];
}


static const char *get(const struct record *rec, const char *key)
{
	for (int i = 0; i < rec->nkv; i++)
		if (strcmp(rec->kv[i].key, key) == 0)
			return rec->kv[i].val;
	return NULL;
}

/* A number the record must have: 0 and *v set, or -1 (missing or not a number). */
static int need(const struct record *rec, const char *key, uint64_t *v)
{
	const char *s = get(rec, key);
	char *end;

	if (!s || !*s)
		return -1;
	*v = strtoull(s, &end, 0);
	return *end ? -1 : 0;
}

static int word_index(const char *const *words, int n, const char *w)
{
	for (int i = 0; w && i < n; i++)
		if (strcmp(words[i], w) == 0)
			return i;
	return -1;
}

/* UNIT_med/q1/q3: all three or none, and q1 <= med <= q3. */
static int take_stat(const struct record *rec, const char *unit, struct calib_stat *st, char *err,
		     size_t errlen)
{
	static const char *const parts[3] = {"med", "q1", "q3"};
	uint64_t v[3];
	int have = 0;
	char key[24];

	for (int i = 0; i < 3; i++) {
		snprintf(key, sizeof(key), "%s_%s", unit, parts[i]);
		have += need(rec, key, &v[i]) == 0;
	}
	if (have == 0)
		return 0;
	if (have != 3)
		return errmsg(err, errlen, "%s: needs %s_med, %s_q1 and %s_q3 together", unit, unit, unit, unit);
	if (v[1] > v[0] || v[0] > v[2])
		return errmsg(err, errlen, "%s: quartiles out of order (q1 %llu, med %llu, q3 %llu)", unit,
			      (unsigned long long)v[1], (unsigned long long)v[0], (unsigned long long)v[2]);
	*st = (struct calib_stat){1, (double)v[0], (double)v[1], (double)v[2]};
	return 0;
}

static int take_cache(struct calib_run *run, const struct record *rec, char *err, size_t errlen)
{
	uint64_t level, line, sets, ways, size;

	if (need(rec, "level", &level) || need(rec, "line", &line) || need(rec, "sets", &sets) ||
	    need(rec, "ways", &ways) || need(rec, "size", &size))
		return errmsg(err, errlen, "op=cache: needs level, line, sets, ways and size");
	if (level < 1 || level > CALIB_MAX_LEVELS || !line || !sets || !ways)
		return errmsg(err, errlen, "op=cache: level 1..%d and non-zero geometry", CALIB_MAX_LEVELS);
	if (line > (1u << 20) || sets > (1u << 24) || ways > (1u << 21) || line * sets * ways != size)
		return errmsg(err, errlen, "op=cache level %llu: line x sets x ways is not size %llu",
			      (unsigned long long)level, (unsigned long long)size);
	if (run->cache_line[level])
		return errmsg(err, errlen, "op=cache: level %llu twice", (unsigned long long)level);
	run->cache_line[level] = (long)line;
	run->cache_sets[level] = (long)sets;
	run->cache_ways[level] = (long)ways;
	if ((int)level > run->last_level)
		run->last_level = (int)level;
	return 0;
}

static int take_timed(struct calib_run *run, enum calib_op op, const struct record *rec, char *err,
		      size_t errlen)
{
	struct calib_meas m = {.op = op, .state = -1};
	int dc = op == CALIB_DC_CIVAC || op == CALIB_DC_CVAC;

	if (need(rec, "ops", &m.ops) || need(rec, "n", &m.n) || !m.ops || !m.n)
		return errmsg(err, errlen, "op=%s: needs ops and n, both non-zero", op_names[op]);
	if (take_stat(rec, "cycles", &m.cycles, err, errlen) || take_stat(rec, "ticks", &m.ticks, err, errlen))
		return -1;
	if (get(rec, "insts_med")) { /* where the CPU counts instructions: the path length */
		if (need(rec, "insts_med", &m.insts))
			return errmsg(err, errlen, "op=%s: insts_med must be a count", op_names[op]);
		m.have_insts = 1;
	}
	if (!m.ticks.have)
		return errmsg(err, errlen, "op=%s: no ticks_* (the generic timer is always there)", op_names[op]);
	if ((dc || op == CALIB_WRITE_BW) && (need(rec, "bytes", &m.bytes) || !m.bytes))
		return errmsg(err, errlen, "op=%s: needs bytes", op_names[op]);
	if (dc && (m.state = word_index(state_names, PROF_NSTATES, get(rec, "state"))) < 0)
		return errmsg(err, errlen, "op=%s: needs state=absent/clean/dirty", op_names[op]);
	if (op == CALIB_CLOCK) {
		if (need(rec, "cntfrq", &run->cntfrq) || !run->cntfrq)
			return errmsg(err, errlen, "op=clock: needs a non-zero cntfrq");
		if (get(rec, "insts") && (need(rec, "insts", &run->clock_insts) || !run->clock_insts))
			return errmsg(err, errlen, "op=clock: insts must be a non-zero count");
		run->clock = m;
		return 0;
	}
	if (run->nmeas == CALIB_MAX_MEAS)
		return errmsg(err, errlen, "more than %d measurements", CALIB_MAX_MEAS);
	run->meas[run->nmeas++] = m;
	return 0;
}

static void take_hello(struct calib_run *run, const struct record *rec)
{
	const char *board = get(rec, "board"), *hv = get(rec, "hv"), *midr = get(rec, "midr");

	run->have_hello = 1;
	snprintf(run->board, sizeof(run->board), "%s", board ? board : "");
	snprintf(run->hv, sizeof(run->hv), "%s", hv ? hv : "");
	run->have_midr = midr != NULL;
	run->midr = midr ? strtoul(midr, NULL, 0) : 0;
}

int calib_take(struct calib_run *run, const struct record *rec, char *err, size_t errlen)
{
	if (strcmp(rec->kind, "hello") == 0) {
		take_hello(run, rec);
		return 0;
	}
	if (strcmp(rec->kind, "calib") != 0)
		return 0;
	int op = word_index(op_names, CALIB_NOPS, get(rec, "op"));
	if (op < 0)
		return errmsg(err, errlen, "calib: unknown op `%s`", get(rec, "op") ? get(rec, "op") : "");
	return op == CALIB_CACHE ? take_cache(run, rec, err, errlen) : take_timed(run, (enum calib_op)op, rec, err, errlen);
}
