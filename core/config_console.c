/* See config_console.h; the exchange is in docs/protocol.md, "Configuration over the console". */
#include "config_console.h"
#include "arch.h"
#include "bootargs.h"
#include "config_frame.h"
#include "console.h"
#include "hv.h"
#include "lib.h"
#include "proto.h"
#include "smp.h"

#define CONFIG_KEY BOOTARG_PREFIX "config="
/* `ready` again after 1/READY_FIRST_DIV s of counter time without a frame, then after twice
 * as long each time, up to once a second: */
#define READY_FIRST_DIV 100

struct console_cmdline {
	char board[32]; /* s2b.board: the `board=` of every hello, else the DTB's */
};

static bool set_board(void *target, const char *v, size_t n)
{
	struct console_cmdline *cl = target;

	if (!n || n >= sizeof(cl->board))
		return false;
	memcpy(cl->board, v, n);
	cl->board[n] = 0;
	return true;
}

static const struct bootarg_key cmdline_keys[] = {
	{.name = "config", .kind = BA_FIXED, .choices = {"console"}},
	{.name = "board", .kind = BA_CUSTOM, .set = set_board, .bad_msg = "board_name_empty_or_over_31_bytes"},
};

bool config_console_wanted(const char *p)
{
	const size_t klen = sizeof(CONFIG_KEY) - 1;

	while (p && *p) {
		const char *tok;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		tok = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		if ((size_t)(p - tok) >= klen && !memcmp(tok, CONFIG_KEY, klen))
			return true;
	}
	return false;
}

static void announce(const char *kind, const char *key, u64 served, const char *reason)
{
	struct record r;

	rec_begin(&r, kind);
	if (key)
		rec_str(&r, key, PROTO_VERSION);
	if (reason)
		rec_str(&r, "reason", reason);
	else
		rec_u64(&r, "served", served);
	rec_end(&r);
}

/*
 * Polls the UART until a good frame is in FR. It spins (YIELD between polls, which lets QEMU's
 * TCG run other CPUs) for as long as it takes: the harness owns the timeout and resets a board
 * that stops answering. With no line under way it says `ready` again after 10 ms of counter
 * time, 20 ms, 40 ms ... then every second, so a harness that opened the console late (a pty
 * re-opened after a reset, a USB adapter plugged in) still hears it soon: under QEMU -icount
 * (one instruction a nanosecond) a counter second of polling is about 100 s of host time.
 * Noise lines are skipped; a bad frame gets a nak.
 */
static void wait_for_frame(struct frame_reader *fr, u64 served)
{
	u64 second = arch_timer_freq() ? arch_timer_freq() : 1000000;
	u64 every = second / READY_FIRST_DIV, last = arch_counter();

	frame_reader_init(fr);
	announce("ready", "proto", served, NULL);
	for (;;) {
		int c = console_getc();
		enum frame_verdict v;

		if (c < 0) {
			if (!fr->len && arch_counter() - last >= every) {
				announce("ready", "proto", served, NULL);
				last = arch_counter();
				every = MIN(every * 2, second);
			}
			arch_cpu_relax();
			continue;
		}
		v = frame_reader_feed(fr, (char)c);
		if (v == FRAME_OK)
			return;
		if (v != FRAME_NONE && v != FRAME_NOISE)
			announce("nak", NULL, 0, frame_verdict_word(v));
	}
}

void config_console_serve(const struct platform *plat, const struct cpu_features *cpu,
			  pa_t img_start, pa_t img_end)
{
	static struct frame_reader fr; /* 2 KiB: off the EL2 stack */
	struct console_cmdline cl = {{0}};
	struct platform p = *plat;
	struct bootarg_error err;
	u64 served = 0;
	int refused = bootargs_parse(cmdline_keys, ARRAY_SIZE(cmdline_keys), &cl, plat->bootargs, &err);

	if (cl.board[0]) /* a hello that refuses the line already names the board it was given */
		fmt_snprintf(p.board, sizeof(p.board), "%s", cl.board);
	if (refused) {
		if (!strcmp(err.msg, "unknown_key")) /* a run's key belongs in a frame */
			fmt_snprintf(err.msg, sizeof(err.msg), "not_allowed_with_s2b.config=console");
		hv_report_bad_arg(&p, cpu, &err);
		return;
	}
	if (!console_can_read()) {
		bootarg_fail(&err, CONFIG_KEY, sizeof(CONFIG_KEY) - 2, "console_cannot_receive");
		hv_report_bad_arg(&p, cpu, &err);
		return;
	}
	for (;;) {
		wait_for_frame(&fr, served);
		announce("ack", NULL, served, NULL);
		if (!hv_run_words(&p, cpu, img_start, img_end, fr.words))
			return;
		served++;
		hv_teardown();
	}
}
