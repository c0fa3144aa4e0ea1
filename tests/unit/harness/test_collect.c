/* The collector as `s2bench run` uses it (one known run, no splitting): statuses from the records
 * and a second run on the same console rejected rather than merged. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "collect.h"
#include "fake_board.h"

static FILE *null_file(void)
{
	FILE *f = fopen("/dev/null", "w");
	cr_assert_not_null(f);
	return f;
}

static void feed(struct collector *c, const char *body)
{
	char line[1024];
	fake_record(line, sizeof(line), body);
	collector_line(c, line, strlen(line));
}

#define HELLO "hello proto=1.0 hv=0.1.0 board=qemu-virt midr=0xf0510 fwb=1"
#define CFG "cfg strategy=unmap guest=hello mem=67108864 boots=2 block=4k frac=50 stride=4096 write=50 order=seq seed=1"

static const char *status_of(const char *const *bodies, int n, struct collector *c)
{
	FILE *f = null_file();
	collector_init(c, "0123456789abcdef", f, f, f);
	for (int i = 0; i < n; i++)
		feed(c, bodies[i]);
	return collector_status(c);
}

Test(collect, run_statuses_say_what_happened)
{
	static struct collector c;
	const char *cpu_off[] = { HELLO, CFG, "boot idx=0 ready_cycles=9 check=pass exit=off",
				  "done status=ok boots=1" };
	cr_expect_str_eq(status_of(cpu_off, 4, &c), "short");
	const char *panics[] = { HELLO, CFG, "boot idx=0 check=none exit=reset",
				 "boot idx=1 check=none exit=reset", "done status=ok boots=2" };
	cr_expect_str_eq(status_of(panics, 5, &c), "not_ready");
	const char *said_not[] = { HELLO, CFG, "boot idx=0 ready=0 check=pass exit=reset",
				   "boot idx=1 ready=1 check=pass exit=reset", "done status=ok boots=2" };
	cr_expect_str_eq(status_of(said_not, 5, &c), "not_ready");
	const char *good[] = { HELLO, CFG, "boot idx=0 ready=1 check=pass exit=reset",
			       "boot idx=1 ready_ns=5 check=pass exit=reset", "done status=ok boots=2" };
	cr_expect_str_eq(status_of(good, 5, &c), "ok");
	const char *dup[] = { HELLO, CFG, "boot idx=0 ready_cycles=1 check=pass exit=reset",
			      "boot idx=0 ready_cycles=1 check=pass exit=reset",
			      "done status=ok boots=2" };
	cr_expect_str_eq(status_of(dup, 5, &c), "short", "a repeated boot 0 is not a second boot");
}

/* s2hv says when its guest powered off before the boots asked for: a status of its own, which a
 * failed check still outranks. */
Test(collect, powered_off_early_is_its_own_status)
{
	static struct collector c;
	const char *off[] = { HELLO, CFG, "boot idx=0 ready_cycles=9 check=pass exit=off",
			      "done status=powered_off_early boots=1" };
	cr_expect_str_eq(status_of(off, 4, &c), "powered_off_early");
	const char *off_failed[] = { HELLO, CFG, "boot idx=0 ready_cycles=9 check=fail exit=off",
				     "done status=powered_off_early boots=1" };
	cr_expect_str_eq(status_of(off_failed, 4, &c), "check_failed");
	const char *bogus[] = { HELLO, CFG, "boot idx=0 ready_cycles=9 check=pass exit=off",
				"done status=powered_of_early boots=1" };
	cr_expect_str_eq(status_of(bogus, 4, &c), "crash", "an unknown done word is malformed: no done");
}

Test(collect, second_run_on_one_console_is_rejected_not_merged)
{
	static struct collector c;
	const char *two[] = { HELLO, CFG, "boot idx=0 ready_cycles=1 check=pass exit=reset",
			      "boot idx=1 ready_cycles=1 check=pass exit=reset", "done status=ok boots=2",
			      HELLO, CFG, "boot idx=0 ready_cycles=1 check=fail exit=reset",
			      "boot idx=1 ready_cycles=1 check=pass exit=reset", "done status=error boots=2" };
	cr_expect_str_eq(status_of(two, 10, &c), "ok");
	cr_expect_eq(c.sum.boots, 2);
	cr_expect_eq(c.sum.misplaced, 5);
	cr_expect_eq(collector_rejected(&c.sum), 5);
}
