/* See config_frame.h. */
#include "config_frame.h"
#include "crc32.h"
#include "lib.h"

#define PREFIX_LEN (sizeof(CONFIG_FRAME_PREFIX) - 1)
#define TRAILER_LEN 10 /* " *" + 8 hex digits */

enum frame_verdict config_frame_parse(const char *line, size_t len, char *words)
{
	uint32_t want;
	size_t body;

	if (len < PREFIX_LEN || memcmp(line, CONFIG_FRAME_PREFIX, PREFIX_LEN))
		return FRAME_NOISE;
	if (len > CONFIG_FRAME_MAX)
		return FRAME_TOO_LONG;
	if (len < PREFIX_LEN + TRAILER_LEN || line[len - TRAILER_LEN] != ' ' ||
	    line[len - TRAILER_LEN + 1] != '*' || crc32_parse_hex(line + len - 8, &want))
		return FRAME_GRAMMAR;
	body = len - TRAILER_LEN;
	/* `@s2b-cfg  *crc` has no words: its body ends at the prefix's space */
	for (size_t i = PREFIX_LEN; i < body; i++)
		if (line[i] < 0x20 || line[i] > 0x7e || line[i] == '*')
			return FRAME_GRAMMAR; /* a NUL, a control byte or a stray '*' */
	if (crc32_update(0, line, body) != want)
		return FRAME_CRC;
	memcpy(words, line + PREFIX_LEN, body - PREFIX_LEN);
	words[body - PREFIX_LEN] = 0;
	return FRAME_OK;
}

void frame_reader_init(struct frame_reader *fr)
{
	fr->len = 0;
	fr->overflow = false;
	fr->words[0] = 0;
}

enum frame_verdict frame_reader_feed(struct frame_reader *fr, char c)
{
	enum frame_verdict v;

	if (c != '\n' && c != '\r') {
		if (fr->len < CONFIG_FRAME_MAX)
			fr->line[fr->len++] = c;
		else
			fr->overflow = true;
		return FRAME_NONE;
	}
	if (!fr->len)
		return FRAME_NONE; /* the '\n' of "\r\n", or an empty line */
	/* an over-long line is judged by what it starts with: a frame too long, or noise */
	v = config_frame_parse(fr->line, fr->overflow ? CONFIG_FRAME_MAX + 1 : fr->len, fr->words);
	fr->len = 0;
	fr->overflow = false;
	return v;
}

const char *frame_verdict_word(enum frame_verdict v)
{
	switch (v) {
	case FRAME_CRC:
		return "crc";
	case FRAME_TOO_LONG:
		return "too_long";
	default:
		return "grammar";
	}
}
