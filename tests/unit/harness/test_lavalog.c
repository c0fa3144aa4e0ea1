/* LAVA job logs: console text at every level the dispatcher logs it at (target, feedback),
 * YAML double-quoted escapes, LAVA's own quoting, and `parse` of a job whose `done` record was
 * logged at level feedback (lava-run's finalize drained it: the intermittent `crash`). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lavalog.h"
#include "support.h"

#define DATA S2B_TEST_DATA

/* Unwraps a copy of ENTRY; the console text (or the untouched line) into BUF. */
static enum lava_line unwrap(const char *entry, char *buf, size_t size)
{
	size_t len = strlen(entry);
	cr_assert_lt(len, size);
	memcpy(buf, entry, len + 1);
	enum lava_line k = lava_unwrap(buf, &len);
	cr_assert_eq(buf[len], '\0');
	cr_assert_eq(strlen(buf), len, "no NUL in these cases");
	return k;
}

Test(lavalog, target_and_feedback_levels_are_console_text)
{
	char b[512];
	cr_expect_eq(unwrap("{\"dt\": \"2026-11-28T05:18:29.216263\", \"lvl\": \"target\", "
			    "\"msg\": \"@s2b done status=ok *793fa95f\"}", b, sizeof(b)),
		     LAVA_TARGET);
	cr_expect_str_eq(b, "@s2b done status=ok *793fa95f");
	cr_expect_eq(unwrap("{\"dt\": \"2026-11-28T05:18:29.3\", \"lvl\": \"feedback\", "
			    "\"msg\": \"@s2b done status=ok *793fa95f\", \"ns\": \"common\"}",
			    b, sizeof(b)),
		     LAVA_TARGET, "feedback with a namespace (ReadFeedback in finalize)");
	cr_expect_str_eq(b, "@s2b done status=ok *793fa95f");
	cr_expect_eq(unwrap("- {\"dt\": \"2026-11-28T05:18:29.3\", \"lvl\": \"feedback\", "
			    "\"msg\": \"poweroff\"}", b, sizeof(b)),
		     LAVA_TARGET, "feedback without a namespace, as a server log item");
	cr_expect_str_eq(b, "poweroff");
}

Test(lavalog, dispatcher_entries_are_other)
{
	static const char *const other[] = {
		"{\"dt\": \"x\", \"lvl\": \"debug\", \"msg\": \"@s2b done status=ok *00000000\"}",
		"{\"dt\": \"x\", \"lvl\": \"input\", \"msg\": \"poweroff\\n\"}",
		"{\"dt\": \"x\", \"lvl\": \"info\", \"msg\": \"Job finished correctly\"}",
		"{\"dt\": \"x\", \"lvl\": \"results\", \"msg\": {\"case\": \"0\", \"definition\": "
		"\"s2bench\", \"extra\": {\"test_case_id\": \"0\"}, \"result\": \"pass\"}}",
		"{\"dt\": \"x\", \"lvl\": \"debug\", \"msg\": [\"-\\\\[ cut here \\\\]\", \"a\"]}",
		"{\"dt\": \"x\", \"lvl\": \"target\"}",
		"{\"dt\": \"x\", \"lvl\": \"target\", \"msg\": \"never closed",
	};
	char b[512];
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++)
		cr_expect_eq(unwrap(other[i], b, sizeof(b)), LAVA_OTHER, "%s", other[i]);
}

Test(lavalog, other_lines_are_left_alone)
{
	static const char *const lines[] = { "@s2b hello proto=1.0 *00000000", "- item", "-",
					     "{\"lvl\": \"target\", \"msg\": \"x\"}", "" };
	char b[512];
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		cr_expect_eq(unwrap(lines[i], b, sizeof(b)), LAVA_NOT, "%s", lines[i]);
		cr_expect_str_eq(b, lines[i]);
	}
}

Test(lavalog, yaml_escapes_and_lava_quoting_are_undone)
{
	char b[512];
	/* PyYAML's double-quoted style: \t \x7F \e \0-free escapes, \u beyond ASCII. The target
	 * printed `say "hi"\` and ShellLogger logged `say \"hi\"\` (then YAML escaped it). */
	cr_expect_eq(unwrap("{\"dt\": \"x\", \"lvl\": \"target\", \"msg\": "
			    "\"a\\tb\\x41\\u0042\\U00000043 \\u00e9 \\N say \\\\\\\"hi\\\\\\\"\\\\\"}",
			    b, sizeof(b)),
		     LAVA_TARGET);
	cr_expect_str_eq(b, "a\tbABC ? ? say \"hi\"\\");
	cr_expect_eq(unwrap("{\"dt\": \"x\", \"lvl\": \"target\", \"msg\": \"bad \\x4 \\uZZ\"}", b,
			    sizeof(b)),
		     LAVA_TARGET, "a short hex escape is one unknown character, not a read past it");
	cr_expect_str_eq(b, "bad ? ?ZZ");
}

/* A real lava-run log (tests/integration/harness-lava.sh) whose `done` record was moved to where
 * finalize's read-feedback logs it when the monitor's end pattern matched before the rest of the
 * line arrived: level feedback, namespace common. Before, the run became `crash`. */
static void parse_feedback_done(const char *log)
{
	char *dir = make_tmpdir("lavalog-feedback"), *out;
	char *args[] = { "parse", (char *)log, "--out", dir, NULL };
	struct csv_rows runs, boots;
	cr_assert_eq(run_s2bench(args, NULL, &out), 0, "%s", out);
	cr_expect(strstr(out, "1 runs written") && strstr(out, " 0 bad CRC, 0 truncated"), "%s",
		  out);
	load_csv(dir, "runs.csv", &runs);
	load_csv(dir, "boots.csv", &boots);
	cr_assert_eq(runs.nrows, 1);
	cr_expect_str_eq(csv_cell(&runs, 0, "status"), "ok");
	cr_expect_str_eq(csv_cell(&runs, 0, "error"), "");
	cr_expect_str_eq(csv_cell(&runs, 0, "strategy"), "unmap");
	cr_expect_eq(boots.nrows, 4);
}

Test(lavalog, done_at_feedback_level_finishes_the_run)
{
	parse_feedback_done(DATA "/lava-feedback-done.log");
}

Test(lavalog, done_at_feedback_level_in_a_server_log)
{
	parse_feedback_done(DATA "/lava-feedback-done.yaml");
}

/* Copies ENTRY into BUF and asks lava_job_error about it; *LEN = the length after. */
static int job_error(const char *entry, char *buf, size_t size, size_t *len)
{
	*len = strlen(entry);
	cr_assert_lt(*len, size);
	memcpy(buf, entry, *len + 1);
	return lava_job_error(buf, len);
}

Test(lavalog, the_job_result_gives_the_dispatchers_error)
{
	char b[512];
	size_t len;
	const char *entry =
		"- {\"dt\": \"2026-11-28T11:02:08.857157\", \"lvl\": \"results\", \"msg\": {\"case\": "
		"\"job\", \"definition\": \"lava\", \"error_msg\": \"Invalid job data: [\\\"Image file "
		"'/nonexistent/s2hv.img' does not exist\\\"]\\n\", \"error_type\": \"Job\", \"result\": "
		"\"fail\"}}";

	cr_assert_eq(job_error(entry, b, sizeof(b), &len), 1);
	cr_expect_str_eq(b, "Invalid job data: [\"Image file '/nonexistent/s2hv.img' does not exist\"]\n");
	cr_expect_eq(len, strlen(b));

	static const char *const others[] = {
		/* another result, without an error */
		"- {\"dt\": \"x\", \"lvl\": \"results\", \"msg\": {\"case\": \"validate\", \"definition\": "
		"\"lava\", \"result\": \"fail\"}}",
		/* a job result of another test definition's case named job */
		"- {\"dt\": \"x\", \"lvl\": \"results\", \"msg\": {\"case\": \"job\", \"result\": \"pass\"}}",
		/* console text that looks like one */
		"{\"dt\": \"x\", \"lvl\": \"target\", \"msg\": \"{case: job, error_msg: no}\"}",
		/* error_msg outside the result mapping */
		"{\"dt\": \"x\", \"lvl\": \"results\", \"msg\": {\"case\": \"job\"}, \"error_msg\": \"e\"}",
		"@s2b done status=ok *793fa95f",
		"- {\"dt\": \"x\", \"lvl\": \"results\", \"msg\": {\"case\": \"job\", \"error_msg\": \"cut",
	};
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		cr_expect_eq(job_error(others[i], b, sizeof(b), &len), 0, "%s", others[i]);
		cr_expect_str_eq(b, others[i], "left untouched");
	}
}
