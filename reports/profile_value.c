/* The value lines of a profile: constants, the clock and cache geometry, each with its unit,
 * spread and provenance (docs/profiles.md, "Constants" and "Sources and provenance"). */
#include "profile_parse.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int is_bandwidth(int c)
{
	return c == PROF_WRITE_BW;
}

/* Non-negative finite decimal, the whole token. */
static int parse_number(struct prof_ctx *x, const char *key, const struct profile_token *t, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(t->s, &end);
	if (t->quoted || !*t->s || *end || errno || !isfinite(*out) || *out < 0 ||
	    !isdigit((unsigned char)t->s[0]) || strpbrk(t->s, "xX")) /* strtod would take hex floats */
		return prof_fail(x, x->line, "%s: bad number `%s`", key, t->s);
	return 0;
}

/* Cache sizes and counts: decimal, optionally K/M/G (binary multiples); `-` is unknown (-1). */
static int parse_count(struct prof_ctx *x, const char *key, const struct profile_token *t, long *out)
{
	char *end;
	unsigned long long v;

	if (!strcmp(t->s, "-")) {
		*out = -1;
		return 0;
	}
	errno = 0;
	v = strtoull(t->s, &end, 10);
	int shift = *end == 'K' ? 10 : *end == 'M' ? 20 : *end == 'G' ? 30 : 0;
	if (shift)
		end++;
	if (t->quoted || !isdigit((unsigned char)t->s[0]) || *end || errno || !v || v > (1ULL << 40) >> shift)
		return prof_fail(x, x->line, "%s: bad number `%s`", key, t->s);
	*out = (long)(v << shift);
	return 0;
}

int prof_find_source(const struct profile *p, const char *id)
{
	for (int i = 0; i < p->nsrc; i++)
		if (!strcmp(p->src[i].id, id))
			return i;
	return -1;
}

/* One or more `published ID [at "where"]` / `measured ID`: the tail of every value line. */
static int parse_provenance(struct prof_ctx *x, const char *key, const struct profile_token *t, int n,
			    struct profile_cite *cite, int *ncite)
{
	if (n == 0)
		return prof_fail(x, x->line,
				 "%s: a value needs its provenance: `published SOURCE` or `measured SOURCE`",
				 key);
	for (*ncite = 0; n > 0; (*ncite)++) {
		int published = !strcmp(t[0].s, "published");
		if (t[0].quoted || (!published && strcmp(t[0].s, "measured")))
			return prof_fail(
				x, x->line,
				"%s: unexpected `%s` (expected `published SOURCE` or `measured SOURCE`)", key,
				t[0].s);
		if (n < 2)
			return prof_fail(x, x->line, "%s: `%s` names no source", key, t[0].s);
		if (*ncite == PROFILE_MAX_CITES)
			return prof_fail(x, x->line, "%s: more than %d citations", key, PROFILE_MAX_CITES);
		int s = prof_find_source(x->p, t[1].s);
		if (s < 0)
			return prof_fail(
				x, x->line,
				"%s: unknown source `%s` (define it with `source %s = ...` before its first use)",
				key, t[1].s, t[1].s);
		const struct profile_source *src = &x->p->src[s];
		if (published != (src->kind == PROV_PUBLISHED))
			return prof_fail(x, x->line, "%s: source `%s` is %s, not %s", key, src->id,
					 published ? "measured" : "published", t[0].s);
		struct profile_cite *c = &cite[*ncite];
		c->source = s;
		c->at[0] = 0;
		int used = 2;
		if (n >= 3 && !t[2].quoted && !strcmp(t[2].s, "at")) {
			if (n < 4 || !t[3].quoted)
				return prof_fail(x, x->line,
						 "%s: `at` takes a \"quoted\" section, table or page", key);
			if (prof_copy_text(x, c->at, PROFILE_TEXT, t[3].s, key))
				return -1;
			used = 4;
		}
		if (published && !c->at[0] && !src->at[0])
			return prof_fail(
				x, x->line,
				"%s: published value without a citation: source `%s` gives no section/table/page and the line no `at \"...\"`",
				key, src->id);
		t += used;
		n -= used;
	}
	return 0;
}

static int parse_spread(struct prof_ctx *x, const char *key, const struct profile_token *t, int n,
			struct profile_value *v)
{
	if (n == 0 || t[0].quoted || strcmp(t[0].s, "spread"))
		return prof_fail(x, x->line, "%s: missing spread (`spread -` when the source gives none)",
				 key);
	if (n >= 2 && !strcmp(t[1].s, "-")) {
		v->spread = SPREAD_NONE;
		v->lo = v->hi = NAN;
		v->n = 0;
		return 2;
	}
	if (n < 6 || (strcmp(t[1].s, "iqr") && strcmp(t[1].s, "minmax")) || strcmp(t[4].s, "n"))
		return prof_fail(x, x->line, "%s: spread is `-`, `iqr Q1 Q3 n N` or `minmax MIN MAX n N`",
				 key);
	v->spread = !strcmp(t[1].s, "iqr") ? SPREAD_IQR : SPREAD_MINMAX;
	double count;
	if (parse_number(x, key, &t[2], &v->lo) || parse_number(x, key, &t[3], &v->hi) ||
	    parse_number(x, key, &t[5], &count))
		return -1;
	if (count < 1 || count != floor(count) || count > 1e12)
		return prof_fail(x, x->line, "%s: n must be a whole number of samples, not `%s`", key,
				 t[5].s);
	v->n = (long)count;
	if (!(v->lo <= v->value && v->value <= v->hi))
		return prof_fail(x, x->line, "%s: spread %s..%s does not contain the value %g", key, t[2].s,
				 t[3].s, v->value);
	return 6;
}

static enum profile_unit unit_of(const char *s)
{
	return !strcmp(s, "ns")	       ? PU_NS
	       : !strcmp(s, "cycles")  ? PU_CYCLES
	       : !strcmp(s, "GB/s")    ? PU_GBPS
	       : !strcmp(s, "B/cycle") ? PU_BYTES_PER_CYCLE
	       : !strcmp(s, "MHz")     ? PU_MHZ
				       : PU_NONE;
}

/* An empty value (`-`) on this line, until its words say more. */
static void begin_value(struct prof_ctx *x, struct profile_value *v)
{
	memset(v, 0, sizeof(*v));
	v->line = x->line;
	v->value = v->lo = v->hi = NAN;
}

/* NAME = - | VALUE UNIT spread ... provenance */
int prof_parse_constant(struct prof_ctx *x, int c, const struct profile_token *t, int n)
{
	const char *key = profile_const_name(c);
	struct profile_value *v = &x->p->c[c];

	if (v->line)
		return prof_fail(x, x->line, "%s: duplicate constant (first at line %d)", key, v->line);
	begin_value(x, v);
	if (n == 0)
		return prof_fail(x, x->line, "%s: no value (write `-` when no source gives it)", key);
	if (!strcmp(t[0].s, "-") && !t[0].quoted) {
		if (n > 1)
			return prof_fail(x, x->line, "%s: an empty value takes no unit, spread or source",
					 key);
		return 0;
	}
	if (parse_number(x, key, &t[0], &v->value))
		return -1;
	if (n < 2 || unit_of(t[1].s) == PU_NONE || unit_of(t[1].s) == PU_MHZ || t[1].quoted)
		return prof_fail(x, x->line, "%s: missing unit (%s)", key,
				 is_bandwidth(c) ? "GB/s or B/cycle" : "ns or cycles");
	v->unit = unit_of(t[1].s);
	if (is_bandwidth(c) != (v->unit == PU_GBPS || v->unit == PU_BYTES_PER_CYCLE))
		return prof_fail(x, x->line, "%s: unit `%s` does not fit (%s)", key, t[1].s,
				 is_bandwidth(c) ? "GB/s or B/cycle" : "ns or cycles");
	int used = parse_spread(x, key, t + 2, n - 2, v);
	if (used < 0)
		return -1;
	used += 2;
	if (n - used >= 1 && !t[used].quoted && !strcmp(t[used].s, "path")) {
		if (n - used < 2 || parse_number(x, key, &t[used + 1], &v->path))
			return n - used < 2 ? prof_fail(x, x->line, "%s: `path` takes an instruction count", key) : -1;
		v->have_path = 1;
		used += 2;
	}
	v->known = 1;
	if (parse_provenance(x, key, t + used, n - used, v->cite, &v->ncite))
		return -1;
	for (int i = 0; v->have_path && i < v->ncite; i++)
		if (x->p->src[v->cite[i].source].kind == PROV_PUBLISHED)
			return prof_fail(x, x->line,
					 "%s: a path length is s2hv's own, measured by a calibration: a published value has none",
					 key);
	return 0;
}

/* clock = - | MHZ MHz provenance */
int prof_parse_clock(struct prof_ctx *x, const struct profile_token *t, int n)
{
	struct profile_value *v = &x->p->clock;

	begin_value(x, v);
	if (n == 1 && !strcmp(t[0].s, "-"))
		return 0;
	if (n == 0 || parse_number(x, "clock", &t[0], &v->value))
		return n ? -1 : prof_fail(x, x->line, "clock: no value (write `-` when unknown)");
	if (n < 2 || strcmp(t[1].s, "MHz") || !(v->value > 0))
		return prof_fail(x, x->line, "clock: expected a frequency in MHz, e.g. `1500 MHz`");
	v->unit = PU_MHZ;
	v->known = 1;
	return parse_provenance(x, "clock", t + 2, n - 2, v->cite, &v->ncite);
}

/* cache.X = - | l2 | line N sets N ways N size SIZE provenance */
int prof_parse_cache(struct prof_ctx *x, int level, const struct profile_token *t, int n)
{
	static const char *const fields[] = {"line", "sets", "ways", "size"};
	const char *key = profile_cache_key(level);
	struct profile_cache *ca = &x->p->cache[level];

	if (ca->line_no)
		return prof_fail(x, x->line, "%s: duplicate (first at line %d)", key, ca->line_no);
	memset(ca, 0, sizeof(*ca));
	ca->line_no = x->line;
	ca->line = ca->sets = ca->ways = ca->size = -1;
	if (n == 1 && !strcmp(t[0].s, "-"))
		return 0;
	if (n == 1 && !strcmp(t[0].s, "l2") && level == PROF_CACHE_LLC) {
		ca->state = CACHE_IS_L2;
		return 0;
	}
	long *vals[] = {&ca->line, &ca->sets, &ca->ways, &ca->size};
	for (int i = 0; i < 4; i++) {
		if (2 * i + 1 >= n || strcmp(t[2 * i].s, fields[i]))
			return prof_fail(
				x, x->line,
				"%s: expected `-`,%s or `line N sets N ways N size SIZE` (N may be -)", key,
				level == PROF_CACHE_LLC ? " `l2`" : "");
		if (parse_count(x, key, &t[2 * i + 1], vals[i]))
			return -1;
	}
	if (ca->line > 0 && ca->sets > 0 && ca->ways > 0 && ca->size > 0 &&
	    ca->line * ca->sets * ca->ways != ca->size)
		return prof_fail(x, x->line, "%s: line x sets x ways = %ld, not size %ld", key,
				 ca->line * ca->sets * ca->ways, ca->size);
	ca->state = CACHE_GEOMETRY;
	return parse_provenance(x, key, t + 8, n - 8, ca->cite, &ca->ncite);
}
