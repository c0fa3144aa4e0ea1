/* `oracle = on|off`: the suite key (QEMU virt boards only, its own run id) and the plugin's
 * summary line sealed as an `oracle` record the protocol parser accepts. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "matrix.h"
#include "oracle_record.h"
#include "protocol.h"
#include "suite.h"
#include "support.h"

static char err[512];

static const char summary[] =
	"some qemu chatter\n"
	"@oracle violations=3 nc_read_dirty=1 read_discarded=0 read_stale_cached=0 ifetch_stale=2 "
	"dc_absent=40 dc_clean=5 dc_dirty=7 markers=9 probes_lost=0 lines=100\n"
	"@oracle first nc_read_dirty pa=0x40001000\n";

Test(oracle, summary_line_becomes_a_crc_valid_oracle_record)
{
	char line[PROTO_MAX_LINE + 1];
	struct record rec;
	int n = oracle_record_from_log(summary, strlen(summary), line, sizeof(line));

	cr_assert_gt(n, 0);
	cr_expect(!strncmp(line, "@s2b oracle violations=3 ", 25), "%s", line);
	cr_assert_eq(proto_parse_line(line, (size_t)n, &rec), LINE_RECORD);
	cr_expect_str_eq(rec.kind, "oracle");
	cr_expect_str_eq(record_get(&rec, "violations"), "3");
	cr_expect_str_eq(record_get(&rec, "dc_absent"), "40");
	cr_expect_str_eq(record_get(&rec, "dc_clean"), "5");
	cr_expect_str_eq(record_get(&rec, "dc_dirty"), "7");
	cr_expect_str_eq(record_get(&rec, "lines"), "100");
}

Test(oracle, no_summary_line_is_no_record)
{
	char line[PROTO_MAX_LINE + 1];
	static const char only_first[] = "@oracle first nc_read_dirty pa=0x40001000\nqemu: exit\n";

	cr_expect_eq(oracle_record_from_log(only_first, strlen(only_first), line, sizeof(line)), -1);
	cr_expect_eq(oracle_record_from_log("", 0, line, sizeof(line)), -1);
	cr_expect_eq(oracle_record_from_log(summary, strlen(summary), line, 20), -1, "cut: %s", line);
}

/* The grammar types the oracle's numbers: a CRC-valid record with a word there is malformed. */
Test(oracle, grammar_requires_numbers)
{
	static const char word[] = "@oracle violations=many dc_absent=1 dc_clean=0 dc_dirty=0\n";
	static const char partial[] = "@oracle violations=0 dc_absent=1\n";
	char line[PROTO_MAX_LINE + 1];
	struct record rec;
	int n = oracle_record_from_log(word, strlen(word), line, sizeof(line));

	cr_assert_gt(n, 0);
	cr_expect_eq(proto_parse_line(line, (size_t)n, &rec), LINE_MALFORMED);
	n = oracle_record_from_log(partial, strlen(partial), line, sizeof(line));
	cr_assert_gt(n, 0);
	cr_expect_eq(proto_parse_line(line, (size_t)n, &rec), LINE_MALFORMED, "dc_clean is required");
}

static size_t expand(const char *text, struct planned_run **runs)
{
	return expand_suite_text(text, runs);
}

Test(oracle, suite_key_defaults_off_and_on_is_another_run_id)
{
	struct planned_run *plain, *both;

	cr_assert_eq(expand("strategy = none\n", &plain), 1);
	cr_expect_str_eq(plain[0].cfg.oracle, "off");
	cr_assert_eq(expand("strategy = none\noracle = off on\n", &both), 2);
	cr_expect_str_eq(both[0].run_id, plain[0].run_id, "oracle = off keeps the old run id");
	cr_expect_str_eq(both[1].cfg.oracle, "on");
	cr_expect(strcmp(both[1].run_id, both[0].run_id) != 0, "oracle = on shares the run id");
	cr_expect(!strstr(both[1].bootargs, "oracle"), "oracle is no bootarg: %s", both[1].bootargs);
}

static void refused(const char *text, const char *want)
{
	struct suite s;
	cr_expect_eq(suite_parse("t.suite", text, &s, err, sizeof(err)), -1, "accepted: %s", text);
	cr_expect(strstr(err, want), "got '%s', want '%s'", err, want);
}

Test(oracle, suite_key_refused_off_qemu_virt_and_bad_values)
{
	refused("board = serial\nstrategy = none\noracle = on\n", "oracle 'on' cannot run on board 'serial'");
	refused("board = kvm-qemu-max\nstrategy = kvm\noracle = on\n", "qemu-virt boards only");
	refused("board = qemu-raspi3b\noracle = on\n", "qemu-virt boards only");
	refused("oracle = yes\n", "oracle");
	struct planned_run *r;
	cr_expect_eq(expand("board = serial\nstrategy = none\noracle = off\n", &r), 1);
	cr_expect_eq(expand("board = qemu-virt-a72\noracle = on\n", &r), 1);
}
