/* Suite file parser: `key = values`, `[matrix]` sections, comments; errors carry line and column. */
#include "suite.h"

#include "catalog.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_TIMEOUT_S 120

struct cursor {
	const char *path;
	int line;
	const char *start; /* of the current line, for columns */
	char *err;
	size_t errlen;
};

static int error_at(const struct cursor *c, const char *at, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(c->err, c->errlen, "%s:%d:%d: ", c->path, c->line, (int)(at - c->start) + 1);
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < c->errlen)
		vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
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

static int parse_uint(const char *v, unsigned *out)
{
	char *end;
	errno = 0;
	unsigned long n = strtoul(v, &end, 10);
	if (!isdigit((unsigned char)*v) || *end || errno || n == 0 || n > 1000000)
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
	s->matrices = realloc(s->matrices, (size_t)(s->nmatrices + 1) * sizeof(*s->matrices));
	struct suite_matrix *m = &s->matrices[s->nmatrices++];
	memset(m, 0, sizeof(*m));
	snprintf(m->name, sizeof(m->name), "%.*s", (int)(p - name), name);
	return 0;
}

/* One value of a single-valued key (name, timeout, reps). */
static int single_value(struct cursor *c, const char *v, const char *vend, const char *end,
			char *out, size_t outlen)
{
	if (v == vend)
		return error_at(c, v, "missing value");
	if (skip_space(vend, end) != end)
		return error_at(c, skip_space(vend, end), "this key takes one value");
	snprintf(out, outlen, "%.*s", (int)(vend - v), v);
	return 0;
}

static int parse_setting(struct cursor *c, const char *p, const char *end, struct suite *s)
{
	struct suite_matrix *m = s->nmatrices ? &s->matrices[s->nmatrices - 1] : &s->top;
	const char *key = p;
	char keyname[32], one[64];

	while (p < end && is_word_char(*p))
		p++;
	if (p == key)
		return error_at(c, p, "expected a key or [matrix]");
	snprintf(keyname, sizeof(keyname), "%.*s", (int)(p - key), key);
	p = skip_space(p, end);
	if (p == end || *p != '=')
		return error_at(c, p, "expected '=' after '%s'", keyname);
	const char *v = skip_space(p + 1, end), *vend = v;
	while (vend < end && *vend != ' ' && *vend != '\t')
		vend++;

	if (!strcmp(keyname, "name") || !strcmp(keyname, "timeout")) {
		if (m != &s->top)
			return error_at(c, key, "'%s' belongs before the first [matrix]", keyname);
		if (single_value(c, v, vend, end, one, sizeof(one)))
			return -1;
		if (!strcmp(keyname, "name"))
			snprintf(s->name, sizeof(s->name), "%s", one);
		else if (parse_uint(one, &s->timeout_s))
			return error_at(c, v, "timeout: expected seconds (1..1000000)");
		return 0;
	}
	if (!strcmp(keyname, "reps")) {
		if (single_value(c, v, vend, end, one, sizeof(one)))
			return -1;
		if (parse_uint(one, &m->reps))
			return error_at(c, v, "reps: expected a count (1..1000000)");
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
	while (v < end) { /* every value is checked now, so a run never fails on a typo */
		struct run_config scratch;
		const char *why;
		char *val;

		vend = v;
		while (vend < end && *vend != ' ' && *vend != '\t')
			vend++;
		val = strndup(v, (size_t)(vend - v));
		if (run_key_apply(k, val, &scratch, &why)) {
			error_at(c, v, "%s '%s': %s", keyname, val, why);
			free(val);
			return -1;
		}
		d->values = realloc(d->values, (size_t)(d->n + 1) * sizeof(char *));
		d->values[d->n++] = val;
		v = skip_space(vend, end);
	}
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
	if (!s->name[0]) { /* default name: the file's base name without .suite */
		const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		snprintf(s->name, sizeof(s->name), "%.*s", (int)strcspn(base, "."), base);
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
	fclose(f);
	if (n < 0) {
		free(text);
		text = strdup("");
	}
	int rc = suite_parse(path, text, s, err, errlen);
	free(text);
	return rc;
}

static void matrix_free(struct suite_matrix *m)
{
	for (int k = 0; k < SUITE_MAX_KEYS; k++) {
		for (int i = 0; i < m->dim[k].n; i++)
			free(m->dim[k].values[i]);
		free(m->dim[k].values);
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
