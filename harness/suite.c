/* Suite file parser: `key = values`, `[matrix]` sections, comments; errors carry line and column.
 * Then the suite as a whole: not empty, at most SUITE_MAX_RUNS runs, and every value accepted by
 * the hypervisor of every board it would run on, so a run never fails on what a check could see. */
#include "suite.h"

#include "../core/lib.h"
#include "catalog.h"
#include "hvkeys.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_TIMEOUT_S 120
#define MAX_COUNT 1000000 /* reps and timeout */

struct cursor {
	const char *path;
	int line;
	const char *start; /* of the current line, for columns */
	char *err;
	size_t errlen;
};

static void vreport(char *err, size_t errlen, const char *path, const struct suite_pos *at,
		    const char *fmt, va_list ap)
{
	int n = at ? snprintf(err, errlen, "%s:%d:%d: ", path, at->line, at->col)
		   : snprintf(err, errlen, "%s: ", path);
	if (n >= 0 && (size_t)n < errlen)
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
}

static int error_at(const struct cursor *c, const char *at, const char *fmt, ...)
{
	struct suite_pos pos = { c->line, (int)(at - c->start) + 1 };
	va_list ap;
	va_start(ap, fmt);
	vreport(c->err, c->errlen, c->path, &pos, fmt, ap);
	va_end(ap);
	return -1;
}

/* An error found after parsing: at a remembered position, or for the whole file (AT NULL). */
static int error_pos(const char *path, const struct suite_pos *at, char *err, size_t errlen,
		     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(err, errlen, path, at, fmt, ap);
	va_end(ap);
	return -1;
}

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static int is_word_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_' || ch == '-' || ch == '.';
}

/* Suite and matrix names become directory names and CSV cells: words, never "." or "..". */
static int name_ok(const char *v, size_t n)
{
	if (n == 0 || n > SUITE_NAME_MAX || v[0] == '.')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!is_word_char(v[i]))
			return 0;
	return 1;
}

/* reps, timeout: the hypervisor's number syntax (decimal or 0x hex), 1..MAX_COUNT. */
static int parse_count(const char *v, unsigned *out)
{
	u64 n;
	if (!parse_u64(v, strlen(v), false, &n) || n == 0 || n > MAX_COUNT)
		return -1;
	*out = (unsigned)n;
	return 0;
}

/* `[name]` */
static int parse_section(struct cursor *c, const char *p, const char *end, struct suite *s)
{
	const char *name = ++p;
	while (p < end && is_word_char(*p))
		p++;
	if (p == name)
		return error_at(c, p, "expected a matrix name after '['");
	if (p == end || *p != ']')
		return error_at(c, p, "expected ']'");
	if (skip_space(p + 1, end) != end)
		return error_at(c, skip_space(p + 1, end), "unexpected text after ']'");
	if (p - name > SUITE_NAME_MAX)
		return error_at(c, name, "matrix name longer than %d characters", SUITE_NAME_MAX);
	if (!name_ok(name, (size_t)(p - name)))
		return error_at(c, name, "matrix name must not start with '.'");
	for (int i = 0; i < s->nmatrices; i++)
		if (strlen(s->matrices[i].name) == (size_t)(p - name) &&
		    !memcmp(s->matrices[i].name, name, (size_t)(p - name)))
			return error_at(c, name, "matrix [%s] is already defined on line %d",
					s->matrices[i].name, s->matrices[i].pos.line);
	struct suite_matrix *ms = realloc(s->matrices, (size_t)(s->nmatrices + 1) * sizeof(*ms));
	if (!ms)
		return error_at(c, name, "out of memory");
	s->matrices = ms;
	struct suite_matrix *m = &s->matrices[s->nmatrices++];
	memset(m, 0, sizeof(*m));
	memcpy(m->name, name, (size_t)(p - name));
	m->pos = (struct suite_pos){ c->line, (int)(name - c->start) + 1 };
	return 0;
}

/* One value of a single-valued key (name, timeout, reps), copied whole or refused. */
static int single_value(struct cursor *c, const char *v, const char *vend, const char *end,
			char out[SUITE_NAME_MAX + 1])
{
	if (v == vend)
		return error_at(c, v, "missing value");
	if (skip_space(vend, end) != end)
		return error_at(c, skip_space(vend, end), "this key takes one value");
	if (vend - v > SUITE_NAME_MAX)
		return error_at(c, v, "value longer than %d characters", SUITE_NAME_MAX);
	memcpy(out, v, (size_t)(vend - v));
	out[vend - v] = 0;
	return 0;
}

/* Adds the N bytes at V as a value; AT is where it was written (an expanded keyword's place). */
static int add_value(struct cursor *c, struct suite_dim *d, const char *v, size_t n, const char *at,
		     int *cap)
{
	if (d->n == *cap) {
		int ncap = *cap ? *cap * 2 : 4;
		char **values = realloc(d->values, (size_t)ncap * sizeof(*values));
		if (values)
			d->values = values;
		struct suite_pos *pos = realloc(d->pos, (size_t)ncap * sizeof(*pos));
		if (pos)
			d->pos = pos;
		if (!values || !pos)
			return error_at(c, at, "out of memory");
		*cap = ncap;
	}
	d->values[d->n] = strndup(v, n);
	if (!d->values[d->n])
		return error_at(c, at, "out of memory");
	d->pos[d->n++] = (struct suite_pos){ c->line, (int)(at - c->start) + 1 };
	return 0;
}

/* `strategy = all`: every strategy s2hv runs (strategies/table.h through the catalog), negative
 * controls included, in table order; s2vmm's `kvm` is not one (docs/harness.md). */
static int add_all_strategies(struct cursor *c, struct suite_dim *d, const char *at, int *cap)
{
	for (const struct catalog_entry *e = catalog_strategies; e->name; e++)
		if (e->host == HOST_S2HV && add_value(c, d, e->name, strlen(e->name), at, cap))
			return -1;
	return 0;
}

static int parse_setting(struct cursor *c, const char *p, const char *end, struct suite *s)
{
	struct suite_matrix *m = s->nmatrices ? &s->matrices[s->nmatrices - 1] : &s->top;
	const char *key = p;
	char keyname[32], one[SUITE_NAME_MAX + 1];

	while (p < end && is_word_char(*p))
		p++;
	if (p == key)
		return error_at(c, p, "expected a key or [matrix]");
	if ((size_t)(p - key) >= sizeof(keyname))
		return error_at(c, key, "unknown key (%d characters long; see `s2bench list`)", (int)(p - key));
	memcpy(keyname, key, (size_t)(p - key));
	keyname[p - key] = 0;
	p = skip_space(p, end);
	if (p == end || *p != '=')
		return error_at(c, p, "expected '=' after '%s'", keyname);
	const char *v = skip_space(p + 1, end), *vend = v;
	while (vend < end && *vend != ' ' && *vend != '\t')
		vend++;

	if (!strcmp(keyname, "name") || !strcmp(keyname, "timeout")) {
		if (m != &s->top)
			return error_at(c, key, "'%s' belongs before the first [matrix]", keyname);
		if (single_value(c, v, vend, end, one))
			return -1;
		if (!strcmp(keyname, "name")) {
			if (!name_ok(one, strlen(one)))
				return error_at(c, v, "name: letters, digits, '_', '-' and '.' (not first)");
			memcpy(s->name, one, sizeof(one));
		} else if (parse_count(one, &s->timeout_s))
			return error_at(c, v, "timeout: expected seconds (1..%d)", MAX_COUNT);
		return 0;
	}
	if (!strcmp(keyname, "reps")) {
		if (single_value(c, v, vend, end, one))
			return -1;
		if (parse_count(one, &m->reps))
			return error_at(c, v, "reps: expected a count (1..%d)", MAX_COUNT);
		return 0;
	}
	const struct run_key *k = run_key_find(keyname);
	if (!k)
		return error_at(c, key, "unknown key '%s' (see `s2bench list`)", keyname);
	struct suite_dim *d = &m->dim[k - run_keys];
	if (d->values)
		return error_at(c, key, "'%s' is set twice in this matrix", keyname);
	if (v == end)
		return error_at(c, v, "'%s' needs at least one value", keyname);
	int cap = 0;
	while (v < end) { /* every value is checked now, so a run never fails on a typo */
		struct run_config scratch;
		char why[128];

		vend = v;
		while (vend < end && *vend != ' ' && *vend != '\t')
			vend++;
		if (vend - v > SUITE_NAME_MAX)
			return error_at(c, v, "%s: value longer than %d characters", keyname, SUITE_NAME_MAX);
		memcpy(one, v, (size_t)(vend - v));
		one[vend - v] = 0;
		if (k == run_key_find("strategy") && !strcmp(one, SUITE_ALL_STRATEGIES)) {
			if (add_all_strategies(c, d, v, &cap))
				return -1;
			v = skip_space(vend, end);
			continue;
		}
		if (run_key_apply(k, one, &scratch, why, sizeof(why)))
			return error_at(c, v, "%s '%s': %s", keyname, one, why);
		if (add_value(c, d, v, (size_t)(vend - v), v, &cap))
			return -1;
		v = skip_space(vend, end);
	}
	return 0;
}

const struct suite_matrix *suite_matrices(const struct suite *s, int *n)
{
	*n = s->nmatrices ? s->nmatrices : 1;
	return s->nmatrices ? s->matrices : &s->top;
}

const struct suite_dim *suite_dim_of(const struct suite *s, const struct suite_matrix *m, size_t k)
{
	static const struct suite_dim none = { NULL, NULL, 0 };
	if (m->dim[k].values)
		return &m->dim[k];
	if (s->top.dim[k].values)
		return &s->top.dim[k];
	return &none;
}

unsigned suite_reps_of(const struct suite *s, const struct suite_matrix *m)
{
	return m->reps ? m->reps : s->top.reps ? s->top.reps : 1;
}

static int sets_any_key(const struct suite_matrix *m)
{
	for (size_t k = 0; k < run_key_count; k++)
		if (m->dim[k].values)
			return 1;
	return 0;
}

/* Points × reps of every matrix, saturating at ~0ULL (the refusal does not need more). */
static unsigned long long count_runs(const struct suite *s)
{
	unsigned long long total = 0;
	int nm;
	const struct suite_matrix *ms = suite_matrices(s, &nm);

	for (int i = 0; i < nm; i++) {
		unsigned long long runs = suite_reps_of(s, &ms[i]);
		for (size_t k = 0; k < run_key_count; k++) {
			int n = suite_dim_of(s, &ms[i], k)->n;
			if (n && __builtin_mul_overflow(runs, (unsigned long long)n, &runs))
				return ~0ULL;
		}
		if (__builtin_add_overflow(total, runs, &total))
			return ~0ULL;
	}
	return total;
}

/* Every value of M, and every default it leaves, against the hypervisor BOARD boots. */
static int check_board(const char *path, const struct suite *s, const struct suite_matrix *m,
		       const char *board, const struct suite_pos *board_pos, char *err, size_t errlen)
{
	const struct catalog_entry *b = catalog_find(catalog_boards, board);
	struct run_config defaults;
	char why[64], in[SUITE_NAME_MAX + 8] = "";

	if (m->name[0])
		snprintf(in, sizeof(in), " in [%s]", m->name);
	run_config_defaults(&defaults);
	for (size_t k = 0; k < run_key_count; k++) {
		const struct run_key *key = &run_keys[k];
		const struct suite_dim *d = suite_dim_of(s, m, k);
		char def[SUITE_NAME_MAX + 1];

		if (key->offset == offsetof(struct run_config, board))
			continue;
		for (int i = 0; i < d->n; i++)
			if (hv_board_accepts(b, key->name, d->values[i], why, sizeof(why)))
				return error_pos(path, &d->pos[i], err, errlen,
						 "%s '%s' cannot run on board '%s'%s (%s)", key->name,
						 d->values[i], board, in, why);
		if (d->n)
			continue;
		run_key_format(key, &defaults, def, sizeof(def));
		if (hv_board_accepts(b, key->name, def, why, sizeof(why)))
			return error_pos(path, board_pos, err, errlen,
					 "board '%s'%s cannot run the default %s '%s' (%s): set %s", board,
					 in, key->name, def, why, key->name);
	}
	return 0;
}

static int check_suite(const char *path, struct suite *s, char *err, size_t errlen)
{
	const size_t kb = (size_t)(run_key_find("board") - run_keys);
	int nm, any = sets_any_key(&s->top);
	const struct suite_matrix *ms = suite_matrices(s, &nm);

	for (int i = 0; i < s->nmatrices; i++)
		any |= sets_any_key(&s->matrices[i]);
	if (!any)
		return error_pos(path, NULL, err, errlen,
				 "empty suite: it sets no run key (see `s2bench list`)");
	s->nruns = count_runs(s);
	if (s->nruns > SUITE_MAX_RUNS) {
		if (s->nruns == ~0ULL)
			return error_pos(path, NULL, err, errlen,
					 "expands to more than %llu runs; the limit is %d", ~0ULL,
					 SUITE_MAX_RUNS);
		return error_pos(path, NULL, err, errlen,
				 "expands to %llu runs (points x reps); the limit is %d", s->nruns,
				 SUITE_MAX_RUNS);
	}
	for (int i = 0; i < nm; i++) {
		const struct suite_dim *bd = suite_dim_of(s, &ms[i], kb);
		struct run_config d;

		if (!bd->n) {
			run_config_defaults(&d);
			if (check_board(path, s, &ms[i], d.board, NULL, err, errlen))
				return -1;
		}
		for (int j = 0; j < bd->n; j++) {
			int dup = 0;
			for (int e = 0; e < j && !dup; e++)
				dup = !strcmp(bd->values[e], bd->values[j]);
			if (!dup && check_board(path, s, &ms[i], bd->values[j], &bd->pos[j], err, errlen))
				return -1;
		}
	}
	return 0;
}

/* The default name: the file's base name up to its first '.'. */
static int name_from_path(const char *path, struct suite *s, char *err, size_t errlen)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strcspn(base, ".");

	if (!name_ok(base, n))
		return error_pos(path, NULL, err, errlen,
				 "cannot name the suite after this file (at most %d letters, digits, '_' "
				 "and '-'): set name = ...", SUITE_NAME_MAX);
	memcpy(s->name, base, n);
	s->name[n] = 0;
	return 0;
}

int suite_parse(const char *path, const char *text, struct suite *s, char *err, size_t errlen)
{
	struct cursor c = { path, 0, text, err, errlen };

	memset(s, 0, sizeof(*s));
	s->timeout_s = DEFAULT_TIMEOUT_S;
	for (const char *line = text; *line;) {
		const char *nl = strchr(line, '\n'), *end = nl ? nl : line + strlen(line);
		const char *hash = memchr(line, '#', (size_t)(end - line));
		const char *stop = hash ? hash : end;
		c.line++;
		c.start = line;
		while (stop > line && isspace((unsigned char)stop[-1]))
			stop--;
		const char *p = skip_space(line, stop);
		int rc = p == stop ? 0
			 : *p == '[' ? parse_section(&c, p, stop, s)
				     : parse_setting(&c, p, stop, s);
		if (rc) {
			suite_free(s);
			return -1;
		}
		line = nl ? nl + 1 : end;
	}
	if ((!s->name[0] && name_from_path(path, s, err, errlen)) || check_suite(path, s, err, errlen)) {
		suite_free(s);
		return -1;
	}
	return 0;
}

int suite_load(const char *path, struct suite *s, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t cap = 0;

	memset(s, 0, sizeof(*s));
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	ssize_t n = getdelim(&text, &cap, '\0', f); /* whole file: suites are small */
	int failed = ferror(f);
	fclose(f);
	if (failed || (n > 0 && text[n - 1] == '\0')) { /* a NUL would end the text early */
		snprintf(err, errlen, "%s: %s", path, failed ? "read error" : "contains a NUL byte");
		free(text);
		return -1;
	}
	int rc = suite_parse(path, n > 0 ? text : "", s, err, errlen);
	free(text);
	return rc;
}

static void matrix_free(struct suite_matrix *m)
{
	for (int k = 0; k < SUITE_MAX_KEYS; k++) {
		for (int i = 0; i < m->dim[k].n; i++)
			free(m->dim[k].values[i]);
		free(m->dim[k].values);
		free(m->dim[k].pos);
	}
}

void suite_free(struct suite *s)
{
	matrix_free(&s->top);
	for (int i = 0; i < s->nmatrices; i++)
		matrix_free(&s->matrices[i]);
	free(s->matrices);
	memset(s, 0, sizeof(*s));
}
