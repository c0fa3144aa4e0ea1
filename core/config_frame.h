/*
 * The one line the harness sends s2hv in console configuration mode (docs/protocol.md,
 * "Configuration over the console"): `@s2b-cfg <bootargs words> *<crc>`, the CRC-32 as for
 * records, over every byte before ` *`. A reader gathers bytes into lines and judges each one;
 * it never trusts a line it could not hold whole.
 */
#ifndef S2_CONFIG_FRAME_H
#define S2_CONFIG_FRAME_H

#include "types.h"

#define CONFIG_FRAME_PREFIX "@s2b-cfg "
#define CONFIG_FRAME_MAX 1023 /* bytes of a frame line, without its line end */

enum frame_verdict {
	FRAME_NONE,     /* no whole line yet */
	FRAME_NOISE,    /* a line that is not a frame (no `@s2b-cfg ` at column 0): ignored */
	FRAME_OK,       /* a good frame: its words are in the reader's `words` */
	FRAME_CRC,      /* well formed, wrong CRC */
	FRAME_TOO_LONG, /* a frame line over CONFIG_FRAME_MAX bytes */
	FRAME_GRAMMAR,  /* no ` *` + 8 lowercase hex digits at the end, or a byte outside 0x20..0x7e */
};

struct frame_reader {
	char line[CONFIG_FRAME_MAX + 1];
	size_t len;      /* bytes of the line so far (at most CONFIG_FRAME_MAX kept) */
	bool overflow;   /* the line went past CONFIG_FRAME_MAX */
	char words[CONFIG_FRAME_MAX + 1]; /* FRAME_OK: the bootargs words, NUL-terminated */
};

void frame_reader_init(struct frame_reader *fr);
/* One received byte: FRAME_NONE until a line ends ('\n' or '\r'; an empty line is nothing),
 * then the verdict on that line. */
enum frame_verdict frame_reader_feed(struct frame_reader *fr, char c);
/* The verdict on one whole line of LEN bytes (no line end); FRAME_OK copies the words into
 * WORDS (CONFIG_FRAME_MAX + 1 bytes). */
enum frame_verdict config_frame_parse(const char *line, size_t len, char *words);
/* The nak reason word of a bad verdict: crc, too_long or grammar. */
const char *frame_verdict_word(enum frame_verdict v);

#endif
