/* The record grammar: CRC, truncation, noise, malformed bodies, protocol versions. */
#include <criterion/criterion.h>
#include <string.h>

#include "../../../core/boot_exit.h"
#include "../../../core/crc32.h"
#include "fake_board.h"
#include "protocol.h"

static enum line_class parse(const char *text, char *buf, struct record *rec)
{
	strcpy(buf, text);
	return proto_parse_line(buf, strlen(buf), rec);
}

Test(crc32, matches_zlib_check_values)
{
	cr_expect_eq(crc32_update(0, "123456789", 9), 0xcbf43926u);
	cr_expect_eq(crc32_update(0, "", 0), 0u);
	/* chaining equals one pass, across the 8-byte slicing boundary */
	const char *s = "@s2b boot idx=1 faults=3 check=pass";
	cr_expect_eq(crc32_update(crc32_update(0, s, 13), s + 13, strlen(s) - 13),
		     crc32_update(0, s, strlen(s)));
}

Test(crc32, matches_a_record_printed_by_s2hv)
{
	/* recorded from the real hypervisor under QEMU */
	const char *body = "@s2b done status=ok boots=3 lines=960 tlbis=2";
	cr_expect_eq(crc32_update(0, body, strlen(body)), 0xa2a8394fu);
}

Test(protocol, valid_record_gives_kind_and_keys_in_order)
{
	char buf[512], line[512];
	struct record rec;
	fake_record(line, sizeof(line), "boot idx=2 faults=7 check=pass exit=reset");
	cr_assert_eq(parse(line, buf, &rec), LINE_RECORD);
	cr_expect_str_eq(rec.kind, "boot");
	cr_assert_eq(rec.nkv, 4);
	cr_expect_str_eq(rec.kv[0].key, "idx");
	cr_expect_str_eq(rec.kv[1].val, "7");
	cr_expect_str_eq(record_get(&rec, "check"), "pass");
}

Test(protocol, absent_key_is_null_not_zero)
{
	char buf[512], line[512];
	struct record rec;
	fake_record(line, sizeof(line), "boot idx=0 faults=1 check=none exit=reset");
	cr_assert_eq(parse(line, buf, &rec), LINE_RECORD);
	cr_expect_null(record_get(&rec, "reinit_cycles"));
}

Test(protocol, trailing_cr_is_ignored)
{
	char buf[512], line[512];
	struct record rec;
	fake_record(line, sizeof(line), "metric boot=0 key=x value=1");
	strcat(line, "\r");
	cr_expect_eq(parse(line, buf, &rec), LINE_RECORD);
}

Test(protocol, one_flipped_bit_is_a_bad_crc)
{
	char buf[512], line[512];
	struct record rec;
	fake_record(line, sizeof(line), "boot idx=1 faults=3");
	line[10] ^= 1; /* in the body */
	cr_expect_eq(parse(line, buf, &rec), LINE_BAD_CRC);
	fake_record(line, sizeof(line), "boot idx=1 faults=3");
	line[strlen(line) - 1] = line[strlen(line) - 1] == '0' ? '1' : '0'; /* in the CRC */
	cr_expect_eq(parse(line, buf, &rec), LINE_BAD_CRC);
}

Test(protocol, record_cut_anywhere_is_truncated)
{
	char buf[512], line[512], cut[512];
	struct record rec;
	fake_record(line, sizeof(line), "boot idx=1 faults=3 check=pass");
	for (size_t n = 5; n < strlen(line); n++) {
		snprintf(cut, sizeof(cut), "%.*s", (int)n, line);
		enum line_class c = parse(cut, buf, &rec);
		cr_expect(c == LINE_TRUNCATED || c == LINE_BAD_CRC, "cut at %zu accepted (%d)", n, c);
	}
}

Test(protocol, noise_is_not_a_record)
{
	char buf[512];
	struct record rec;
	cr_expect_eq(parse("guest| @s2b boot idx=0 *00000000", buf, &rec), LINE_NOISE);
	cr_expect_eq(parse(" @s2b boot idx=0", buf, &rec), LINE_NOISE);
	cr_expect_eq(parse("", buf, &rec), LINE_NOISE);
	cr_expect_eq(parse("@s2bx", buf, &rec), LINE_NOISE);
}

Test(protocol, uppercase_crc_is_rejected)
{
	char buf[512], line[512];
	struct record rec;
	fake_record(line, sizeof(line), "done status=ok boots=1");
	for (char *p = strrchr(line, '*'); *p; p++)
		if (*p >= 'a' && *p <= 'f')
			*p -= 32;
	if (strpbrk(strrchr(line, '*'), "ABCDEF"))
		cr_expect_eq(parse(line, buf, &rec), LINE_TRUNCATED);
}

Test(protocol, grammar_errors_with_a_good_crc_are_malformed)
{
	const char *bodies[] = { "boot idx", "Boot idx=1", "boot =1", "boot idx=1  faults=2" };
	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		char buf[512], line[512];
		struct record rec;
		fake_record(line, sizeof(line), bodies[i]);
		cr_expect_eq(parse(line, buf, &rec), LINE_MALFORMED, "'%s'", bodies[i]);
	}
}

Test(protocol, major_version_parsing)
{
	cr_expect_eq(proto_major("1.0"), 1);
	cr_expect_eq(proto_major("1.7"), 1);
	cr_expect_eq(proto_major("2.0"), 2);
	cr_expect_eq(proto_major("10"), 10);
	cr_expect_eq(proto_major("x1"), -1);
	cr_expect_eq(proto_major(NULL), -1);
	cr_expect_eq(proto_major("1a"), -1);
}

/* Issue 13, item 6: CRC-valid records that break the grammar are malformed, not records. */
Test(protocol, crc_valid_grammar_breakers_are_malformed)
{
	const char *bodies[] = {
		"boot idx=1 check=fail check=pass exit=reset", /* duplicate key */
		"boot idx=0 idx=7 check=pass exit=reset",       /* duplicate idx */
		"boot idx=1 faults=lots check=pass exit=reset", /* not a number */
		"boot idx=1 faults= check=pass exit=reset",     /* empty number */
		"boot idx=1 faults=010 check=pass exit=reset",  /* would read as octal */
		"metric boot=0 key=x value=18446744073709551616", /* 2^64 */
		"fault boot=0 ipa=0x10000000000000000",          /* 17 hex digits */
		"boot idx=1 check=maybe exit=reset",            /* not a check word */
		"boot idx=1 check=pass",                        /* exit missing */
		"cfg strategy=unmap",                           /* partial cfg */
		"hello proto=1.0 board=a_board_name_longer_than_its_cell_of_32", /* cut by the cell */
		"error code=x msg=a;b",                         /* ';' would split the extra cell */
	};
	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		char buf[512], line[512];
		struct record rec;
		fake_record(line, sizeof(line), bodies[i]);
		cr_expect_eq(parse(line, buf, &rec), LINE_MALFORMED, "'%s'", bodies[i]);
	}
	cr_expect(proto_is_number("18446744073709551615"));
	cr_expect(proto_is_number("0xffffffffffffffff"));
	cr_expect(proto_is_number("0"));
	cr_expect_not(proto_is_number("0x"));
	cr_expect_not(proto_is_number("-1"));
}

Test(protocol, nul_inside_a_value_is_malformed_not_cut)
{
	char line[128];
	struct record rec;
	const char body[] = "@s2b boot idx=1 check=pa\0ss exit=reset";
	size_t n = sizeof(body) - 1;
	memcpy(line, body, n);
	n += (size_t)snprintf(line + n, sizeof(line) - n, " *%08x", crc32_update(0, body, n));
	cr_expect_eq(proto_parse_line(line, n, &rec), LINE_MALFORMED);
}

/* Item 18 / item 5: "\r\r\n" line ends and NULs before a record (UART noise). */
Test(protocol, leading_nuls_and_every_trailing_cr_are_ignored)
{
	char line[512], buf[520];
	struct record rec;
	fake_record(line, sizeof(line), "metric boot=0 key=x value=1");
	size_t n = strlen(line);
	buf[0] = buf[1] = '\0';
	memcpy(buf + 2, line, n);
	memcpy(buf + 2 + n, "\r\r", 3);
	cr_expect_eq(proto_parse_line(buf, n + 4, &rec), LINE_RECORD);
	cr_expect_str_eq(rec.kind, "metric");
}

/* Item 6: a record line past PROTO_MAX_LINE is rejected whole. */
Test(protocol, overlong_record_line_is_rejected)
{
	static char body[PROTO_MAX_LINE + 64], line[sizeof(body) + 16];
	struct record rec;
	int n = snprintf(body, sizeof(body), "@s2b boot idx=1 check=pass exit=reset pad=%0*d",
			 PROTO_MAX_LINE, 0);
	snprintf(line, sizeof(line), "%s *%08x", body, crc32_update(0, body, (size_t)n));
	cr_expect_eq(proto_parse_line(line, strlen(line), &rec), LINE_OVERLONG);
}

/* s2hv and s2vmm name a boot's end with boot_exit_name(); the checker must accept each of those
 * words and nothing else ("continue" is never recorded). */
Test(protocol, the_checker_accepts_exactly_the_exit_words_the_emitters_name)
{
#define EXIT_ID(id, word) id,
	static const enum boot_exit exits[] = { BOOT_EXIT_WORDS(EXIT_ID) BOOT_CONTINUE };
#undef EXIT_ID
	size_t n = sizeof(exits) / sizeof(exits[0]);
	cr_assert_eq(n, 4); /* reset, off, error, continue */
	for (size_t i = 0; i < n; i++) {
		char body[128], buf[512], line[512];
		struct record rec;
		snprintf(body, sizeof(body), "boot idx=1 check=pass exit=%s",
			 boot_exit_name(exits[i]));
		fake_record(line, sizeof(line), body);
		cr_expect_eq(parse(line, buf, &rec),
			     exits[i] == BOOT_CONTINUE ? LINE_MALFORMED : LINE_RECORD, "'%s'", body);
	}
}
