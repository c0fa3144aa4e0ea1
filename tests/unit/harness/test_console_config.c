/* Configuration over the console, the harness's side (docs/protocol.md): the `ready`/`ack`/`nak`
 * records are checked like any record and never count in a run; the frame it sends. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "../../../core/crc32.h"
#include "collect.h"
#include "fake_board.h"
#include "protocol.h"

static enum line_class parse_body(const char *body, char *line, size_t cap, struct record *rec)
{
	fake_record(line, cap, body);
	return proto_parse_line(line, strlen(line), rec);
}

Test(console_config, session_records_are_checked_like_any_record)
{
	char line[256];
	struct record rec;

	cr_expect_eq(parse_body("ready proto=1.1 served=0", line, sizeof(line), &rec), LINE_RECORD);
	cr_expect_eq(parse_body("ack served=12", line, sizeof(line), &rec), LINE_RECORD);
	cr_expect_str_eq(record_get(&rec, "served"), "12");
	for (const char *const *r = (const char *const[]){ "crc", "too_long", "grammar", NULL }; *r; r++) {
		char body[64];
		snprintf(body, sizeof(body), "nak reason=%s", *r);
		cr_expect_eq(parse_body(body, line, sizeof(line), &rec), LINE_RECORD, "%s", body);
	}
	cr_expect_eq(parse_body("nak reason=bored", line, sizeof(line), &rec), LINE_MALFORMED);
	cr_expect_eq(parse_body("ready proto=1.1", line, sizeof(line), &rec), LINE_MALFORMED,
		     "served is required");
	cr_expect_eq(parse_body("ack served=x", line, sizeof(line), &rec), LINE_MALFORMED);
	cr_expect(proto_is_session_kind("ready") && proto_is_session_kind("ack") &&
		  proto_is_session_kind("nak") && !proto_is_session_kind("hello"));
}

#define HELLO "hello proto=1.1 hv=0.1.0 board=qemu-virt midr=0xf0510 fwb=1"
#define CFG "cfg strategy=unmap guest=hello mem=67108864 boots=1 block=4k frac=50 stride=4096 write=50 order=seq seed=1"

/* A capture of one power-on: ready, ack, a run, ready, a nak, ack, the next run. The exchange
 * is in no run: the runs split at their hello, nothing is misplaced or rejected. */
Test(console_config, a_capture_of_one_power_on_splits_into_its_runs)
{
	static struct collector c;
	FILE *f = fopen("/dev/null", "w");
	const char *capture[] = { "ready proto=1.1 served=0", "ready proto=1.1 served=0", "ack served=0",
				  HELLO, CFG, "boot idx=0 ready_cycles=9 check=pass exit=reset",
				  "done status=ok boots=1", "ready proto=1.1 served=1",
				  "nak reason=crc", "ack served=1" };

	char line[256];

	collector_init(&c, "0123456789abcdef", f, f, f);
	for (size_t i = 0; i < sizeof(capture) / sizeof(capture[0]); i++) {
		fake_record(line, sizeof(line), capture[i]);
		collector_line(&c, line, strlen(line));
	}
	cr_expect_str_eq(collector_status(&c), "ok");
	cr_expect_eq(c.sum.records, 4, "hello, cfg, boot, done: the exchange is no run's");
	cr_expect_eq(collector_rejected(&c.sum), 0);
	fclose(f);
}

Test(console_config, the_frame_is_its_words_and_the_crc_of_what_precedes)
{
	char frame[1100], want[64];
	int n = proto_config_frame(frame, sizeof(frame), "s2b.strategy=clean s2b.boots=3");
	const char *body = "@s2b-cfg s2b.strategy=clean s2b.boots=3";

	cr_assert_eq(n, (int)strlen(body) + 11);
	snprintf(want, sizeof(want), "%s *%08x\n", body, crc32_update(0, body, strlen(body)));
	cr_expect_str_eq(frame, want);
}

Test(console_config, bootargs_longer_than_a_frame_are_refused)
{
	static char words[1100], frame[2200];

	memset(words, 'w', 1023 - 19); /* "@s2b-cfg " + words + " *crc" = 1023 bytes: the most */
	cr_expect_eq(proto_config_frame(frame, sizeof(frame), words), 1024);
	words[1023 - 19] = 'w';
	cr_expect_eq(proto_config_frame(frame, sizeof(frame), words), -1);
	cr_expect_eq(proto_config_frame(frame, 64, "s2b.boots=3 s2b.strategy=clean s2b.guest=touch"), -1,
		     "a buffer too small");
}
