/* libFuzzer target for the `@s2b-cfg` frame reader s2hv runs in console configuration mode
 * (core/config_frame.c): any bytes fed one at a time. A good frame's words are printable, hold
 * no '*', and framed again with their CRC read back as the same words; the reader's line never
 * grows past CONFIG_FRAME_MAX; a whole line judged at once gets the same verdict. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_frame.h"
#include "crc32.h"

static struct frame_reader fr;
static char line[2 * CONFIG_FRAME_MAX + 64], again[CONFIG_FRAME_MAX + 1];

static void check_good_words(const char *words)
{
	size_t n = strlen(words);
	int len;

	for (size_t i = 0; i < n; i++)
		if (words[i] < 0x20 || words[i] > 0x7e || words[i] == '*')
			abort();
	len = snprintf(line, sizeof(line), "%s%s", CONFIG_FRAME_PREFIX, words);
	len += snprintf(line + len, sizeof(line) - (size_t)len, " *%08x",
			crc32_update(0, line, (size_t)len));
	if (len > CONFIG_FRAME_MAX || config_frame_parse(line, (size_t)len, again) != FRAME_OK ||
	    strcmp(again, words))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t start = 0;

	frame_reader_init(&fr);
	for (size_t i = 0; i < size; i++) {
		enum frame_verdict v = frame_reader_feed(&fr, (char)data[i]);

		if (fr.len > CONFIG_FRAME_MAX)
			abort();
		if (data[i] == '\n' || data[i] == '\r') {
			size_t n = i - start;
			/* the same line judged whole: the reader's verdict, or nothing for an empty line */
			if (n && v != config_frame_parse((const char *)data + start, n, again))
				abort();
			if (!n && v != FRAME_NONE)
				abort();
			start = i + 1;
		}
		if (v == FRAME_OK)
			check_good_words(fr.words);
	}
	return 0;
}
