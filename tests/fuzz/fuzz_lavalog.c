/* libFuzzer target for the LAVA log reader (harness/lavalog.c), two ways:
 *  - a log: every line is unwrapped, and read for the job's error; no read outside it, entries
 *    that are not console text (not the job's error) are left as they were, neither grows;
 *  - "!" FLAGS TEXT: TEXT is logged the way lava-run would log a console line (ShellLogger's
 *    quoting, then PyYAML's double-quoted style, at level target or feedback, with or without a
 *    namespace, optionally as a server-log "- " item) and must read back exactly, every byte
 *    above 0x7f as '?'. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lavalog.h"

static void check_line(const char *in, size_t n)
{
	char *line = malloc(n + 1); /* exact size: ASan sees any read past the line */
	size_t len = n;

	memcpy(line, in, n);
	line[n] = '\0';
	enum lava_line k = lava_unwrap(line, &len);
	if (k == LAVA_TARGET) {
		if (len > n || line[len] != '\0')
			abort();
	} else if (len != n || memcmp(line, in, n) != 0) {
		abort();
	}
	/* the job's error: never longer than the entry, the entry untouched when there is none */
	memcpy(line, in, n);
	line[n] = '\0';
	len = n;
	if (lava_job_error(line, &len)) {
		if (len > n || line[len] != '\0')
			abort();
	} else if (len != n || memcmp(line, in, n) != 0) {
		abort();
	}
	free(line);
}

/* PyYAML's double-quoted escapes (emitter.py write_double_quoted) of one character. */
static char *yaml_char(char *o, unsigned char c)
{
	static const char named[] = { ['\0'] = '0', ['\a'] = 'a', ['\b'] = 'b', ['\t'] = 't',
				      ['\n'] = 'n', ['\v'] = 'v', ['\f'] = 'f', ['\r'] = 'r',
				      [0x1b] = 'e' };
	if (c == '"' || c == '\\') {
		*o++ = '\\', *o++ = (char)c;
	} else if (c >= 0x20 && c < 0x7f) {
		*o++ = (char)c;
	} else if (c < sizeof(named) && named[c]) {
		*o++ = '\\', *o++ = named[c];
	} else if (c == 0x85 || c == 0xa0) { /* NEL, NBSP (as latin-1 code points) */
		*o++ = '\\', *o++ = c == 0x85 ? 'N' : '_';
	} else {
		o += sprintf(o, "\\x%02X", c);
	}
	return o;
}

static void round_trip(uint8_t flags, const uint8_t *text, size_t n)
{
	char *entry = malloc(8 * n + 128), *o = entry;
	if (flags & 1)
		o += sprintf(o, "- ");
	o += sprintf(o, "{\"dt\": \"2026-11-28T05:18:29.216263\", \"lvl\": \"%s\", \"msg\": \"",
		     flags & 2 ? "feedback" : "target");
	for (size_t i = 0; i < n; i++) {
		if (text[i] == '"') /* ShellLogger: '"' -> '\"' */
			o = yaml_char(o, '\\');
		o = yaml_char(o, text[i]);
	}
	o += sprintf(o, "\"%s}", flags & 4 ? ", \"ns\": \"common\"" : "");
	size_t len = (size_t)(o - entry);
	char *line = malloc(len + 1);
	memcpy(line, entry, len + 1);
	if (lava_unwrap(line, &len) != LAVA_TARGET || len != n)
		abort();
	for (size_t i = 0; i < n; i++)
		if (line[i] != (text[i] < 0x80 ? (char)text[i] : '?'))
			abort();
	free(line);
	free(entry);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 2 && data[0] == '!') {
		round_trip(data[1], data + 2, size - 2);
		return 0;
	}
	const char *p = (const char *)data, *end = p + size;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		check_line(p, n);
		p += n + 1;
	}
	return 0;
}
