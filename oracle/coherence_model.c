/* The oracle's coherence model (see coherence_model.h for what it decides and why). */
#include "coherence_model.h"

#include <stdlib.h>
#include <string.h>

struct cm_line {
	uint64_t key;		/* line number + 1; 0 = empty slot */
	uint32_t data_ver;	/* bumped by every write: the newest data */
	uint32_t pou_ver;	/* the version that has reached memory (PoU = PoC here) */
	uint32_t ic_ver[CM_MAX_CPUS];	/* version each CPU's I-cache filled, valid if ic_gen matches */
	uint32_t ic_gen[CM_MAX_CPUS];	/* icache_gen at fill + 1; 0 = not in that I-cache */
	uint32_t guest_own;	/* the model's boot + 1 when the guest's own write is the newest */
	bool present, dirty, discarded, nc_stale;
};

static const char *const names[CM_NVIOLATIONS] = {
	[CM_NC_READ_DIRTY] = "nc_read_dirty",
	[CM_READ_DISCARDED] = "read_discarded",
	[CM_READ_STALE_CACHED] = "read_stale_cached",
	[CM_IFETCH_STALE] = "ifetch_stale",
	[CM_DC_STEP] = "dc_step",
};

const char *cm_violation_name(enum cm_violation v)
{
	return v < CM_NVIOLATIONS ? names[v] : "?";
}

bool cm_init(struct cm_model *m, unsigned line_size, unsigned ncpus)
{
	memset(m, 0, sizeof(*m));
	if (line_size < 16 || (line_size & (line_size - 1)) || ncpus == 0 || ncpus > CM_MAX_CPUS)
		return false;
	while ((1u << m->line_shift) < line_size)
		m->line_shift++;
	m->ncpus = ncpus;
	m->cap = 1u << 16;
	m->lines = calloc(m->cap, sizeof(*m->lines));
	return m->lines != NULL;
}

void cm_free(struct cm_model *m)
{
	free(m->lines);
	m->lines = NULL;
}

static uint64_t hash(uint64_t k)
{
	k *= 0x9e3779b97f4a7c15ull;
	return k ^ (k >> 29);
}

static struct cm_line *slot(struct cm_line *tab, uint64_t cap, uint64_t key)
{
	for (uint64_t i = hash(key) & (cap - 1);; i = (i + 1) & (cap - 1))
		if (tab[i].key == key || tab[i].key == 0)
			return &tab[i];
}

/* The line's record, created (never cached, version 0) on first touch; NULL without memory. */
static struct cm_line *line(struct cm_model *m, uint64_t lineno)
{
	uint64_t key = lineno + 1;
	struct cm_line *l = slot(m->lines, m->cap, key);
	if (l->key == key)
		return l;
	if ((m->nlines + 1) * 2 > m->cap) {	/* keep the table at most half full */
		struct cm_line *tab = calloc(m->cap * 2, sizeof(*tab));
		if (!tab)
			return NULL;
		for (uint64_t i = 0; i < m->cap; i++)
			if (m->lines[i].key)
				*slot(tab, m->cap * 2, m->lines[i].key) = m->lines[i];
		free(m->lines);
		m->lines = tab;
		m->cap *= 2;
		l = slot(m->lines, m->cap, key);
	}
	memset(l, 0, sizeof(*l));
	l->key = key;
	m->nlines++;
	return l;
}

static void violation(struct cm_model *m, enum cm_violation v, uint64_t pa)
{
	if (m->violations[v]++ == 0)
		m->first_violation_pa[v] = pa;
}

/* Calls fn on each line of [pa, pa + size), size >= 1. */
#define FOR_LINES(m, pa, size, l)                                                              \
	for (uint64_t _n = (pa) >> (m)->line_shift, _e = ((pa) + (size) - 1) >> (m)->line_shift; \
	     _n <= _e; _n++)                                                                     \
		for (struct cm_line *l = line((m), _n); l; l = NULL)

void cm_read(struct cm_model *m, uint64_t pa, unsigned size, bool cacheable)
{
	FOR_LINES(m, pa, size ? size : 1, l) {
		if (l->discarded)
			violation(m, CM_READ_DISCARDED, pa);
		if (cacheable) {
			if (l->present && l->nc_stale)
				violation(m, CM_READ_STALE_CACHED, pa);
			l->present = true;
		} else if (l->dirty) {
			violation(m, CM_NC_READ_DIRTY, pa);
		}
	}
}

void cm_write(struct cm_model *m, uint64_t pa, unsigned size, bool cacheable)
{
	FOR_LINES(m, pa, size ? size : 1, l) {
		l->data_ver++;
		l->guest_own = 0;
		/*
		 * Lines, not bytes: a write after an invalidate is taken to replace what was lost
		 * (software rewrites a buffer it invalidated), so later reads are not flagged.
		 */
		l->discarded = false;
		if (cacheable) {
			l->present = l->dirty = true;
		} else {
			l->pou_ver = l->data_ver;
			if (l->present)	/* the cached copy no longer matches memory */
				l->nc_stale = true;
		}
	}
}

void cm_guest_own_write(struct cm_model *m, uint64_t pa, unsigned size)
{
	FOR_LINES(m, pa, size ? size : 1, l)
		l->guest_own = m->boot + 1;
}

void cm_new_boot(struct cm_model *m)
{
	m->boot++;
}

void cm_ifetch(struct cm_model *m, unsigned cpu, uint64_t pa)
{
	if (cpu >= m->ncpus)
		cpu = 0;
	FOR_LINES(m, pa, 4, l) {
		uint32_t gen = m->icache_gen[cpu] + 1;
		if (l->ic_gen[cpu] != gen) {	/* miss: fill from the point of unification */
			l->ic_gen[cpu] = gen;
			l->ic_ver[cpu] = m->idc ? l->data_ver : l->pou_ver;
		}
		if (l->ic_ver[cpu] == l->data_ver)
			continue;
		if (l->guest_own == m->boot + 1)
			m->ifetch_guest_own++;
		else
			violation(m, CM_IFETCH_STALE, pa);
	}
}

/* The line's record if it has one: maintenance of untouched lines creates none (it is cheap
 * over the large ranges strategies clean). */
static struct cm_line *existing(struct cm_model *m, uint64_t lineno)
{
	struct cm_line *l = slot(m->lines, m->cap, lineno + 1);
	return l->key ? l : NULL;
}

void cm_dc_range(struct cm_model *m, enum cm_dc_op op, uint64_t pa, uint64_t size)
{
	if (size == 0)
		return;
	for (uint64_t n = pa >> m->line_shift, e = (pa + size - 1) >> m->line_shift; n <= e; n++) {
		struct cm_line *l = existing(m, n);
		if (!l) {
			m->dc_lines[CM_ABSENT]++;
			continue;
		}
		m->dc_lines[!l->present ? CM_ABSENT : l->dirty ? CM_DIRTY : CM_CLEAN]++;
		if (op == CM_DC_IVAC) {
			if (l->dirty)	/* written data that never reached memory is gone */
				l->discarded = true;
		} else if (l->dirty) {
			if (l->nc_stale)	/* the write-back overwrites a non-cacheable write */
				l->discarded = true;
			else
				l->pou_ver = l->data_ver;
		}
		l->dirty = false;
		if (op != CM_DC_CVAC)
			l->present = l->nc_stale = false;
	}
}

void cm_dc_loop(struct cm_model *m, uint64_t first, uint64_t last, uint64_t ndc)
{
	uint64_t lines = last >= first ? (last >> m->line_shift) - (first >> m->line_shift) + 1 : 0;
	if (ndc != lines)
		violation(m, CM_DC_STEP, first);
}

void cm_ic_ivau_range(struct cm_model *m, uint64_t pa, uint64_t size)
{
	if (size == 0)
		return;
	for (uint64_t n = pa >> m->line_shift, e = (pa + size - 1) >> m->line_shift; n <= e; n++) {
		struct cm_line *l = existing(m, n);
		if (l)	/* IVAU reaches every CPU (Inner Shareable) */
			memset(l->ic_gen, 0, sizeof(l->ic_gen));
	}
}

void cm_ic_iallu(struct cm_model *m, unsigned cpu, bool inner_shareable)
{
	for (unsigned c = 0; c < m->ncpus; c++)
		if (inner_shareable || c == cpu)
			m->icache_gen[c]++;
}

uint64_t cm_total_violations(const struct cm_model *m)
{
	uint64_t t = 0;
	for (int v = 0; v < CM_NVIOLATIONS; v++)
		t += m->violations[v];
	return t;
}
