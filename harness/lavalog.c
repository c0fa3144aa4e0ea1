/* Reading LAVA job log entries (lavalog.h): a small scanner for the one-line flow mappings
 * lava_common/log.py writes, and a decoder for YAML's double-quoted escapes. */
#include "lavalog.h"

#include <stdbool.h>
#include <string.h>

/* yaml.dump sorts the keys, so every entry starts with its timestamp. */
#define ENTRY_START "{\"dt\": \""

/* The levels ShellLogger.write logs console text at (lava_dispatcher/shell.py). */
static const char *const console_levels[] = { "target", "feedback" };

struct span {
	const char *p, *end;
};

static bool span_is(struct span s, const char *word)
{
	size_t n = strlen(word);
	return s.p && (size_t)(s.end - s.p) == n && memcmp(s.p, word, n) == 0;
}

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	return p;
}

/* P at an opening quote: the raw body into *BODY; returns the position after the closing
 * quote, or NULL when the string does not end on this line. */
static const char *scan_string(const char *p, const char *end, struct span *body)
{
	body->p = ++p;
	while (p < end && *p != '"')
		p += *p == '\\' && p + 1 < end ? 2 : 1;
	if (p >= end)
		return NULL;
	body->end = p;
	return p + 1;
}

/* Skips a value that is not a string: a nested mapping or list ("results" entries carry one)
 * or a plain scalar. Returns the ',' or '}' after it, or NULL. */
static const char *skip_value(const char *p, const char *end)
{
	struct span ignored;
	int depth = 0;

	while (p < end) {
		if (*p == '"') {
			if (!(p = scan_string(p, end, &ignored)))
				return NULL;
			continue;
		}
		if (*p == '{' || *p == '[') {
			depth++;
		} else if (*p == '}' || *p == ']') {
			if (depth-- == 0)
				return p;
		} else if (*p == ',' && depth == 0) {
			return p;
		}
		p++;
	}
	return NULL;
}

/* Reads the "key": value pairs after an opening brace and keeps the string values of KEYS[0]
 * and KEYS[1] in VALS; when KEYS[1]'s value is a mapping and MAP is not NULL, its inside goes to
 * *MAP. Stops at anything else (a line cut short, the closing brace): the pairs read before it
 * still count. */
static void scan_pairs(const char *p, const char *end, const char *const keys[2],
		       struct span vals[2], struct span *map)
{
	for (;;) {
		struct span key, val;

		p = skip_space(p, end);
		if (p >= end || *p != '"' || !(p = scan_string(p, end, &key)))
			return;
		p = skip_space(p, end);
		if (p >= end || *p != ':')
			return;
		p = skip_space(p + 1, end);
		if (p < end && *p == '"') {
			if (!(p = scan_string(p, end, &val)))
				return;
			for (int i = 0; i < 2; i++)
				if (span_is(key, keys[i]))
					vals[i] = val;
		} else {
			const char *start = p;
			if (!(p = skip_value(p, end)))
				return;
			if (map && *start == '{' && span_is(key, keys[1]))
				*map = (struct span){ start + 1, p };
		}
		p = skip_space(p, end);
		if (p >= end || *p != ',')
			return;
		p++;
	}
}

/* The entry LINE starts with, after an optional "- " (a server log's list item); NULL if none. */
static const char *entry_start(const char *p, const char *end)
{
	if (p < end && *p == '-') /* YAML list item */
		p += p + 1 < end && p[1] == ' ' ? 2 : 1;
	if ((size_t)(end - p) < sizeof(ENTRY_START) - 1 ||
	    memcmp(p, ENTRY_START, sizeof(ENTRY_START) - 1) != 0)
		return NULL;
	return p;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* One-character escapes of a YAML double-quoted scalar (YAML 1.1 5.7, as PyYAML writes them).
 * \N \_ \L \P are non-ASCII: '?', like every code point above 0x7f. */
static char escaped(char c)
{
	switch (c) {
	case '0': return '\0';
	case 'a': return '\a';
	case 'b': return '\b';
	case 't': case '\t': return '\t';
	case 'n': return '\n';
	case 'v': return '\v';
	case 'f': return '\f';
	case 'r': return '\r';
	case 'e': return '\x1b';
	case 'N': case '_': case 'L': case 'P': return '?';
	default: return c; /* \" \\ \/ \<space>, and anything PyYAML would refuse */
	}
}

/* Decodes the scalar body IN to OUT, which may be IN itself or before it: every input
 * character or escape gives one output byte, so the output never outruns the input.
 * Records are ASCII; other code points become '?'. */
static size_t decode(struct span in, char *out)
{
	const char *p = in.p;
	char *o = out;

	while (p < in.end) {
		if (*p != '\\') {
			*o++ = *p++;
			continue;
		}
		if (++p >= in.end)
			break;
		char c = *p++;
		int digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
		if (!digits) {
			*o++ = escaped(c);
			continue;
		}
		unsigned long v = 0;
		int i = 0;
		for (; i < digits && p < in.end && hexval(*p) >= 0; i++)
			v = v << 4 | (unsigned long)hexval(*p++);
		*o++ = i == digits && v < 0x80 ? (char)v : '?';
	}
	return (size_t)(o - out);
}

/* ShellLogger.write turns each '"' the target printed into '\"' before logging it (its "YAML
 * syntax" replacement): drop the backslash it added, so the console text is what was printed. */
static size_t undo_shell_quotes(char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++)
		if (!(s[i] == '\\' && i + 1 < n && s[i + 1] == '"'))
			s[o++] = s[i];
	return o;
}

static bool console_level(struct span lvl)
{
	for (size_t i = 0; i < sizeof(console_levels) / sizeof(console_levels[0]); i++)
		if (span_is(lvl, console_levels[i]))
			return true;
	return false;
}

enum lava_line lava_unwrap(char *line, size_t *len)
{
	static const char *const keys[2] = { "lvl", "msg" };
	char *end = line + *len;
	const char *p = entry_start(line, end);
	struct span v[2] = { { 0 } };

	if (!p)
		return LAVA_NOT;
	scan_pairs(p + 1, end, keys, v, NULL);
	if (!v[1].p || !console_level(v[0]))
		return LAVA_OTHER;
	size_t n = undo_shell_quotes(line, decode(v[1], line));
	line[n] = '\0';
	*len = n;
	return LAVA_TARGET;
}

int lava_job_error(char *line, size_t *len)
{
	static const char *const entry_keys[2] = { "lvl", "msg" }, *const result_keys[2] = { "case", "error_msg" };
	char *end = line + *len;
	const char *p = entry_start(line, end);
	struct span v[2] = { { 0 } }, msg = { 0 }, r[2] = { { 0 } };

	if (!p)
		return 0;
	scan_pairs(p + 1, end, entry_keys, v, &msg);
	if (!span_is(v[0], "results") || !msg.p)
		return 0;
	scan_pairs(msg.p, msg.end, result_keys, r, NULL);
	if (!span_is(r[0], "job") || !r[1].p)
		return 0;
	size_t n = decode(r[1], line);
	line[n] = '\0';
	*len = n;
	return 1;
}
