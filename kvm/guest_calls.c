/* See guest_calls.h. Values arrive in registers only (docs/protocol.md §2): reading guest memory
 * here would read cacheable what an MMU-off guest wrote Non-cacheable. */
#include "guest_calls.h"
#include "config.h"
#include "../core/hypercall.h"

void guest_calls_flush(struct boot_session *s)
{
	guest_console_flush(&s->console);
}

/* No PMU here: a BEGIN/END region is reported in ns (metric <tag>_ns), doorbell trips included. */
static void guest_mark(struct boot_session *s, u64 kind, u64 tag)
{
	struct stamp now = stamp_now();

	if (kind == S2B_MARK_READY && !s->ready_seen) {
		s->ready = now;
		s->ready_seen = true;
	} else if (kind == S2B_MARK_BEGIN) {
		s->mark = now;
		s->mark_tag = tag;
	} else if (kind == S2B_MARK_END && tag == s->mark_tag) {
		bench_region_metric(s->idx, tag, "_ns", now.ns - s->mark.ns);
	}
}

static u64 guest_param(const struct boot_session *s, const u64 x[6])
{
	const struct vmm_config *c = s->cfg;
	const struct bench_params p = {
		.ram_base = s->ram_ipa, .ram_size = s->ram_size, .boot = s->idx, .frac = c->frac,
		.stride = c->stride, .write = c->write_pct, .order = c->order, .seed = c->seed,
		.inject = c->inject,
	};

	return bench_param(&p, x);
}

u64 guest_call(struct boot_session *s, const struct guest_call *c)
{
	switch ((u32)c->x[0]) {
	case S2B_VERSION:
		return 1;
	case S2B_WRITE:
		guest_console_write_packed(&s->console, c->x);
		return 0;
	case S2B_MARK:
		guest_mark(s, c->x[1], c->x[2]);
		return 0;
	case S2B_REPORT:
		bench_report(s->idx, c->x);
		return 0;
	case S2B_CHECK:
		s->check = bench_check(s->idx, s->check, c->x);
		return 0;
	case S2B_PARAM:
		return guest_param(s, c->x);
	default: /* PSCI goes through HVC to KVM, never through the doorbell */
		return ~0ULL; /* SMCCC NOT_SUPPORTED (-1) */
	}
}
