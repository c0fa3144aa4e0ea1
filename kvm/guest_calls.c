/* See guest_calls.h. Values arrive in registers only (docs/protocol.md §2): reading guest memory
 * here would read cacheable what an MMU-off guest wrote Non-cacheable. */
#include <string.h>
#include "guest_calls.h"
#include "config.h"
#include "pl011.h"
#include "../core/proto.h"

#define BAD_CALL_RECORDS 8 /* per boot; beyond that a flood is only counted */
#define SMCCC_NOT_SUPPORTED (~0ULL) /* -1 */

void guest_calls_start(struct boot_session *s, const struct vmm_config *c, ipa_t ram_ipa,
		       u64 ram_size)
{
	s->calls.params = (struct bench_params){
		.ram_base = ram_ipa, .ram_size = ram_size, .boot = s->idx,
		.frac_tenths = c->frac_tenths,
		.stride = c->stride, .write = c->write_pct, .order = c->order, .seed = c->seed,
		.inject = c->inject, .vcpus = c->vcpus,
	};
}

void guest_calls_flush(struct boot_session *s)
{
	guest_console_flush(&s->calls.console);
}

/* Refuse a call: an error record (the first few per boot) and the boot's bad_calls count. */
static u64 refuse(void *ctx, u64 id, const char *why)
{
	struct boot_session *s = ctx;
	struct record r;

	if (s->bad_calls++ < BAD_CALL_RECORDS) {
		rec_begin(&r, "error");
		rec_str(&r, "code", "bad_call");
		rec_str(&r, "msg", why);
		rec_u64(&r, "boot", s->idx);
		rec_hex(&r, "call", id);
		rec_end(&r);
	}
	return SMCCC_NOT_SUPPORTED;
}

static u64 clock_ns(void *ctx)
{
	(void)ctx;
	return stamp_now().ns;
}

/* The first READY counts. */
static void mark_ready(void *ctx)
{
	struct boot_session *s = ctx;

	if (!s->ready_seen) {
		s->ready = stamp_now();
		s->ready_seen = true;
	}
}

void guest_calls_uart_byte(struct boot_session *s, char c)
{
	const char *line = guest_console_putc(&s->calls.console, c);

	if (line && strstr(line, PL011_READY_MARKER))
		mark_ready(s);
}

/* No PMU: a BEGIN/END region is reported in ns (metric <tag>_ns), doorbell trips included. */
u64 guest_call(struct boot_session *s, const struct guest_call *c)
{
	const struct bench_backend be = {
		.ctx = s, .clock = clock_ns, .unit_suffix = "_ns", .ready = mark_ready,
		.refuse = refuse,
	};
	u64 ret;

	/* PSCI goes through HVC to KVM, never through the doorbell */
	return bench_call(&s->calls, &be, c->x, &ret) ? ret : SMCCC_NOT_SUPPORTED;
}
