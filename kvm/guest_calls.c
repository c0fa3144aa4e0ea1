/* See guest_calls.h. Values arrive in registers only (docs/protocol.md §2): reading guest memory
 * here would read cacheable what an MMU-off guest wrote Non-cacheable. */
#include "guest_calls.h"
#include "config.h"
#include "../core/hypercall.h"
#include "../core/proto.h"

void guest_calls_flush(struct boot_session *s)
{
	guest_console_flush(&s->console);
}

#define BAD_CALL_RECORDS 8 /* per boot; beyond that a flood is only counted */

/* A packed name whose first byte is 0 unpacks to "": a metric key nobody can tell apart. */
static bool name_empty(u64 packed)
{
	return (packed & 0xff) == 0;
}

/* Refuse a call: an error record (the first few per boot) and the boot's bad_calls count. */
static u64 refuse(struct boot_session *s, u64 id, const char *why)
{
	struct record r;

	if (s->bad_calls++ < BAD_CALL_RECORDS) {
		rec_begin(&r, "error");
		rec_str(&r, "code", "bad_call");
		rec_str(&r, "msg", why);
		rec_u64(&r, "boot", s->idx);
		rec_hex(&r, "call", id);
		rec_end(&r);
	}
	return ~0ULL; /* SMCCC NOT_SUPPORTED (-1) */
}

/* No PMU here: a BEGIN/END region is reported in ns (metric <tag>_ns), doorbell trips included.
 * An END only counts after its BEGIN: the start time is otherwise 0, i.e. host boot. */
static u64 guest_mark(struct boot_session *s, u64 kind, u64 tag)
{
	struct stamp now = stamp_now();

	if (kind == S2B_MARK_READY) {
		if (!s->ready_seen) {
			s->ready = now;
			s->ready_seen = true;
		}
		return 0;
	}
	if ((kind == S2B_MARK_BEGIN || kind == S2B_MARK_END) && name_empty(tag))
		return refuse(s, S2B_MARK, "mark_tag_empty");
	if (kind == S2B_MARK_BEGIN) {
		s->mark = now;
		s->mark_tag = tag;
		s->mark_open = true;
	} else if (kind == S2B_MARK_END && s->mark_open && tag == s->mark_tag) {
		bench_region_metric(s->idx, tag, "_ns", now.ns - s->mark.ns);
		s->mark_open = false;
	}
	return 0;
}

static u64 guest_param(const struct boot_session *s, const u64 x[6])
{
	const struct vmm_config *c = s->cfg;
	const struct bench_params p = {
		.ram_base = s->ram_ipa, .ram_size = s->ram_size, .boot = s->idx, .frac_tenths = c->frac_tenths,
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
		return guest_mark(s, c->x[1], c->x[2]);
	case S2B_REPORT:
		if (name_empty(c->x[1]))
			return refuse(s, S2B_REPORT, "report_key_empty");
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
