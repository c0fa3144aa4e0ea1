/* The one bench-call dispatcher both hosts use (core/bench_calls.c), driven by a test back-end:
 * what each call answers and prints, what the back-end decides (clock, READY, refusals), and that
 * a call it does not know is left to the host. */
#include <criterion/criterion.h>
#include <string.h>
#include "bench_calls.h"
#include "console_capture.h"
#include "hypercall.h"

static u64 now, refused, readies;

static u64 test_clock(void *ctx)
{
	(void)ctx;
	return now;
}
static void test_ready(void *ctx)
{
	(void)ctx;
	readies++;
}
static u64 test_refuse(void *ctx, u64 call, const char *why)
{
	(void)ctx;
	(void)call;
	(void)why;
	refused++;
	return 77;
}

static const struct bench_backend accepting = {
	.clock = test_clock, .unit_suffix = "_t", .mark_overhead = 5, .ready = test_ready};
static const struct bench_backend refusing = {
	.clock = test_clock, .unit_suffix = "_t", .ready = test_ready, .refuse = test_refuse};
static struct bench_session s;

static void setup(void)
{
	capture_console();
	now = refused = readies = 0;
	memset(&s, 0, sizeof(s));
	s.params.boot = 2;
	s.params.frac_tenths = 255; /* 25.5 %: "frac" reads the whole percent */
}
TestSuite(bench_calls, .init = setup);

static u64 call(const struct bench_backend *be, u64 id, u64 a, u64 b, u64 c)
{
	const u64 x[6] = {id, a, b, c, 0, 0};
	u64 ret = 12345;

	cr_assert(bench_call(&s, be, x, &ret), "call 0x%llx not taken", (unsigned long long)id);
	return ret;
}

#define TAG_T 0x74ULL /* "t" packed */

static unsigned count(const char *text, const char *what)
{
	unsigned n = 0;

	for (const char *p = text; (p = strstr(p, what)); p++)
		n++;
	return n;
}

Test(bench_calls, a_region_is_begin_to_end_less_the_mark_overhead)
{
	now = 100;
	cr_expect_eq(call(&accepting, S2B_MARK, S2B_MARK_BEGIN, TAG_T, 0), 0);
	now = 160;
	cr_expect_eq(call(&accepting, S2B_MARK, S2B_MARK_END, TAG_T, 0), 0);
	cr_expect(strstr(console_out, "@s2b metric boot=2 key=t_t value=55 *"), "%s", console_out);
}

Test(bench_calls, an_end_without_its_begin_measures_nothing)
{
	call(&accepting, S2B_MARK, S2B_MARK_END, 0, 0); /* tag 0 = the state's initial tag */
	now = 50;
	call(&accepting, S2B_MARK, S2B_MARK_BEGIN, TAG_T, 0);
	call(&accepting, S2B_MARK, S2B_MARK_END, TAG_T, 0);
	call(&accepting, S2B_MARK, S2B_MARK_END, TAG_T, 0); /* a second END: its BEGIN is used up */
	cr_expect_eq(count(console_out, "@s2b metric "), 1, "one BEGIN, one region: %s", console_out);
}

Test(bench_calls, ready_version_param_check_and_report)
{
	cr_expect_eq(call(&accepting, S2B_MARK, S2B_MARK_READY, 0, 0), 0);
	cr_expect_eq(readies, 1);
	cr_expect_eq(call(&accepting, S2B_VERSION, 0, 0, 0), 1);
	cr_expect_eq(call(&accepting, S2B_PARAM, 0x63617266ULL /* "frac" */, 0, 0), 25);
	cr_expect_eq(call(&accepting, S2B_PARAM, 0x6f6eULL, 0, 0), ~0ULL, "an unknown parameter");
	call(&accepting, S2B_CHECK, 0, 0, 0);
	cr_expect_eq(s.check, CHECK_PASS);
	call(&accepting, S2B_CHECK, 1, 0xa, 0xb);
	cr_expect_eq(s.check, CHECK_FAIL);
	cr_expect(strstr(console_out, "@s2b error code=guest_check msg=guest_verification_failed boot=2 "
			      "observed=0xa expected=0xb *"), "%s", console_out);
	call(&accepting, S2B_REPORT, TAG_T, 9, 0);
	cr_expect(strstr(console_out, "@s2b metric boot=2 key=t value=9 *"), "%s", console_out);
}

Test(bench_calls, empty_names_are_refused_only_by_a_refusing_backend)
{
	call(&accepting, S2B_REPORT, 0, 9, 0);
	cr_expect(strstr(console_out, "@s2b metric boot=2 key= value=9 *"), "%s", console_out);
	capture_console();
	cr_expect_eq(call(&refusing, S2B_REPORT, 0, 9, 0), 77);
	cr_expect_eq(call(&refusing, S2B_MARK, S2B_MARK_BEGIN, 0, 0), 77);
	cr_expect_eq(refused, 2);
	cr_expect_eq(console_out_len, 0, "a refused call prints only what the back-end prints: %s", console_out);
	cr_expect_not(s.mark_open);
}

Test(bench_calls, other_calls_are_the_hosts)
{
	const u64 psci[6] = {0x84000009u /* SYSTEM_RESET */};
	u64 ret;

	cr_expect_not(bench_call(&s, &accepting, psci, &ret));
	cr_expect_eq(console_out_len, 0);
}
