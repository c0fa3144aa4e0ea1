/* Reading and validating CPU profiles (docs/profiles.md): lines, the header, sources, and what
 * only the whole file can tell. The parser is strict on purpose: a profile feeds predictions, so a
 * value without a unit, a source or a citation is refused with FILE:LINE rather than guessed at. */
#include "profile_parse.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int prof_fail(struct prof_ctx *x, int line, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(x->err, x->errlen, "%s:%d: ", x->file, line);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < x->errlen)
		vsnprintf(x->err + n, x->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

int prof_copy_text(struct prof_ctx *x, char *dst, size_t cap, const char *src, const char *what)
{
	if (strlen(src) >= cap)
		return prof_fail(x, x->line, "%s: text longer than %zu characters", what, cap - 1);
	strcpy(dst, src);
	return 0;
}

static int is_date(const char *s)
{
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return 0;
	return s[10] == 0;
}

/* source ID = published doc "..." [at "..."] url "..." | measured board B date D method "..." s2hv V */
static int parse_source(struct prof_ctx *x, const char *id, const struct profile_token *t, int n)
{
	struct profile *p = x->p;
	int first = 1;

	for (const char *c = id; *c; c++)
		if (!isalnum((unsigned char)*c) && !strchr("_.-", *c))
			first = 0;
	if (!*id || !first || strlen(id) >= PROFILE_ID)
		return prof_fail(x, x->line, "source: id `%s` must be letters, digits, `_.-`, at most %d", id,
				 PROFILE_ID - 1);
	int old = prof_find_source(p, id);
	if (old >= 0)
		return prof_fail(x, x->line, "source %s: duplicate (first at line %d)", id, p->src[old].line);
	if (p->nsrc == PROFILE_MAX_SOURCES)
		return prof_fail(x, x->line, "source %s: more than %d sources", id, PROFILE_MAX_SOURCES);
	struct profile_source *s = &p->src[p->nsrc];
	memset(s, 0, sizeof(*s));
	strcpy(s->id, id);
	s->line = x->line;
	if (n == 0 || (strcmp(t[0].s, "published") && strcmp(t[0].s, "measured")))
		return prof_fail(x, x->line, "source %s: expected `published` or `measured`", id);
	s->kind = !strcmp(t[0].s, "published") ? PROV_PUBLISHED : PROV_MEASURED;
	struct {
		const char *name;
		char *dst;
		size_t cap;
		enum profile_kind kind;
	} f[] = {
		{"doc", s->doc, sizeof(s->doc), PROV_PUBLISHED},
		{"at", s->at, sizeof(s->at), PROV_PUBLISHED},
		{"url", s->url, sizeof(s->url), PROV_PUBLISHED},
		{"board", s->board, sizeof(s->board), PROV_MEASURED},
		{"date", s->date, sizeof(s->date), PROV_MEASURED},
		{"method", s->method, sizeof(s->method), PROV_MEASURED},
		{"s2hv", s->s2hv, sizeof(s->s2hv), PROV_MEASURED},
	};
	for (int i = 1; i < n; i += 2) {
		size_t k = 0;
		while (k < sizeof(f) / sizeof(f[0]) && (strcmp(f[k].name, t[i].s) || f[k].kind != s->kind))
			k++;
		if (k == sizeof(f) / sizeof(f[0]) || t[i].quoted)
			return prof_fail(x, x->line, "source %s: unknown field `%s` for a %s source", id,
					 t[i].s, t[0].s);
		if (i + 1 >= n || !t[i + 1].s[0])
			return prof_fail(x, x->line, "source %s: `%s` has no value", id, t[i].s);
		if (f[k].dst[0])
			return prof_fail(x, x->line, "source %s: `%s` given twice", id, t[i].s);
		char what[PROFILE_ID + 16];
		snprintf(what, sizeof(what), "source %s", id);
		if (prof_copy_text(x, f[k].dst, f[k].cap, t[i + 1].s, what))
			return -1;
	}
	if (s->kind == PROV_PUBLISHED && (!s->doc[0] || !s->url[0]))
		return prof_fail(
			x, x->line,
			"source %s: a published source needs a citation: `doc \"...\"` and `url \"...\"`",
			id);
	if (s->kind == PROV_MEASURED && (!s->board[0] || !s->date[0] || !s->method[0] || !s->s2hv[0]))
		return prof_fail(x, x->line,
				 "source %s: a measured source needs `board`, `date`, `method` and `s2hv`",
				 id);
	if (s->kind == PROV_MEASURED && !is_date(s->date))
		return prof_fail(x, x->line, "source %s: date `%s` is not YYYY-MM-DD", id, s->date);
	p->nsrc++;
	return 0;
}

static int parse_midr(struct prof_ctx *x, const struct profile_token *t, int n)
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
	return prof_fail(
		x, x->line,
		"midr: `%s` is neither IMPLEMENTER/PART (e.g. 0x41/0xd08) nor a MIDR_EL1 value of 8 hex digits (e.g. 0x410fd083)",
		n ? t[0].s : "");
}

static int join_text(struct prof_ctx *x, char *dst, size_t cap, const struct profile_token *t, int n,
		     const char *key)
{
	char buf[1024] = "";
	size_t len = 0;

	if (n == 0)
		return prof_fail(x, x->line, "%s: no value", key);
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, len < sizeof(buf) ? sizeof(buf) - len : 0, "%s%s",
					i ? " " : "", t[i].s);
	if (len >= sizeof(buf))
		return prof_fail(x, x->line, "%s: text longer than %zu characters", key, cap - 1);
	return prof_copy_text(x, dst, cap, buf, key);
}

static int parse_header(struct prof_ctx *x, int which, const char *key, const struct profile_token *t, int n)
{
	struct profile *p = x->p;

	if (x->seen_header[which])
		return prof_fail(x, x->line, "%s: duplicate (first at line %d)", key, x->seen_header[which]);
	x->seen_header[which] = x->line;
	switch (which) {
	case 1:
		if (n != 1 || !t[0].s[0] ||
		    strspn(t[0].s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") !=
			    strlen(t[0].s))
			return prof_fail(x, x->line, "name: one word of letters, digits and `_.-`");
		return prof_copy_text(x, p->name, sizeof(p->name), t[0].s, key);
	case 2:
		return join_text(x, p->cpu, sizeof(p->cpu), t, n, key);
	case 3:
		return parse_midr(x, t, n);
	case 4:
		return prof_parse_clock(x, t, n);
	default:
		if (n < 2 || !is_date(t[0].s))
			return prof_fail(x, x->line, "made: `YYYY-MM-DD how it was made`");
		return join_text(x, p->made, sizeof(p->made), t, n, key);
	}
}

static int parse_line(struct prof_ctx *x, char *line)
{
	static const char *const header[] = {"format", "name", "cpu", "midr", "clock", "made"};
	struct profile_token t[PROFILE_LEX_MAX_TOKENS];
	char *key;
	const char *why;
	int n = profile_lex_line(line, &key, t, &why);

	if (n == PROFILE_LEX_EMPTY)
		return 0;
	if (n < 0)
		return prof_fail(x, x->line, "%s", why);
	if (!x->seen_header[0]) {
		if (strcmp(key, "format") || n != 2 || strcmp(t[0].s, "s2bench-profile") ||
		    strcmp(t[1].s, "1"))
			return prof_fail(x, x->line, "the first line must be `format = s2bench-profile 1`");
		x->seen_header[0] = x->line;
		return 0;
	}
	for (int i = 0; i < 6; i++)
		if (!strcmp(key, header[i]))
			return i ? parse_header(x, i, key, t, n) : prof_fail(x, x->line, "format: duplicate");
	for (int i = 0; i < PROF_NCACHES; i++)
		if (!strcmp(key, profile_cache_key(i)))
			return prof_parse_cache(x, i, t, n);
	if (!strncmp(key, "source", 6) && (key[6] == ' ' || key[6] == '\t')) {
		char *id = key + 7;
		while (*id == ' ' || *id == '\t')
			id++;
		return parse_source(x, id, t, n);
	}
	int c = profile_const_lookup(key);
	if (c >= 0)
		return prof_parse_constant(x, c, t, n);
	return prof_fail(x, x->line, "unknown key `%s` (docs/profiles.md lists the keys)", key);
}

/* What only the whole file can tell: everything present, cycles convertible, classes that exist. */
static int check_complete(struct prof_ctx *x)
{
	static const char *const header[] = {"format", "name", "cpu", "midr", "clock", "made"};
	struct profile *p = x->p;

	for (int i = 0; i < 6; i++)
		if (!x->seen_header[i])
			return prof_fail(x, x->line, "missing `%s`", header[i]);
	for (int i = 0; i < PROF_NCACHES; i++)
		if (!p->cache[i].line_no)
			return prof_fail(x, x->line, "missing `%s` (write `-` when no source gives it)",
					 profile_cache_key(i));
	for (int c = 0; c < PROF_NCONST; c++) {
		const struct profile_value *v = &p->c[c];
		if (!v->line)
			return prof_fail(x, x->line,
					 "missing constant `%s` (write `%s = -` when no source gives it)",
					 profile_const_name(c), profile_const_name(c));
		if (v->known && (v->unit == PU_CYCLES || v->unit == PU_BYTES_PER_CYCLE) && !p->clock.known)
			return prof_fail(
				x, v->line,
				"%s: given per cycle but the clock is `-`, so it cannot be converted",
				profile_const_name(c));
		if (v->known && c < PROF_NCMO && c % PROF_NCLASSES == PROF_LLC &&
		    p->cache[PROF_CACHE_LLC].state == CACHE_IS_L2)
			return prof_fail(
				x, v->line,
				"%s: the last-level cache is the L2 (cache.llc = l2), so this size class is empty",
				profile_const_name(c));
	}
	return 0;
}

int profile_parse(const char *text, size_t len, const char *file, struct profile *p, char *err, size_t errlen)
{
	struct prof_ctx x = {.file = file, .err = err, .errlen = errlen, .p = p};
	char line[PROFILE_LEX_MAX_LINE + 2];

	memset(p, 0, sizeof(*p));
	if (memchr(text, 0, len))
		return prof_fail(&x, 1, "the file has a NUL byte");
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = (nl ? (size_t)(nl - text) : len) - pos;
		x.line++;
		if (n > PROFILE_LEX_MAX_LINE)
			return prof_fail(&x, x.line, "line longer than %d characters", PROFILE_LEX_MAX_LINE);
		memcpy(line, text + pos, n);
		line[n] = 0;
		if (parse_line(&x, line))
			return -1;
		pos += n + 1;
	}
	if (!x.seen_header[0])
		return prof_fail(&x, x.line ? x.line : 1,
				 "empty profile: the first line must be `format = s2bench-profile 1`");
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
	int rc = bad ? (snprintf(err, errlen, "%s: read error", path), -1)
		     : profile_parse(buf, len, path, p, err, errlen);
	free(buf);
	return rc;
}

int profile_read_named(const char *arg, struct profile *p, char *path, size_t pathlen, char *err,
		       size_t errlen)
{
	size_t n = strlen(arg);

	if (!n) {
		snprintf(err, errlen, "empty: give a profile's path or a name in profiles/");
		return -1;
	}
	if (strchr(arg, '/') || (n > 8 && !strcmp(arg + n - 8, ".profile")) || access(arg, F_OK) == 0)
		snprintf(path, pathlen, "%s", arg);
	else
		snprintf(path, pathlen, "profiles/%s.profile", arg);
	return profile_read(path, p, err, errlen);
}
