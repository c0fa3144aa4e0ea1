/* The JSON reader for LAVA's REST answers (harness/lava_json.c) and what a job's state and
 * health mean (harness/lava_state.c). The answers are shaped like lava-server 2023.01's. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lava_json.h"
#include "lava_state.h"

static int str(const char *json, const char *key, char *out, size_t n)
{
	return lava_json_string(json, strlen(json), key, out, n);
}

static int whole(const char *json, const char *key, unsigned long long *v)
{
	return lava_json_uint(json, strlen(json), key, v);
}

Test(lava_json, reads_a_job_detail)
{
	const char *job = "{\"id\":4,\"submitter\":\"s2bench\",\"viewing_groups\":[],\"tags\":[],"
			  "\"actual_device\":\"s2b-qemu01\",\"state\":\"Finished\",\"health\":\"Incomplete\","
			  "\"definition\":\"device_type: \\\"qemu\\\"\\njob_name: x\\n\",\"failure_tags\":[],"
			  "\"failure_comment\":null,\"token\":null,\"extra\":{\"state\":\"nested\"}}";
	char s[64];
	unsigned long long id;

	cr_assert_eq(str(job, "state", s, sizeof(s)), 0);
	cr_expect_str_eq(s, "Finished", "the top-level member, not the nested one");
	cr_assert_eq(str(job, "health", s, sizeof(s)), 0);
	cr_expect_str_eq(s, "Incomplete");
	cr_assert_eq(str(job, "definition", s, sizeof(s)), 0);
	cr_expect_str_eq(s, "device_type: \"qemu\"\njob_name: x\n");
	cr_expect_eq(str(job, "failure_comment", s, sizeof(s)), -1, "null is absent");
	cr_expect_str_eq(s, "");
	cr_expect_eq(str(job, "nope", s, sizeof(s)), -1);
	cr_expect_eq(str(job, "id", s, sizeof(s)), -1, "a number is no string");
	cr_assert_eq(whole(job, "id", &id), 0);
	cr_expect_eq(id, 4);
}

Test(lava_json, reads_the_job_id_of_a_submission)
{
	unsigned long long id = 0;

	cr_assert_eq(whole("{\"message\":\"job(s) successfully submitted\",\"job_ids\":[12]}", "job_ids", &id), 0);
	cr_expect_eq(id, 12);
	cr_assert_eq(whole(" {\"job_ids\" : [ 7 , 8 ] } \n", "job_ids", &id), 0);
	cr_expect_eq(id, 7, "a multinode submission: the first");
	cr_expect_eq(whole("{\"job_ids\":[]}", "job_ids", &id), -1, "no id");
	cr_expect_eq(whole("{\"job_ids\":[\"12\"]}", "job_ids", &id), -1, "a string is no id");
	cr_expect_eq(whole("{\"job_ids\":[-1]}", "job_ids", &id), -1);
	cr_expect_eq(whole("{\"job_ids\":[1.5]}", "job_ids", &id), -1);
	cr_expect_eq(whole("{\"job_ids\":[1e3]}", "job_ids", &id), -1);
	cr_expect_eq(whole("{\"job_ids\":[9007199254740993]}", "job_ids", &id), -1, "over 2^53");
	cr_assert_eq(whole("{\"job_ids\":[9007199254740992]}", "job_ids", &id), 0);
	cr_expect_eq(id, 9007199254740992ull);
	cr_expect_eq(whole("{\"job_ids\":[1,]}", "job_ids", &id), -1, "the rest of the array is checked");
}

Test(lava_json, decodes_escapes_and_unicode)
{
	char s[64];

	cr_assert_eq(str("{\"m\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"}", "m", s, sizeof(s)), 0);
	cr_expect_str_eq(s, "a\"b\\c/d\b\f\n\r\t");
	cr_assert_eq(str("{\"m\":\"\\u00e9\\u20ac\\ud83d\\ude00\"}", "m", s, sizeof(s)), 0);
	cr_expect_str_eq(s, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", "2, 3 and 4 UTF-8 bytes");
	cr_assert_eq(str("{\"m\":\"\\ud83dx\\ude00\"}", "m", s, sizeof(s)), 0);
	cr_expect_str_eq(s, "?x?", "lone surrogates");
	cr_assert_eq(str("{\"m\":\"\\ud83d\\u0041\"}", "m", s, sizeof(s)), 0);
	cr_expect_str_eq(s, "?A", "a high surrogate before a non-surrogate escape");
	cr_assert_eq(str("{\"k\\u0065y\":\"v\"}", "key", s, sizeof(s)), 0);
	cr_expect_str_eq(s, "v", "keys are decoded too");
	cr_expect_eq(str("{\"m\":\"\\x\"}", "m", s, sizeof(s)), -1);
	cr_expect_eq(str("{\"m\":\"\\u12g4\"}", "m", s, sizeof(s)), -1);
	cr_expect_eq(str("{\"m\":\"a\nb\"}", "m", s, sizeof(s)), -1, "a raw control character");
}

Test(lava_json, cuts_a_long_string_to_fit)
{
	char s[4];

	cr_assert_eq(str("{\"m\":\"abcdef\"}", "m", s, sizeof(s)), 0);
	cr_expect_str_eq(s, "abc");
	char tiny[1];
	cr_assert_eq(str("{\"m\":\"abcdef\"}", "m", tiny, sizeof(tiny)), 0);
	cr_expect_str_eq(tiny, "");
}

Test(lava_json, first_member_wins)
{
	char s[16];

	cr_assert_eq(str("{\"a\":\"1\",\"a\":\"2\"}", "a", s, sizeof(s)), 0);
	cr_expect_str_eq(s, "1");
	cr_expect_eq(str("{\"a\":3,\"a\":\"2\"}", "a", s, sizeof(s)), -1, "the first is no string");
}

Test(lava_json, refuses_what_is_not_json)
{
	static const char *const bad[] = {
		"", "   ", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":1 \"b\":2}", "{a:1}",
		"{\"a\":01}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":1e}", "{\"a\":tru}", "{\"a\":nul}",
		"{\"a\":\"x}", "{\"a\":[1,2}", "{\"a\":1}x", "{\"a\":1}{}", "<html>Not Found</html>",
		"[\"a\"]", "\"a\"",
	};
	char s[8];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_expect_eq(str(bad[i], "a", s, sizeof(s)), -1, "%s", bad[i]);
		if (bad[i][0] != '[' && bad[i][0] != '"')
			cr_expect_not(lava_json_valid(bad[i], strlen(bad[i])), "%s", bad[i]);
	}
	cr_expect(lava_json_valid("[\"a\"]", 5), "valid, only not an object");
	cr_expect(lava_json_valid(" {\"a\": [true, false, null, -0.5e+3, {}, []]} ", 44));
}

Test(lava_json, bounds_nesting)
{
	char deep[2 * (LAVA_JSON_DEPTH + 2) + 16], s[8];
	size_t n = 0;

	/* {"a":"v","b":[[[...]]]}: LAVA_JSON_DEPTH levels below the top are read, one more is not */
	for (int extra = 0; extra < 2; extra++) {
		n = (size_t)sprintf(deep, "{\"a\":\"v\",\"b\":");
		int levels = LAVA_JSON_DEPTH + extra;
		for (int i = 0; i < levels; i++)
			deep[n++] = '[';
		for (int i = 0; i < levels; i++)
			deep[n++] = ']';
		deep[n++] = '}';
		cr_expect_eq(lava_json_string(deep, n, "a", s, sizeof(s)), extra ? -1 : 0, "%d levels", levels);
	}
}

Test(lava_json, reads_only_len_bytes)
{
	char s[8];
	const char *json = "{\"a\":\"v\"}garbage";

	cr_assert_eq(lava_json_string(json, 9, "a", s, sizeof(s)), 0);
	cr_expect_str_eq(s, "v");
	cr_expect_eq(lava_json_string(json, 8, "a", s, sizeof(s)), -1, "cut before the brace");
}

Test(lava_json, written_strings_read_back)
{
	const char *yaml = "device_type: \"qemu\"\n\tpath: C:\\x \x01\x1f\x7f end";
	char *buf = NULL, out[128];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	fputs("{\"definition\": ", f);
	lava_json_put_string(f, yaml);
	fputs("}", f);
	fclose(f);
	cr_assert_eq(lava_json_string(buf, len, "definition", out, sizeof(out)), 0, "%s", buf);
	cr_expect_str_eq(out, yaml);
	free(buf);
}

Test(lava_state, queued_running_finished)
{
	static const char *const queued[] = { "Submitted", "Scheduling", "Scheduled" };
	for (size_t i = 0; i < 3; i++)
		cr_expect_eq(lava_job_verdict(queued[i], "Unknown").phase, LAVA_PHASE_QUEUED, "%s", queued[i]);
	cr_expect_eq(lava_job_verdict("Running", "Unknown").phase, LAVA_PHASE_RUNNING);
	cr_expect_eq(lava_job_verdict("Canceling", "Unknown").phase, LAVA_PHASE_RUNNING,
		     "still running until LAVA finishes it");

	struct lava_verdict v = lava_job_verdict("Finished", "Complete");
	cr_expect_eq(v.phase, LAVA_PHASE_DONE);
	cr_expect_null(v.status, "a complete job: the records decide");
	v = lava_job_verdict("Finished", "Incomplete");
	cr_expect_eq(v.phase, LAVA_PHASE_DONE);
	cr_expect_str_eq(v.status, "lava_incomplete");
	v = lava_job_verdict("Finished", "Canceled");
	cr_expect_eq(v.phase, LAVA_PHASE_DONE);
	cr_expect_str_eq(v.status, "lava_canceled");
}

Test(lava_state, unknown_names_are_bad)
{
	cr_expect_eq(lava_job_verdict("Finished", "Unknown").phase, LAVA_PHASE_BAD,
		     "LAVA sets the health as it finishes");
	cr_expect_eq(lava_job_verdict("Paused", "Unknown").phase, LAVA_PHASE_BAD);
	cr_expect_eq(lava_job_verdict("Running", "Good").phase, LAVA_PHASE_BAD);
	cr_expect_eq(lava_job_verdict("finished", "complete").phase, LAVA_PHASE_BAD, "display names are capitalised");
	cr_expect_eq(lava_job_verdict("", "").phase, LAVA_PHASE_BAD);
	cr_expect_str_eq(lava_phase_name(LAVA_PHASE_QUEUED), "queued");
	cr_expect_str_eq(lava_phase_name(LAVA_PHASE_RUNNING), "running");
}
