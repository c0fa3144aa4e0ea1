/* See cost_model.h: one reboot's counts times a profile's constants, with the spread carried. */
#include "cost_model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const term_names[CT_NTERMS] = {
	"loaded lines", "other reinit lines", "fault lines", "faults", "pages mapped", "TLBIs",
	"I-cache invalidates", "other instructions",
};

const char *cost_term_name(enum cost_term t)
{
	return t < CT_NTERMS ? term_names[t] : NULL;
}

/* A level's size in bytes; 0 when the profile does not give it. */
static uint64_t cache_size(const struct profile *p, int level)
{
	const struct profile_cache *c = &p->cache[level];
	return c->state == CACHE_GEOMETRY && c->size > 0 ? (uint64_t)c->size : 0;
}

int cost_model_class(const struct profile *p, uint64_t bytes)
{
	uint64_t l1 = cache_size(p, PROF_CACHE_L1D), l2 = cache_size(p, PROF_CACHE_L2);

	if (!l1)
		return -1;
	if (bytes <= l1)
		return PROF_L1;
	if (!l2)
		return -1;
	if (bytes <= l2)
		return PROF_L2;
	if (p->cache[PROF_CACHE_LLC].state == CACHE_IS_L2)
		return PROF_MEM; /* no third level: past the L2 is memory */
	uint64_t llc = cache_size(p, PROF_CACHE_LLC);
	if (!llc)
		return -1;
	return bytes <= llc ? PROF_LLC : PROF_MEM;
}

static int bad(char *why, size_t len, const char *what, double v)
{
	snprintf(why, len, "bad count: %s = %g (a count must be finite and >= 0)", what, v);
	return -1;
}

/* The counts, checked: NULL-free, finite, non-negative, loaded lines within the reinit's. */
static int check_counts(const struct cost_counts *c, char *why, size_t len)
{
	const struct {
		const char *name;
		double v;
	} f[] = {
		{"reinit_lines", c->reinit_lines},   {"reinit_lines_loaded", c->reinit_lines_loaded},
		{"fault_lines", c->fault_lines},     {"faults", c->faults},
		{"pages_mapped", c->pages_mapped},   {"tlbis", c->tlbis},
		{"icache_invals", c->icache_invals}, {"reboot_insts", c->reboot_insts},
	};

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (!isfinite(f[i].v) || f[i].v < 0)
			return bad(why, len, f[i].name, f[i].v);
	if (c->reinit_lines_loaded > c->reinit_lines) {
		snprintf(why, len, "bad counts: reinit_lines_loaded = %g exceeds reinit_lines = %g",
			 c->reinit_lines_loaded, c->reinit_lines);
		return -1;
	}
	if (c->block != 4096 && c->block != 2u << 20) {
		snprintf(why, len, "bad block size %llu (4096 or 2 MiB)", (unsigned long long)c->block);
		return -1;
	}
	return 0;
}

/* Each term's count and the constant that prices it (-1: the class of RAM is unknown); N_other
 * comes after, from the path lengths (other_insts). */
static void set_terms(const struct cost_counts *c, int cls, struct cost_interval *o)
{
	int dirty = cls < 0 ? -1 : profile_cmo(PROF_CIVAC, PROF_DIRTY, cls);
	int absent = cls < 0 ? -1 : profile_cmo(PROF_CIVAC, PROF_ABSENT, cls);

	o->count[CT_LOADED_LINES] = c->reinit_lines_loaded, o->constant[CT_LOADED_LINES] = dirty;
	o->count[CT_OTHER_LINES] = c->reinit_lines - c->reinit_lines_loaded;
	o->constant[CT_OTHER_LINES] = absent;
	o->count[CT_FAULT_LINES] = c->fault_lines, o->constant[CT_FAULT_LINES] = absent;
	o->count[CT_FAULTS] = c->faults, o->constant[CT_FAULTS] = PROF_S2_FAULT;
	o->count[CT_MAPS] = c->pages_mapped;
	o->constant[CT_MAPS] = c->block == 4096 ? PROF_MAP_4K : PROF_MAP_2M;
	o->count[CT_TLBIS] = c->tlbis, o->constant[CT_TLBIS] = PROF_TLBI_VMALLS12E1IS;
	o->count[CT_ICACHE] = c->icache_invals, o->constant[CT_ICACHE] = PROF_IC_IALLUIS;
	o->constant[CT_INSTS] = PROF_INST;
}

double cost_model_path(const struct profile *paths, int c)
{
	if (c < 0)
		return -1;
	if (paths->c[c].known && paths->c[c].have_path)
		return paths->c[c].path;
	if (c >= PROF_NCMO)
		return -1;
	for (int cls = PROF_NCLASSES - 1; cls >= 0; cls--) {
		int k = profile_cmo(c / (PROF_NSTATES * PROF_NCLASSES), c / PROF_NCLASSES % PROF_NSTATES, cls);
		if (paths->c[k].known && paths->c[k].have_path)
			return paths->c[k].path;
	}
	return -1;
}

/* N_other = reboot_insts - sum of count x path length over the priced operations, clamped at 0:
 * the instructions no constant already prices. Without a path length for a term that has a
 * count, N_other is unknown (nopath says which). */
static void other_insts(const struct cost_counts *c, const struct profile *paths, int cls,
			struct cost_interval *o)
{
	double other = c->reboot_insts;

	for (int t = 0; t < CT_INSTS; t++) {
		int k = o->constant[t];
		double len;
		if (o->count[t] == 0)
			continue;
		if (t <= CT_FAULT_LINES && cls < 0) /* no class: the path of the op and state anyway */
			k = profile_cmo(PROF_CIVAC, t == CT_LOADED_LINES ? PROF_DIRTY : PROF_ABSENT, PROF_MEM);
		len = cost_model_path(paths, k);
		if (len < 0)
			o->nopath |= 1u << t;
		else
			other -= o->count[t] * len;
	}
	o->clamped = !o->nopath && other < 0;
	o->count[CT_INSTS] = o->nopath ? NAN : other < 0 ? 0 : other;
}

int cost_model_predict(const struct profile *p, const struct cost_counts *c, uint64_t guest_mem,
		       struct cost_interval *out, char *why, size_t whylen)
{
	return cost_model_predict_paths(p, p, c, guest_mem, out, why, whylen);
}

int cost_model_predict_paths(const struct profile *p, const struct profile *paths,
			     const struct cost_counts *c, uint64_t guest_mem, struct cost_interval *out,
			     char *why, size_t whylen)
{
	memset(out, 0, sizeof(*out));
	if (whylen)
		why[0] = '\0';
	if (check_counts(c, why, whylen))
		return -1;
	out->cls = cost_model_class(p, guest_mem);
	set_terms(c, out->cls, out);
	other_insts(c, paths ? paths : p, out->cls, out);
	for (int t = 0; t < CT_NTERMS; t++) {
		double lo, hi, v, n = out->count[t];
		int known = out->constant[t] >= 0 && profile_known(p, out->constant[t]);

		out->term_ns[t] = NAN;
		if (t == CT_INSTS && out->nopath) { /* N_other unknown: nothing to price it by */
			out->missing |= 1u << t;
			out->lacks_inst = !known;
			continue;
		}
		if (n == 0) {
			out->term_ns[t] = 0; /* nothing to price: no constant needed */
			continue;
		}
		if (!known) {
			out->missing |= 1u << t;
			out->lacks_inst |= t == CT_INSTS;
			continue;
		}
		v = profile_value(p, out->constant[t], &lo, &hi);
		if (isnan(lo) || isnan(hi)) {
			out->unspread |= 1u << t;
			lo = hi = v;
		}
		out->term_ns[t] = n * v;
		out->mid_ns += n * v, out->lo_ns += n * lo, out->hi_ns += n * hi;
	}
	if (!out->missing)
		return 0;
	cost_model_missing(out, why, whylen);
	return 1;
}

/* The name of what term T lacks: its constant, or the class when the geometry cannot give it. */
static void lacked(const struct cost_interval *o, int t, char *buf, size_t len)
{
	if (o->constant[t] >= 0)
		snprintf(buf, len, "%s", profile_const_name(o->constant[t]));
	else
		snprintf(buf, len, "dc_civac.%s.<class of RAM: cache sizes not given>",
			 t == CT_LOADED_LINES ? "dirty" : "absent");
}

/* "lacks A, B, C": the names, each once, in the order first given. */
struct name_list {
	char *buf;
	size_t len, at;
	char seen[2 * CT_NTERMS][112];
	int nseen;
};

static void name_add(struct name_list *l, const char *name)
{
	for (int i = 0; i < l->nseen; i++)
		if (!strcmp(l->seen[i], name))
			return;
	if (l->at >= l->len || l->nseen == 2 * CT_NTERMS)
		return;
	snprintf(l->seen[l->nseen++], sizeof(l->seen[0]), "%s", name);
	int n = snprintf(l->buf + l->at, l->len - l->at, "%s%s", l->at ? ", " : "lacks ", name);
	l->at = n < 0 ? l->len : l->at + (size_t)n;
}

void cost_model_missing(const struct cost_interval *o, char *buf, size_t len)
{
	struct name_list l = {.buf = buf, .len = len};
	char name[112];

	if (!len)
		return;
	buf[0] = '\0';
	for (int t = 0; t < CT_NTERMS; t++) {
		if (!(o->missing & 1u << t) || (t == CT_INSTS && !o->lacks_inst))
			continue;
		lacked(o, t, name, sizeof(name));
		name_add(&l, name);
	}
	for (int t = 0; t < CT_NTERMS; t++) {
		if (!(o->nopath & 1u << t))
			continue;
		snprintf(name, sizeof(name), "the path length of %s",
			 o->constant[t] >= 0 ? profile_const_name(o->constant[t]) : "a DC CIVAC");
		name_add(&l, name);
	}
	if (l.at >= len || !(o->missing & 1u << CT_INSTS))
		return;
	if (o->nopath)
		snprintf(buf + l.at, len - l.at, " (maintenance and faults only, other instructions not "
			 "priced: give a profile calibrated where the CPU counts instructions as --paths)");
	else
		snprintf(buf + l.at, len - l.at, " (maintenance and faults only, %.0f other instructions not priced)",
			 o->count[CT_INSTS]);
}
