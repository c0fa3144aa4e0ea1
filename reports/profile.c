/* Reading and validating CPU profiles (docs/profiles.md), and the queries the cost model makes.
 * The parser is strict on purpose: a profile feeds predictions, so a value without a unit, a
 * source or a citation is refused with FILE:LINE rather than guessed at. */
#include "profile.h"
#include "profile_lex.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const op_names[PROF_NOPS] = { "dc_civac", "dc_cvac" };
static const char *const state_names[PROF_NSTATES] = { "absent", "clean", "dirty" };
static const char *const class_names[PROF_NCLASSES] = { "l1", "l2", "llc", "mem" };
static const char *const other_names[PROF_NCONST - PROF_NCMO] = {
	"ic_ialluis", "tlbi_vmalls12e1is", "hvc", "s2_fault", "map_4k", "map_2m", "write_bw",
};
static const char *const cache_keys[PROF_NCACHES] = { "cache.l1d", "cache.l2", "cache.llc" };

int profile_cmo(enum profile_op op, enum profile_state st, enum profile_class cls)
{
	return ((int)op * PROF_NSTATES + (int)st) * PROF_NCLASSES + (int)cls;
}

const char *profile_const_name(int c)
{
	static char names[PROF_NCMO][32];

	if (c < 0 || c >= PROF_NCONST)
		return NULL;
	if (c >= PROF_NCMO)
		return other_names[c - PROF_NCMO];
	if (!names[c][0])
		snprintf(names[c], sizeof(names[c]), "%s.%s.%s", op_names[c / (PROF_NSTATES * PROF_NCLASSES)],
			 state_names[c / PROF_NCLASSES % PROF_NSTATES], class_names[c % PROF_NCLASSES]);
	return names[c];
}

int profile_const_lookup(const char *name)
{
	for (int c = 0; c < PROF_NCONST; c++)
		if (!strcmp(profile_const_name(c), name))
			return c;
	return -1;
}

static int is_bandwidth(int c)
{
	return c == PROF_WRITE_BW;
}

/* ---- parsing ---- */

struct ctx {
	const char *file;
	int line;
	char *err;
	size_t errlen;
	struct profile *p;
	int seen_header[6]; /* format name cpu midr clock made */
};

static int fail(struct ctx *x, int line, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(x->err, x->errlen, "%s:%d: ", x->file, line);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < x->errlen)
		vsnprintf(x->err + n, x->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static int copy_text(struct ctx *x, char *dst, size_t cap, const char *src, const char *what)
{
	if (strlen(src) >= cap)
		return fail(x, x->line, "%s: text longer than %zu characters", what, cap - 1);
	strcpy(dst, src);
	return 0;
}

/* Non-negative finite decimal, the whole token. */
static int parse_number(struct ctx *x, const char *key, const struct token *t, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(t->s, &end);
	if (t->quoted || !*t->s || *end || errno || !isfinite(*out) || *out < 0 || !isdigit((unsigned char)t->s[0]))
		return fail(x, x->line, "%s: bad number `%s`", key, t->s);
	return 0;
}

/* Cache sizes and counts: decimal, optionally K/M/G (binary multiples); `-` is unknown (-1). */
static int parse_count(struct ctx *x, const char *key, const struct token *t, long *out)
{
	char *end;
	unsigned long long v;

	if (!strcmp(t->s, "-")) {
		*out = -1;
		return 0;
	}
	errno = 0;
	v = strtoull(t->s, &end, 10);
	if (*end == 'K' || *end == 'M' || *end == 'G')
		v <<= *end == 'K' ? 10 : *end == 'M' ? 20 : 30, end++;
	if (t->quoted || !isdigit((unsigned char)t->s[0]) || *end || errno || !v || v > (1ULL << 40))
		return fail(x, x->line, "%s: bad number `%s`", key, t->s);
	*out = (long)v;
	return 0;
}

static int find_source(const struct profile *p, const char *id)
{
	for (int i = 0; i < p->nsrc; i++)
		if (!strcmp(p->src[i].id, id))
			return i;
	return -1;
}

/* One or more `published ID [at "where"]` / `measured ID`: the tail of every value line. */
static int parse_provenance(struct ctx *x, const char *key, const struct token *t, int n, struct profile_cite *cite,
			    int *ncite)
{
	if (n == 0)
		return fail(x, x->line, "%s: a value needs its provenance: `published SOURCE` or `measured SOURCE`", key);
	for (*ncite = 0; n > 0; (*ncite)++) {
		int published = !strcmp(t[0].s, "published");
		if (t[0].quoted || (!published && strcmp(t[0].s, "measured")))
			return fail(x, x->line, "%s: unexpected `%s` (expected `published SOURCE` or `measured SOURCE`)", key,
				    t[0].s);
		if (n < 2)
			return fail(x, x->line, "%s: `%s` names no source", key, t[0].s);
		if (*ncite == PROFILE_MAX_CITES)
			return fail(x, x->line, "%s: more than %d citations", key, PROFILE_MAX_CITES);
		int s = find_source(x->p, t[1].s);
		if (s < 0)
			return fail(x, x->line, "%s: unknown source `%s` (define it with `source %s = ...` before its first use)",
				    key, t[1].s, t[1].s);
		const struct profile_source *src = &x->p->src[s];
		if (published != (src->kind == PROV_PUBLISHED))
			return fail(x, x->line, "%s: source `%s` is %s, not %s", key, src->id,
				    published ? "measured" : "published", t[0].s);
		struct profile_cite *c = &cite[*ncite];
		c->source = s;
		c->at[0] = 0;
		int used = 2;
		if (n >= 3 && !t[2].quoted && !strcmp(t[2].s, "at")) {
			if (n < 4 || !t[3].quoted)
				return fail(x, x->line, "%s: `at` takes a \"quoted\" section, table or page", key);
			if (copy_text(x, c->at, PROFILE_TEXT, t[3].s, key))
				return -1;
			used = 4;
		}
		if (published && !c->at[0] && !src->at[0])
			return fail(x, x->line,
				    "%s: published value without a citation: source `%s` gives no section/table/page and the line no `at \"...\"`",
				    key, src->id);
		t += used;
		n -= used;
	}
	return 0;
}

static int parse_spread(struct ctx *x, const char *key, const struct token *t, int n, struct profile_value *v)
{
	if (n == 0 || t[0].quoted || strcmp(t[0].s, "spread"))
		return fail(x, x->line, "%s: missing spread (`spread -` when the source gives none)", key);
	if (n >= 2 && !strcmp(t[1].s, "-")) {
		v->spread = SPREAD_NONE;
		v->lo = v->hi = NAN;
		v->n = 0;
		return 2;
	}
	if (n < 6 || (strcmp(t[1].s, "iqr") && strcmp(t[1].s, "minmax")) || strcmp(t[4].s, "n"))
		return fail(x, x->line, "%s: spread is `-`, `iqr Q1 Q3 n N` or `minmax MIN MAX n N`", key);
	v->spread = !strcmp(t[1].s, "iqr") ? SPREAD_IQR : SPREAD_MINMAX;
	double count;
	if (parse_number(x, key, &t[2], &v->lo) || parse_number(x, key, &t[3], &v->hi) ||
	    parse_number(x, key, &t[5], &count))
		return -1;
	if (count < 1 || count != floor(count) || count > 1e12)
		return fail(x, x->line, "%s: n must be a whole number of samples, not `%s`", key, t[5].s);
	v->n = (long)count;
	if (!(v->lo <= v->value && v->value <= v->hi))
		return fail(x, x->line, "%s: spread %s..%s does not contain the value %g", key, t[2].s, t[3].s,
			    v->value);
	return 6;
}

static enum profile_unit unit_of(const char *s)
{
	return !strcmp(s, "ns") ? PU_NS : !strcmp(s, "cycles") ? PU_CYCLES : !strcmp(s, "GB/s") ? PU_GBPS
	       : !strcmp(s, "B/cycle") ? PU_BYTES_PER_CYCLE : !strcmp(s, "MHz") ? PU_MHZ : PU_NONE;
}

/* NAME = - | VALUE UNIT spread ... provenance */
static int parse_constant(struct ctx *x, int c, const struct token *t, int n)
{
	const char *key = profile_const_name(c);
	struct profile_value *v = &x->p->c[c];

	if (v->line)
		return fail(x, x->line, "%s: duplicate constant (first at line %d)", key, v->line);
	memset(v, 0, sizeof(*v));
	v->line = x->line;
	v->value = v->lo = v->hi = NAN;
	if (n == 0)
		return fail(x, x->line, "%s: no value (write `-` when no source gives it)", key);
	if (!strcmp(t[0].s, "-") && !t[0].quoted) {
		if (n > 1)
			return fail(x, x->line, "%s: an empty value takes no unit, spread or source", key);
		return 0;
	}
	if (parse_number(x, key, &t[0], &v->value))
		return -1;
	if (n < 2 || unit_of(t[1].s) == PU_NONE || unit_of(t[1].s) == PU_MHZ || t[1].quoted)
		return fail(x, x->line, "%s: missing unit (%s)", key, is_bandwidth(c) ? "GB/s or B/cycle" : "ns or cycles");
	v->unit = unit_of(t[1].s);
	if (is_bandwidth(c) != (v->unit == PU_GBPS || v->unit == PU_BYTES_PER_CYCLE))
		return fail(x, x->line, "%s: unit `%s` does not fit (%s)", key, t[1].s,
			    is_bandwidth(c) ? "GB/s or B/cycle" : "ns or cycles");
	int used = parse_spread(x, key, t + 2, n - 2, v);
	if (used < 0)
		return -1;
	v->known = 1;
	return parse_provenance(x, key, t + 2 + used, n - 2 - used, v->cite, &v->ncite);
}

/* clock = - | MHZ MHz provenance */
static int parse_clock(struct ctx *x, const struct token *t, int n)
{
	struct profile_value *v = &x->p->clock;

	memset(v, 0, sizeof(*v));
	v->line = x->line;
	v->value = v->lo = v->hi = NAN;
	if (n == 1 && !strcmp(t[0].s, "-"))
		return 0;
	if (n == 0 || parse_number(x, "clock", &t[0], &v->value))
		return n ? -1 : fail(x, x->line, "clock: no value (write `-` when unknown)");
	if (n < 2 || strcmp(t[1].s, "MHz") || !(v->value > 0))
		return fail(x, x->line, "clock: expected a frequency in MHz, e.g. `1500 MHz`");
	v->unit = PU_MHZ;
	v->known = 1;
	return parse_provenance(x, "clock", t + 2, n - 2, v->cite, &v->ncite);
}

/* cache.X = - | l2 | line N sets N ways N size SIZE provenance */
static int parse_cache(struct ctx *x, int level, const struct token *t, int n)
{
	static const char *const fields[] = { "line", "sets", "ways", "size" };
	const char *key = cache_keys[level];
	struct profile_cache *ca = &x->p->cache[level];

	if (ca->line_no)
		return fail(x, x->line, "%s: duplicate (first at line %d)", key, ca->line_no);
	memset(ca, 0, sizeof(*ca));
	ca->line_no = x->line;
	ca->line = ca->sets = ca->ways = ca->size = -1;
	if (n == 1 && !strcmp(t[0].s, "-"))
		return 0;
	if (n == 1 && !strcmp(t[0].s, "l2") && level == PROF_CACHE_LLC) {
		ca->state = CACHE_IS_L2;
		return 0;
	}
	long *vals[] = { &ca->line, &ca->sets, &ca->ways, &ca->size };
	for (int i = 0; i < 4; i++) {
		if (2 * i + 1 >= n || strcmp(t[2 * i].s, fields[i]))
			return fail(x, x->line, "%s: expected `-`,%s or `line N sets N ways N size SIZE` (N may be -)", key,
				    level == PROF_CACHE_LLC ? " `l2`" : "");
		if (parse_count(x, key, &t[2 * i + 1], vals[i]))
			return -1;
	}
	if (ca->line > 0 && ca->sets > 0 && ca->ways > 0 && ca->size > 0 &&
	    ca->line * ca->sets * ca->ways != ca->size)
		return fail(x, x->line, "%s: line x sets x ways = %ld, not size %ld", key,
			    ca->line * ca->sets * ca->ways, ca->size);
	ca->state = CACHE_GEOMETRY;
	return parse_provenance(x, key, t + 8, n - 8, ca->cite, &ca->ncite);
}

static int is_date(const char *s)
{
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return 0;
	return s[10] == 0;
}

/* source ID = published doc "..." [at "..."] url "..." | measured board B date D method "..." s2hv V */
static int parse_source(struct ctx *x, const char *id, const struct token *t, int n)
{
	struct profile *p = x->p;
	int first = 1;

	for (const char *c = id; *c; c++)
		if (!isalnum((unsigned char)*c) && !strchr("_.-", *c))
			first = 0;
	if (!*id || !first || strlen(id) >= PROFILE_ID)
		return fail(x, x->line, "source: id `%s` must be letters, digits, `_.-`, at most %d", id, PROFILE_ID - 1);
	int old = find_source(p, id);
	if (old >= 0)
		return fail(x, x->line, "source %s: duplicate (first at line %d)", id, p->src[old].line);
	if (p->nsrc == PROFILE_MAX_SOURCES)
		return fail(x, x->line, "source %s: more than %d sources", id, PROFILE_MAX_SOURCES);
	struct profile_source *s = &p->src[p->nsrc];
	memset(s, 0, sizeof(*s));
	strcpy(s->id, id);
	s->line = x->line;
	if (n == 0 || (strcmp(t[0].s, "published") && strcmp(t[0].s, "measured")))
		return fail(x, x->line, "source %s: expected `published` or `measured`", id);
	s->kind = !strcmp(t[0].s, "published") ? PROV_PUBLISHED : PROV_MEASURED;
	struct {
		const char *name;
		char *dst;
		size_t cap;
		enum profile_kind kind;
	} f[] = {
		{ "doc", s->doc, sizeof(s->doc), PROV_PUBLISHED },
		{ "at", s->at, sizeof(s->at), PROV_PUBLISHED },
		{ "url", s->url, sizeof(s->url), PROV_PUBLISHED },
		{ "board", s->board, sizeof(s->board), PROV_MEASURED },
		{ "date", s->date, sizeof(s->date), PROV_MEASURED },
		{ "method", s->method, sizeof(s->method), PROV_MEASURED },
		{ "s2hv", s->s2hv, sizeof(s->s2hv), PROV_MEASURED },
	};
	for (int i = 1; i < n; i += 2) {
		size_t k = 0;
		while (k < sizeof(f) / sizeof(f[0]) && (strcmp(f[k].name, t[i].s) || f[k].kind != s->kind))
			k++;
		if (k == sizeof(f) / sizeof(f[0]) || t[i].quoted)
			return fail(x, x->line, "source %s: unknown field `%s` for a %s source", id, t[i].s, t[0].s);
		if (i + 1 >= n || !t[i + 1].s[0])
			return fail(x, x->line, "source %s: `%s` has no value", id, t[i].s);
		if (f[k].dst[0])
			return fail(x, x->line, "source %s: `%s` given twice", id, t[i].s);
		char what[PROFILE_ID + 16];
		snprintf(what, sizeof(what), "source %s", id);
		if (copy_text(x, f[k].dst, f[k].cap, t[i + 1].s, what))
			return -1;
	}
	if (s->kind == PROV_PUBLISHED && (!s->doc[0] || !s->url[0]))
		return fail(x, x->line, "source %s: a published source needs a citation: `doc \"...\"` and `url \"...\"`", id);
	if (s->kind == PROV_MEASURED && (!s->board[0] || !s->date[0] || !s->method[0] || !s->s2hv[0]))
		return fail(x, x->line, "source %s: a measured source needs `board`, `date`, `method` and `s2hv`", id);
	if (s->kind == PROV_MEASURED && !is_date(s->date))
		return fail(x, x->line, "source %s: date `%s` is not YYYY-MM-DD", id, s->date);
	p->nsrc++;
	return 0;
}

static int parse_midr(struct ctx *x, const struct token *t, int n)
{
	struct profile *p = x->p;
	char *end, *slash;

	if (n != 1 || t[0].quoted || strncmp(t[0].s, "0x", 2))
		goto bad;
	slash = strchr(t[0].s, '/');
	if (slash) {
		unsigned long impl = strtoul(t[0].s + 2, &end, 16);
		if (end != slash || end == t[0].s + 2 || strncmp(slash + 1, "0x", 2) || impl > 0xff)
			goto bad;
		unsigned long part = strtoul(slash + 3, &end, 16);
		if (*end || end == slash + 3 || part > 0xfff)
			goto bad;
		p->midr_impl = (unsigned)impl, p->midr_part = (unsigned)part;
		return 0;
	}
	unsigned long v = strtoul(t[0].s + 2, &end, 16);
	if (*end || end - t[0].s != 10) /* all 8 hex digits: a short one is likelier a typo than a MIDR */
		goto bad;
	p->midr_full_known = 1;
	p->midr_full = v;
	p->midr_impl = (unsigned)(v >> 24) & 0xff, p->midr_part = (unsigned)(v >> 4) & 0xfff;
	return 0;
bad:
	return fail(x, x->line, "midr: `%s` is neither IMPLEMENTER/PART (e.g. 0x41/0xd08) nor a MIDR_EL1 value of 8 hex digits (e.g. 0x410fd083)",
		    n ? t[0].s : "");
}

static int join_text(struct ctx *x, char *dst, size_t cap, const struct token *t, int n, const char *key)
{
	char buf[1024] = "";
	size_t len = 0;

	if (n == 0)
		return fail(x, x->line, "%s: no value", key);
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, len < sizeof(buf) ? sizeof(buf) - len : 0, "%s%s", i ? " " : "", t[i].s);
	if (len >= sizeof(buf))
		return fail(x, x->line, "%s: text longer than %zu characters", key, cap - 1);
	return copy_text(x, dst, cap, buf, key);
}

static int parse_header(struct ctx *x, int which, const char *key, const struct token *t, int n)
{
	struct profile *p = x->p;

	if (x->seen_header[which])
		return fail(x, x->line, "%s: duplicate (first at line %d)", key, x->seen_header[which]);
	x->seen_header[which] = x->line;
	switch (which) {
	case 1:
		if (n != 1 || !t[0].s[0] || strspn(t[0].s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") !=
				      strlen(t[0].s))
			return fail(x, x->line, "name: one word of letters, digits and `_.-`");
		return copy_text(x, p->name, sizeof(p->name), t[0].s, key);
	case 2:
		return join_text(x, p->cpu, sizeof(p->cpu), t, n, key);
	case 3:
		return parse_midr(x, t, n);
	case 4:
		return parse_clock(x, t, n);
	default:
		if (n < 2 || !is_date(t[0].s))
			return fail(x, x->line, "made: `YYYY-MM-DD how it was made`");
		return join_text(x, p->made, sizeof(p->made), t, n, key);
	}
}

static int parse_line(struct ctx *x, char *line)
{
	static const char *const header[] = { "format", "name", "cpu", "midr", "clock", "made" };
	struct token t[LEX_MAX_TOKENS];
	char *key;
	const char *why;
	int n = lex_line(line, &key, t, &why);

	if (n == LEX_EMPTY)
		return 0;
	if (n < 0)
		return fail(x, x->line, "%s", why);
	if (!x->seen_header[0]) {
		if (strcmp(key, "format") || n != 2 || strcmp(t[0].s, "s2bench-profile") || strcmp(t[1].s, "1"))
			return fail(x, x->line, "the first line must be `format = s2bench-profile 1`");
		x->seen_header[0] = x->line;
		return 0;
	}
	for (int i = 0; i < 6; i++)
		if (!strcmp(key, header[i]))
			return i ? parse_header(x, i, key, t, n) : fail(x, x->line, "format: duplicate");
	for (int i = 0; i < PROF_NCACHES; i++)
		if (!strcmp(key, cache_keys[i]))
			return parse_cache(x, i, t, n);
	if (!strncmp(key, "source", 6) && (key[6] == ' ' || key[6] == '\t')) {
		char *id = key + 7;
		while (*id == ' ' || *id == '\t')
			id++;
		return parse_source(x, id, t, n);
	}
	int c = profile_const_lookup(key);
	if (c >= 0)
		return parse_constant(x, c, t, n);
	return fail(x, x->line, "unknown key `%s` (docs/profiles.md lists the keys)", key);
}

/* What only the whole file can tell: everything present, cycles convertible, classes that exist. */
static int check_complete(struct ctx *x)
{
	static const char *const header[] = { "format", "name", "cpu", "midr", "clock", "made" };
	struct profile *p = x->p;

	for (int i = 0; i < 6; i++)
		if (!x->seen_header[i])
			return fail(x, x->line, "missing `%s`", header[i]);
	for (int i = 0; i < PROF_NCACHES; i++)
		if (!p->cache[i].line_no)
			return fail(x, x->line, "missing `%s` (write `-` when no source gives it)", cache_keys[i]);
	for (int c = 0; c < PROF_NCONST; c++) {
		const struct profile_value *v = &p->c[c];
		if (!v->line)
			return fail(x, x->line, "missing constant `%s` (write `%s = -` when no source gives it)",
				    profile_const_name(c), profile_const_name(c));
		if (v->known && (v->unit == PU_CYCLES || v->unit == PU_BYTES_PER_CYCLE) && !p->clock.known)
			return fail(x, v->line, "%s: given per cycle but the clock is `-`, so it cannot be converted",
				    profile_const_name(c));
		if (v->known && c < PROF_NCMO && c % PROF_NCLASSES == PROF_LLC &&
		    p->cache[PROF_CACHE_LLC].state == CACHE_IS_L2)
			return fail(x, v->line, "%s: the last-level cache is the L2 (cache.llc = l2), so this size class is empty",
				    profile_const_name(c));
	}
	return 0;
}

int profile_parse(const char *text, size_t len, const char *file, struct profile *p, char *err, size_t errlen)
{
	struct ctx x = { .file = file, .err = err, .errlen = errlen, .p = p };
	char line[LEX_MAX_LINE + 2];

	memset(p, 0, sizeof(*p));
	if (memchr(text, 0, len))
		return fail(&x, 1, "the file has a NUL byte");
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = (nl ? (size_t)(nl - text) : len) - pos;
		x.line++;
		if (n > LEX_MAX_LINE)
			return fail(&x, x.line, "line longer than %d characters", LEX_MAX_LINE);
		memcpy(line, text + pos, n);
		line[n] = 0;
		if (parse_line(&x, line))
			return -1;
		pos += n + 1;
	}
	if (!x.seen_header[0])
		return fail(&x, x.line ? x.line : 1, "empty profile: the first line must be `format = s2bench-profile 1`");
	return check_complete(&x);
}

int profile_read(const char *path, struct profile *p, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, len = 0;

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (len == cap) {
			char *nb = realloc(buf, cap = cap ? 2 * cap : 65536);
			if (!nb || cap > (64u << 20)) {
				free(nb ? nb : buf);
				fclose(f);
				snprintf(err, errlen, "%s: too large or out of memory", path);
				return -1;
			}
			buf = nb;
		}
		size_t got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	int rc = bad ? (snprintf(err, errlen, "%s: read error", path), -1) : profile_parse(buf, len, path, p, err, errlen);
	free(buf);
	return rc;
}

/* ---- queries ---- */

int profile_known(const struct profile *p, int c)
{
	return c >= 0 && c < PROF_NCONST && p->c[c].known;
}

/* ns for times, GB/s for bandwidths; MHz = cycles per microsecond. */
static double to_canonical(const struct profile *p, enum profile_unit u, double v)
{
	switch (u) {
	case PU_CYCLES:
		return v * 1000.0 / p->clock.value;
	case PU_BYTES_PER_CYCLE:
		return v * p->clock.value / 1000.0;
	default:
		return v;
	}
}

double profile_value(const struct profile *p, int c, double *lo, double *hi)
{
	double l = NAN, h = NAN, v = NAN;

	if (profile_known(p, c)) {
		const struct profile_value *pv = &p->c[c];
		v = to_canonical(p, pv->unit, pv->value);
		if (pv->spread != SPREAD_NONE)
			l = to_canonical(p, pv->unit, pv->lo), h = to_canonical(p, pv->unit, pv->hi);
	}
	if (lo)
		*lo = l;
	if (hi)
		*hi = h;
	return v;
}

const struct profile_source *profile_source_of(const struct profile *p, int c)
{
	return profile_known(p, c) && p->c[c].ncite ? &p->src[p->c[c].cite[0].source] : NULL;
}
