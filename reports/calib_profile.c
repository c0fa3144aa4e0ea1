/* A calibration run → a profile (docs/profiles.md): one measured source, every constant's median
 * per operation with its interquartile range, the size classes from the CPU's own geometry. */
#include "calib.h"
#include "../harness/errmsg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define SOURCE 0 /* the one source: this calibration run */

static long level_size(const struct calib_run *run, int level)
{
	return level >= 1 && level <= run->last_level && run->cache_line[level]
		       ? run->cache_line[level] * run->cache_sets[level] * run->cache_ways[level]
		       : 0;
}

/* The class of a buffer of BYTES: it fits the L1D, the L2, the last level, or none; -1 when the
 * geometry cannot say (a level missing below it). */
static int size_class(const struct calib_run *run, uint64_t bytes)
{
	long l1 = level_size(run, 1), l2 = level_size(run, 2), llc = level_size(run, run->last_level);

	if (!l1 || !llc)
		return -1;
	if (bytes <= (uint64_t)l1)
		return PROF_L1;
	if (run->last_level >= 2 && !l2)
		return -1;
	if (run->last_level >= 2 && bytes <= (uint64_t)l2)
		return PROF_L2;
	if (bytes <= (uint64_t)llc)
		return PROF_LLC;
	return PROF_MEM;
}

/* How a total in the chosen clock becomes one operation's cost. */
struct time_unit {
	int cycles;          /* 1: PMU cycles at the measured clock; 0: ns by the generic timer */
	double ns_per_tick;
};

static int cite_measured(struct profile_cite *cite)
{
	memset(cite, 0, sizeof(*cite));
	cite->source = SOURCE;
	return 1;
}

/* Thousandths: finer than any clock resolves, and monotonic, so lo <= value <= hi still holds. */
static double milli(double x)
{
	return round(x * 1000.0) / 1000.0;
}

static void set_spread(struct profile_value *v, double med, double lo, double hi, uint64_t n)
{
	v->known = 1;
	v->value = milli(med);
	v->spread = SPREAD_IQR;
	v->lo = milli(lo);
	v->hi = milli(hi);
	v->n = (long)n;
	v->ncite = cite_measured(&v->cite[0]);
}

static void set_time(struct profile_value *v, const struct calib_meas *m, const struct time_unit *u)
{
	int cycles = u->cycles && m->cycles.have;
	const struct calib_stat *s = cycles ? &m->cycles : &m->ticks;
	double k = (cycles ? 1.0 : u->ns_per_tick) / (double)m->ops;

	set_spread(v, s->med * k, s->q1 * k, s->q3 * k, m->n);
	v->unit = cycles ? PU_CYCLES : PU_NS;
	/* every operation retires instructions: a count that did not move is no counter */
	v->have_path = m->have_insts && m->insts > 0;
	v->path = v->have_path ? milli((double)m->insts / (double)m->ops) : 0;
}

/* Bytes per cycle, or GB/s (bytes per ns); the slowest quartile gives the low bound. */
static void set_bandwidth(struct profile_value *v, const struct calib_meas *m, const struct time_unit *u)
{
	int cycles = u->cycles && m->cycles.have;
	const struct calib_stat *s = cycles ? &m->cycles : &m->ticks;
	double per = cycles ? 1.0 : u->ns_per_tick, b = (double)m->bytes * (double)m->ops;

	if (s->q1 <= 0)
		return; /* too fast for the clock: not a number */
	set_spread(v, b / (s->med * per), b / (s->q3 * per), b / (s->q1 * per), m->n);
	v->unit = cycles ? PU_BYTES_PER_CYCLE : PU_GBPS;
}

/* The largest buffer of each (operation, state, class): the one that best fills the class. */
static void set_cmos(struct profile *p, const struct calib_run *run, const struct time_unit *u)
{
	const struct calib_meas *best[PROF_NCMO] = {0};

	for (int i = 0; i < run->nmeas; i++) {
		const struct calib_meas *m = &run->meas[i];
		int cls = m->op == CALIB_DC_CIVAC || m->op == CALIB_DC_CVAC ? size_class(run, m->bytes) : -1;
		if (cls < 0)
			continue;
		int c = profile_cmo(m->op == CALIB_DC_CIVAC ? PROF_CIVAC : PROF_CVAC, m->state, cls);
		if (!best[c] || m->bytes > best[c]->bytes)
			best[c] = m;
	}
	for (int c = 0; c < PROF_NCMO; c++)
		if (best[c])
			set_time(&p->c[c], best[c], u);
}

static void set_caches(struct profile *p, const struct calib_run *run)
{
	static const int key_level[PROF_NCACHES] = {1, 2, 0}; /* cache.llc: the last level */

	for (int i = 0; i < PROF_NCACHES; i++) {
		struct profile_cache *c = &p->cache[i];
		int level = key_level[i] ? key_level[i] : run->last_level;

		c->line = c->sets = c->ways = c->size = -1;
		if (i == PROF_CACHE_LLC && run->last_level == 2) {
			c->state = CACHE_IS_L2;
			continue;
		}
		if ((i == PROF_CACHE_LLC && run->last_level < 3) || !level_size(run, level))
			continue; /* unknown: CACHE_UNKNOWN */
		c->state = CACHE_GEOMETRY;
		c->line = run->cache_line[level];
		c->sets = run->cache_sets[level];
		c->ways = run->cache_ways[level];
		c->size = level_size(run, level);
		c->ncite = cite_measured(&c->cite[0]);
	}
}

static const struct {
	enum calib_op op;
	int constant;
} plain[] = {
	{CALIB_IC_IALLUIS, PROF_IC_IALLUIS}, {CALIB_TLBI, PROF_TLBI_VMALLS12E1IS}, {CALIB_HVC, PROF_HVC},
	{CALIB_S2_FAULT, PROF_S2_FAULT},     {CALIB_MAP_4K, PROF_MAP_4K},          {CALIB_MAP_2M, PROF_MAP_2M},
};

static void set_others(struct profile *p, const struct calib_run *run, const struct time_unit *u)
{
	for (int i = 0; i < run->nmeas; i++) {
		const struct calib_meas *m = &run->meas[i];
		if (m->op == CALIB_WRITE_BW)
			set_bandwidth(&p->c[PROF_WRITE_BW], m, u);
		for (size_t k = 0; k < sizeof(plain) / sizeof(plain[0]); k++)
			if (plain[k].op == m->op)
				set_time(&p->c[plain[k].constant], m, u);
	}
}

/* QEMU's numbers are not a CPU's: the harness knows it started QEMU, and virt names itself. */
static int is_emulator(const struct calib_run *run, const struct calib_meta *meta)
{
	return meta->emulator || strncmp(run->board, "qemu", 4) == 0;
}

static void set_header(struct profile *p, const struct calib_run *run, const struct calib_meta *meta)
{
	struct profile_source *s = &p->src[SOURCE];
	int emu = is_emulator(run, meta);

	snprintf(p->name, sizeof(p->name), "%s", meta->name);
	if (emu)
		snprintf(p->cpu, sizeof(p->cpu),
			 "QEMU %s TCG emulator, not a CPU: board %s (hello board=%s), emulated MIDR 0x%08lx; every number is the emulator's",
			 meta->emulator ? meta->emulator : "", meta->board, run->board, run->midr);
	else
		snprintf(p->cpu, sizeof(p->cpu), "the CPU of board %s (hello board=%s), MIDR 0x%08lx",
			 meta->board, run->board, run->midr);
	p->midr_full_known = 1;
	p->midr_full = run->midr;
	p->midr_impl = (unsigned)(run->midr >> 24) & 0xff;
	p->midr_part = (unsigned)(run->midr >> 4) & 0xfff;
	snprintf(p->made, sizeof(p->made), "%s s2bench calibrate --board %s", meta->date, meta->board);
	p->nsrc = 1;
	s->kind = PROV_MEASURED;
	snprintf(s->id, sizeof(s->id), "calib");
	snprintf(s->board, sizeof(s->board), "%s", meta->board);
	snprintf(s->date, sizeof(s->date), "%s", meta->date);
	snprintf(s->method, sizeof(s->method),
		 "s2b.guest=calib: PMU cycle counter and generic timer, median and IQR of n samples per constant%s",
		 !emu ? "" : meta->wall_clock ? "; QEMU TCG without -icount, so emulator numbers in emulation wall-clock"
					       : "; QEMU TCG with -icount shift=0, so emulator numbers");
	snprintf(s->s2hv, sizeof(s->s2hv), "%s", run->hv);
}

int calib_profile_build(const struct calib_run *run, const struct calib_meta *meta, struct profile *p,
			char *err, size_t errlen)
{
	struct time_unit u = {0};
	const struct calib_meas *clk = &run->clock;

	if (!run->have_hello || !run->have_midr || !run->hv[0])
		return errmsg(err, errlen, "no hello record with midr and hv: the CPU and s2hv version are unknown");
	if (!run->cntfrq)
		return errmsg(err, errlen, "no op=clock record: the generic timer's frequency is unknown");
	memset(p, 0, sizeof(*p));
	set_header(p, run, meta);
	u.ns_per_tick = 1e9 / (double)run->cntfrq;
	/* cycles per tick x ticks per us = MHz; a counter that did not move is no clock */
	if (clk->cycles.have && clk->cycles.med > 0 && clk->ticks.med > 0) {
		u.cycles = 1;
		p->clock = (struct profile_value){.known = 1, .unit = PU_MHZ};
		p->clock.value = milli(clk->cycles.med / clk->ticks.med * (double)run->cntfrq / 1e6);
		p->clock.ncite = cite_measured(&p->clock.cite[0]);
	}
	if (run->clock_insts) { /* the clock's loop, per instruction */
		struct calib_meas loop = *clk;
		loop.ops = run->clock_insts;
		loop.have_insts = 0; /* one instruction is its own path: nothing to subtract */
		set_time(&p->c[PROF_INST], &loop, &u);
	}
	set_caches(p, run);
	set_cmos(p, run, &u);
	set_others(p, run, &u);
	return 0;
}
