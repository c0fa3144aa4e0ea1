/* The record words of enum s2_err: one per error, distinct, and a fallback for anything else. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "s2err.h"

Test(s2err, each_error_has_its_word)
{
	cr_assert_str_eq(s2_err_word(S2_EINVAL), "bad_range");
	cr_assert_str_eq(s2_err_word(S2_ENOMEM), "out_of_table_memory");
	cr_assert_str_eq(s2_err_word(S2_EEXIST), "already_mapped");
	cr_assert_str_eq(s2_err_word(S2_ENOENT), "not_mapped");
	cr_assert_str_eq(s2_err_word(S2_EUNSUPPORTED), "unsupported");
}

Test(s2err, other_values_are_unknown)
{
	cr_assert_str_eq(s2_err_word(0), "unknown_error");
	cr_assert_str_eq(s2_err_word(-99), "unknown_error");
	cr_assert_str_eq(s2_err_word(1), "unknown_error");
}

/* docs/protocol.md lists these words under strategy_failed: keep the two in step. */
Test(s2err, words_are_documented)
{
	static const int errs[] = {S2_EINVAL, S2_ENOMEM, S2_EEXIST, S2_ENOENT, S2_EUNSUPPORTED, 0};
	FILE *f = fopen("docs/protocol.md", "r");
	static char doc[1 << 17];
	size_t n;

	cr_assert_not_null(f, "run from the repository root");
	n = fread(doc, 1, sizeof(doc) - 1, f);
	fclose(f);
	doc[n] = 0;
	for (unsigned i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		char word[64];

		snprintf(word, sizeof(word), "`%s`", s2_err_word(errs[i]));
		cr_assert_not_null(strstr(doc, word), "%s missing from docs/protocol.md", word);
	}
}
