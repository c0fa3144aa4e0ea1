/* A bounded JSON reader for LAVA's REST answers (lava_json.h): one pass over the whole text that
 * validates it and picks out one top-level member on the way. Recursion is bounded by
 * LAVA_JSON_DEPTH, so a hostile answer cannot exhaust the stack. */
#include "lava_json.h"

#include <string.h>

#define MAX_UINT (1ull << 53) /* JSON numbers are doubles to most writers: exact up to 2^53 */

enum want { WANT_NONE, WANT_STRING, WANT_UINT };

struct reader {
	const char *p, *end;
	/* the string being decoded, when wanted */
	char *out;
	size_t outlen, used;
};

static void skip_ws(struct reader *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
		r->p++;
}

static int literal(struct reader *r, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
		return -1;
	r->p += n;
	return 0;
}

static void put_byte(struct reader *r, unsigned char c)
{
	if (r->out && r->used + 1 < r->outlen)
		r->out[r->used++] = (char)c;
}

static void put_code_point(struct reader *r, unsigned long cp)
{
	if (cp < 0x80) {
		put_byte(r, (unsigned char)cp);
	} else if (cp < 0x800) {
		put_byte(r, (unsigned char)(0xc0 | cp >> 6));
		put_byte(r, (unsigned char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		put_byte(r, (unsigned char)(0xe0 | cp >> 12));
		put_byte(r, (unsigned char)(0x80 | ((cp >> 6) & 0x3f)));
		put_byte(r, (unsigned char)(0x80 | (cp & 0x3f)));
	} else {
		put_byte(r, (unsigned char)(0xf0 | cp >> 18));
		put_byte(r, (unsigned char)(0x80 | ((cp >> 12) & 0x3f)));
		put_byte(r, (unsigned char)(0x80 | ((cp >> 6) & 0x3f)));
		put_byte(r, (unsigned char)(0x80 | (cp & 0x3f)));
	}
}

/* Four hex digits after "\u" (r->p at the first). */
static int hex4(struct reader *r, unsigned long *v)
{
	*v = 0;
	if (r->end - r->p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		char c = *r->p++;
		unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
			   : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
			   : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16u;
		if (d == 16)
			return -1;
		*v = *v << 4 | d;
	}
	return 0;
}

/* "\uXXXX" (r->p after the 'u'), a surrogate pair as one code point, a lone surrogate as '?'. */
static int unicode_escape(struct reader *r)
{
	unsigned long cp, lo;

	if (hex4(r, &cp))
		return -1;
	if (cp >= 0xd800 && cp < 0xdc00 && r->end - r->p >= 6 && r->p[0] == '\\' && r->p[1] == 'u') {
		const char *back = r->p;
		r->p += 2;
		if (hex4(r, &lo))
			return -1;
		if (lo >= 0xdc00 && lo < 0xe000) {
			put_code_point(r, 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00));
			return 0;
		}
		r->p = back; /* not a pair: the second escape is read on its own */
	}
	put_code_point(r, cp >= 0xd800 && cp < 0xe000 ? '?' : cp);
	return 0;
}

/* A string (r->p at its opening quote), decoded into r->out when it is set. */
static int string(struct reader *r)
{
	static const char esc_in[] = "\"\\/bfnrt", esc_out[] = "\"\\/\b\f\n\r\t";

	r->used = 0;
	if (r->p >= r->end || *r->p != '"')
		return -1;
	r->p++;
	while (r->p < r->end) {
		unsigned char c = (unsigned char)*r->p++;
		if (c == '"') {
			if (r->out && r->outlen)
				r->out[r->used] = '\0';
			return 0;
		}
		if (c < 0x20)
			return -1; /* RFC 8259 section 7: control characters must be escaped */
		if (c != '\\') {
			put_byte(r, c);
			continue;
		}
		if (r->p >= r->end)
			return -1;
		char e = *r->p++;
		const char *k = e ? strchr(esc_in, e) : NULL;
		if (k)
			put_byte(r, (unsigned char)esc_out[k - esc_in]);
		else if (e != 'u' || unicode_escape(r))
			return -1;
	}
	return -1;
}

static int digits(struct reader *r)
{
	const char *start = r->p;

	while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
		r->p++;
	return r->p > start ? 0 : -1;
}

/* A number; *WHOLE gets its value when it is a whole number in 0..2^53, else *IS_WHOLE = 0. */
static int number(struct reader *r, unsigned long long *whole, int *is_whole)
{
	const char *start = r->p;

	*is_whole = 1;
	if (r->p < r->end && *r->p == '-') {
		r->p++;
		*is_whole = 0;
	}
	if (r->p < r->end && *r->p == '0')
		r->p++;
	else if (digits(r))
		return -1;
	const char *int_end = r->p;
	if (r->p < r->end && *r->p == '.') {
		r->p++;
		*is_whole = 0;
		if (digits(r))
			return -1;
	}
	if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
		r->p++;
		*is_whole = 0;
		if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
			r->p++;
		if (digits(r))
			return -1;
	}
	if (*is_whole) {
		unsigned long long v = 0;
		for (const char *q = start; q < int_end && *is_whole; q++) {
			v = v * 10 + (unsigned)(*q - '0');
			if (v > MAX_UINT)
				*is_whole = 0;
		}
		*whole = v;
	}
	return 0;
}

static int value(struct reader *r, int depth);

/* The members of an object or the elements of an array (r->p after its opening bracket). */
static int container(struct reader *r, int depth, char close)
{
	skip_ws(r);
	if (r->p < r->end && *r->p == close) {
		r->p++;
		return 0;
	}
	for (;;) {
		if (close == '}') {
			if (string(r))
				return -1;
			skip_ws(r);
			if (r->p >= r->end || *r->p++ != ':')
				return -1;
		}
		if (value(r, depth + 1))
			return -1;
		skip_ws(r);
		if (r->p >= r->end)
			return -1;
		char c = *r->p++;
		if (c == close)
			return 0;
		if (c != ',')
			return -1;
		skip_ws(r);
	}
}

static int value(struct reader *r, int depth)
{
	unsigned long long ignored;
	int whole;

	if (depth > LAVA_JSON_DEPTH)
		return -1;
	skip_ws(r);
	if (r->p >= r->end)
		return -1;
	switch (*r->p) {
	case '{': r->p++; return container(r, depth, '}');
	case '[': r->p++; return container(r, depth, ']');
	case '"': return string(r);
	case 't': return literal(r, "true");
	case 'f': return literal(r, "false");
	case 'n': return literal(r, "null");
	default: return number(r, &ignored, &whole);
	}
}

int lava_json_valid(const char *json, size_t len)
{
	struct reader r = { .p = json, .end = json + len };

	if (value(&r, 0))
		return 0;
	skip_ws(&r);
	return r.p == r.end;
}

/* Reads the wanted value of the member whose key matched (r->p at the value). Returns 1 when it
 * had the wanted type, 0 when not, -1 when the text is bad. */
static int wanted_value(struct reader *r, enum want want, char *out, size_t outlen,
			unsigned long long *u)
{
	int whole, got = 0;

	skip_ws(r);
	if (want == WANT_STRING && r->p < r->end && *r->p == '"') {
		r->out = out, r->outlen = outlen;
		got = string(r) ? -1 : 1;
		r->out = NULL;
		return got;
	}
	if (want == WANT_UINT && r->p < r->end && *r->p == '[') {
		const char *after = r->p + 1;
		r->p = after;
		skip_ws(r);
		if (r->p < r->end && *r->p != ']' && *r->p != '"' && *r->p != '[' && *r->p != '{' &&
		    *r->p != 't' && *r->p != 'f' && *r->p != 'n') {
			if (number(r, u, &whole))
				return -1;
			got = whole;
		}
		r->p = after; /* the whole array is checked as any value */
		return container(r, 1, ']') ? -1 : got;
	}
	if (want == WANT_UINT && r->p < r->end && (*r->p == '-' || (*r->p >= '0' && *r->p <= '9')))
		return number(r, u, &whole) ? -1 : whole;
	return value(r, 1) ? -1 : 0;
}

static int member(const char *json, size_t len, const char *key, enum want want, char *out,
		  size_t outlen, unsigned long long *u)
{
	struct reader r = { .p = json, .end = json + len };
	char name[64];
	int found = 0;

	skip_ws(&r);
	if (r.p >= r.end || *r.p++ != '{')
		return -1;
	skip_ws(&r);
	if (r.p < r.end && *r.p == '}') {
		r.p++;
	} else {
		for (;;) {
			r.out = name, r.outlen = sizeof(name);
			int bad = string(&r);
			r.out = NULL;
			/* a key cut to fit never equals KEY: compare lengths too */
			int match = !bad && !found && r.used == strlen(key) && r.used < sizeof(name) - 1 &&
				    strcmp(name, key) == 0;
			skip_ws(&r);
			if (bad || r.p >= r.end || *r.p++ != ':')
				return -1;
			if (match) {
				int got = wanted_value(&r, want, out, outlen, u);
				if (got < 0)
					return -1;
				found = got ? 1 : -1; /* the first member KEY decides */
			} else if (value(&r, 1)) {
				return -1;
			}
			skip_ws(&r);
			if (r.p >= r.end)
				return -1;
			char c = *r.p++;
			if (c == '}')
				break;
			if (c != ',')
				return -1;
			skip_ws(&r);
		}
	}
	skip_ws(&r);
	return r.p == r.end && found == 1 ? 0 : -1;
}

int lava_json_string(const char *json, size_t len, const char *key, char *out, size_t outlen)
{
	if (!outlen)
		return -1;
	out[0] = '\0';
	int rc = member(json, len, key, WANT_STRING, out, outlen, NULL);
	if (rc)
		out[0] = '\0';
	return rc;
}

int lava_json_uint(const char *json, size_t len, const char *key, unsigned long long *out)
{
	unsigned long long v = 0;
	int rc = member(json, len, key, WANT_UINT, NULL, 0, &v);

	if (!rc)
		*out = v;
	return rc;
}

void lava_json_put_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}
