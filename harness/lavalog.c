#include "lavalog.h"

#include <string.h>

#define TARGET_KEY "\"lvl\": \"target\", \"msg\": \""

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

/* Decodes the JSON string starting at IN (after its opening quote) into OUT; returns the length
 * or -1 if it does not end with a quote. Non-ASCII \u escapes become '?': records are ASCII. */
static long decode_json_string(const char *in, const char *end, char *out)
{
	char *o = out;
	while (in < end && *in != '"') {
		if (*in != '\\') {
			*o++ = *in++;
			continue;
		}
		if (++in >= end)
			return -1;
		char c = *in++;
		switch (c) {
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'u': {
			int v = 0;
			for (int i = 0; i < 4; i++) {
				int h = in < end ? hexval(*in++) : -1;
				if (h < 0)
					return -1;
				v = v << 4 | h;
			}
			*o++ = v < 0x80 ? (char)v : '?';
			break;
		}
		default: *o++ = c; break; /* \" \\ \/ */
		}
	}
	return in < end ? o - out : -1;
}

enum lava_line lava_unwrap(char *line, size_t *len)
{
	char *p = line, *end = line + *len;

	if (p < end && *p == '-') /* YAML list item */
		p += p + 1 < end && p[1] == ' ' ? 2 : 1;
	if (end - p < 8 || memcmp(p, "{\"dt\": \"", 8) != 0)
		return LAVA_NOT;
	char *msg = memmem(p, (size_t)(end - p), TARGET_KEY, sizeof(TARGET_KEY) - 1);
	if (!msg)
		return LAVA_OTHER;
	msg += sizeof(TARGET_KEY) - 1;
	long n = decode_json_string(msg, end, line); /* output never outruns input */
	if (n < 0)
		return LAVA_OTHER;
	*len = (size_t)n;
	line[n] = '\0';
	return LAVA_TARGET;
}
