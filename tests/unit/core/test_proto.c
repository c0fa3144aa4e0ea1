/* The record emitter: format, CRC-32 as zlib computes it, values that cannot break a line. */
#include <criterion/criterion.h>
#include <stdio.h>
#include "console_capture.h"
#include "crc32.h"
#include "proto.h"


static void setup(void)
{
	capture_console();
}
TestSuite(proto, .init = setup);

Test(proto, crc32_matches_the_ieee_check_value)
{
	cr_assert_eq(crc32_update(0, "123456789", 9), 0xcbf43926u);
	cr_assert_eq(crc32_update(crc32_update(0, "1234", 4), "56789", 5), 0xcbf43926u);
}

Test(proto, record_line_has_kind_keys_and_crc_of_the_prefix)
{
	struct record r;
	char expect[16];
	const char *star;

	rec_begin(&r, "boot");
	rec_u64(&r, "idx", 3);
	rec_hex(&r, "esr", 0x96000046);
	rec_str(&r, "check", "pass");
	rec_end(&r);
	star = strstr(console_out, " *");
	cr_assert_not_null(star);
	cr_assert_eq(strncmp(console_out, "@s2b boot idx=3 esr=0x96000046 check=pass *", star - console_out + 2), 0, "%s", console_out);
	snprintf(expect, sizeof(expect), "%08x", crc32_update(0, console_out, star - console_out));
	cr_assert_eq(strncmp(star + 2, expect, 8), 0, "%s", console_out);
	cr_assert_str_eq(star + 10, "\r\n");
}

Test(proto, string_values_cannot_contain_spaces_or_stars)
{
	struct record r;

	rec_begin(&r, "error");
	rec_str(&r, "msg", "a b*c\nd");
	rec_end(&r);
	cr_assert_eq(strncmp(console_out, "@s2b error msg=a_b_c_d *", 24), 0, "%s", console_out);
}

Test(proto, overlong_record_is_cut_not_split)
{
	struct record r;
	char big[700];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	rec_begin(&r, "metric");
	rec_str(&r, "key", big);
	rec_end(&r);
	cr_assert_eq(strchr(console_out, '\n'), console_out + console_out_len - 1, "exactly one line");
	cr_assert_not_null(strstr(console_out, " *"));
}

Test(proto, overlong_record_says_it_was_truncated)
{
	struct record r;
	char big[700];

	memset(big, 'y', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	rec_begin(&r, "metric");
	rec_str(&r, "key", big);
	rec_u64(&r, "after", 1);
	rec_end(&r);
	cr_assert_not_null(strstr(console_out, " truncated=1 *"), "%s", console_out);
	cr_assert_null(strstr(console_out, "after="), "nothing after the cut");
}
