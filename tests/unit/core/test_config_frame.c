/* The `@s2b-cfg` frame s2hv reads in console configuration mode (core/config_frame.c): a good
 * frame gives its words, every bad one its nak reason, noise is nothing. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "config_frame.h"
#include "crc32.h"

/* "@s2b-cfg WORDS *crc" with the right CRC, or CRC ^ FLIP. */
static size_t make_frame(char *buf, size_t cap, const char *words, unsigned flip)
{
	int n = snprintf(buf, cap, "@s2b-cfg %s", words);

	return (size_t)n + (size_t)snprintf(buf + n, cap - (size_t)n, " *%08x",
					    crc32_update(0, buf, (size_t)n) ^ flip);
}

/* Feed LEN bytes of LINE and END through a reader: the verdict the line end gives. */
static enum frame_verdict feed(struct frame_reader *fr, const char *line, size_t len, const char *end)
{
	enum frame_verdict v = FRAME_NONE;

	for (size_t i = 0; i < len; i++)
		cr_assert_eq(frame_reader_feed(fr, line[i]), FRAME_NONE, "verdict before the line end");
	for (; *end; end++) {
		enum frame_verdict e = frame_reader_feed(fr, *end);

		if (e != FRAME_NONE)
			v = e;
	}
	return v;
}

static struct frame_reader fr;

Test(config_frame, a_good_frame_gives_its_words)
{
	char line[256];
	size_t n = make_frame(line, sizeof(line), "s2b.strategy=clean s2b.boots=3", 0);

	frame_reader_init(&fr);
	cr_assert_eq(feed(&fr, line, n, "\r\n"), FRAME_OK);
	cr_assert_str_eq(fr.words, "s2b.strategy=clean s2b.boots=3");
	/* the reader is ready for the next line at once */
	cr_assert_eq(feed(&fr, line, n, "\n"), FRAME_OK);
}

Test(config_frame, a_wrong_crc_is_crc)
{
	char line[256];
	size_t n = make_frame(line, sizeof(line), "s2b.boots=3", 1);

	frame_reader_init(&fr);
	cr_assert_eq(feed(&fr, line, n, "\n"), FRAME_CRC);
	cr_assert_str_eq(frame_verdict_word(FRAME_CRC), "crc");
	/* one byte of the words changed on the wire, CRC as sent */
	n = make_frame(line, sizeof(line), "s2b.boots=3", 0);
	line[15] = '4';
	cr_assert_eq(config_frame_parse(line, n, fr.words), FRAME_CRC);
}

Test(config_frame, a_line_over_1023_bytes_is_too_long_whatever_follows)
{
	static char words[2000], line[2100];
	size_t n;

	memset(words, 'a', 1100);
	n = make_frame(line, sizeof(line), words, 0);
	frame_reader_init(&fr);
	cr_assert_eq(feed(&fr, line, n, "\n"), FRAME_TOO_LONG);
	cr_assert_str_eq(frame_verdict_word(FRAME_TOO_LONG), "too_long");
	/* exactly 1023 bytes is still a frame */
	memset(words, 0, sizeof(words));
	memset(words, 'b', CONFIG_FRAME_MAX - 19);
	n = make_frame(line, sizeof(line), words, 0);
	cr_assert_eq(n, CONFIG_FRAME_MAX);
	cr_assert_eq(feed(&fr, line, n, "\n"), FRAME_OK);
	cr_assert_eq(strlen(fr.words), CONFIG_FRAME_MAX - 19);
	/* a long line that is no frame is noise, and the next frame is read whole */
	memset(line, 'x', 1500);
	cr_assert_eq(feed(&fr, line, 1500, "\n"), FRAME_NOISE);
	n = make_frame(line, sizeof(line), "s2b.boots=1", 0);
	cr_assert_eq(feed(&fr, line, n, "\n"), FRAME_OK);
}

Test(config_frame, a_nul_or_control_byte_is_grammar_even_with_its_crc)
{
	char line[256];
	size_t n;

	snprintf(line, sizeof(line), "@s2b-cfg s2b.boots=3");
	line[13] = '\0'; /* "@s2b-cfg s2b.\0oots=3", CRC over the bytes with the NUL */
	n = 20;
	n += (size_t)snprintf(line + n, sizeof(line) - n, " *%08x", crc32_update(0, line, 20));
	frame_reader_init(&fr);
	cr_assert_eq(feed(&fr, line, n, "\n"), FRAME_GRAMMAR);
	cr_assert_str_eq(frame_verdict_word(FRAME_GRAMMAR), "grammar");
	line[13] = '\t';
	cr_assert_eq(config_frame_parse(line, n, fr.words), FRAME_GRAMMAR);
	line[13] = (char)0xff; /* what the UART gives for a byte received with an error */
	cr_assert_eq(config_frame_parse(line, n, fr.words), FRAME_GRAMMAR);
}

Test(config_frame, garbage_after_the_prefix_is_grammar)
{
	static const char *const bad[] = {
		"@s2b-cfg s2b.boots=3",              /* no trailer */
		"@s2b-cfg s2b.boots=3 *1234567",     /* 7 digits */
		"@s2b-cfg s2b.boots=3 *DEADBEEF",    /* uppercase */
		"@s2b-cfg s2b.boots=3 *deadbeeg",    /* not hex */
		"@s2b-cfg s2b.boots=3*deadbeef",     /* no space before '*' */
		"@s2b-cfg s2b.*oots=3 *deadbeef",    /* a '*' among the words */
		"@s2b-cfg *deadbeef",                /* shorter than prefix + trailer */
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		frame_reader_init(&fr);
		cr_expect_eq(feed(&fr, bad[i], strlen(bad[i]), "\n"), FRAME_GRAMMAR, "%s", bad[i]);
	}
}

Test(config_frame, lines_that_are_not_frames_are_noise_and_empty_lines_nothing)
{
	static const char *const noise[] = {
		"U-Boot 2023.01", "@s2b ready proto=1.1 served=0 *00000000", "@s2b-cfgs2b.boots=3 *00000000",
		" @s2b-cfg s2b.boots=3 *00000000",
	};

	frame_reader_init(&fr);
	for (size_t i = 0; i < sizeof(noise) / sizeof(noise[0]); i++)
		cr_expect_eq(feed(&fr, noise[i], strlen(noise[i]), "\r\n"), FRAME_NOISE, "%s", noise[i]);
	cr_assert_eq(feed(&fr, "", 0, "\r\n\n\r"), FRAME_NONE);
}

Test(config_frame, a_frame_without_words_is_good_and_empty)
{
	char line[64];
	size_t n = make_frame(line, sizeof(line), "", 0);

	cr_assert_eq(config_frame_parse(line, n, fr.words), FRAME_OK);
	cr_assert_str_eq(fr.words, "");
}
