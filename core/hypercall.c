/*
 * Guest calls: the bench calls here; PSCI and every other SMCCC call in psci.c. Every value
 * comes in registers: the hypervisor never reads guest memory for a call, because an MMU-off
 * guest writes Non-cacheable and the hypervisor reads cacheable (the incoherence this tool
 * measures).
 */
#include "hypercall.h"
#include "guest_console.h"
#include "lib.h"
#include "proto.h"
#include "psci.h"
#include "run.h"

/* A packed name: up to 8 ASCII bytes, first in the low byte; anything unprintable becomes '?'. */
static void unpack_name(u64 v, char out[9])
{
	unsigned n = 0;

	for (; n < 8 && (v & 0xff); n++, v >>= 8) {
		char c = (char)(v & 0xff);

		out[n] = ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') ? c : '?';
	}
	out[n] = 0;
}

/* Up to 32 bytes packed in x2..x5, relayed as guest console lines (guest_console.h). */
static void guest_write(struct boot_ctx *b, const struct vcpu *v)
{
	u64 n = MIN(v->x[1], 32);

	for (u64 i = 0; i < n; i++)
		guest_console_putc(b, (char)(v->x[2 + i / 8] >> (8 * (i % 8))));
}

static void metric(const struct vm *vm, const char *key, u64 value)
{
	struct record r;

	rec_begin(&r, "metric");
	rec_u64(&r, "boot", vm->boot_idx);
	rec_str(&r, "key", key);
	rec_u64(&r, "value", value);
	rec_end(&r);
}

static void guest_mark(struct vm *vm, struct boot_ctx *b, u64 kind, u64 tag)
{
	struct perf_sample now;
	char name[9 + 7];

	if (kind == S2B_MARK_READY) {
		boot_mark_ready(b);
		return;
	}
	arch_perf_read(&now);
	if (kind == S2B_MARK_BEGIN) {
		b->mark = now;
		b->mark_tag = tag;
	} else if (kind == S2B_MARK_END && tag == b->mark_tag) {
		unpack_name(tag, name);
		memcpy(name + strlen(name), "_cycles", 8);
		metric(vm, name, now.cycles - b->mark.cycles - MIN(vm->cal.mark_cycles, now.cycles - b->mark.cycles));
	}
}

static void guest_check(struct vm *vm, const struct vcpu *v)
{
	bool ok = v->x[1] == 0;

	vm->stats.check = ok && vm->stats.check != 2 ? 1 : 2;
	if (!ok) {
		struct record r;

		rec_begin(&r, "error");
		rec_str(&r, "code", "guest_check");
		rec_str(&r, "msg", "guest_verification_failed");
		rec_u64(&r, "boot", vm->boot_idx);
		rec_hex(&r, "observed", v->x[2]);
		rec_hex(&r, "expected", v->x[3]);
		rec_end(&r);
	}
}

static u64 guest_param(const struct vm *vm, u64 packed)
{
	const struct config *c = vm->cfg;
	const struct { const char *name; u64 value; } params[] = {
		{"ram_base", vm->ram_ipa}, {"ram_size", vm->ram_size}, {"boot", vm->boot_idx},
		{"frac", c->frac}, {"stride", c->stride}, {"write", c->write_pct},
		{"order", c->order}, {"seed", c->seed}, {"inject", c->inject},
	};
	char name[9];

	unpack_name(packed, name);
	for (unsigned i = 0; i < ARRAY_SIZE(params); i++)
		if (!strcmp(name, params[i].name))
			return params[i].value;
	return ~0ULL;
}

enum boot_exit hypercall_handle(struct vm *vm, struct boot_ctx *b, const struct vcpu_exit *e)
{
	struct vcpu *v = &vm->vcpu;
	u64 ret = 0;
	char name[9];

	if (e->smc)
		v->pc += 4; /* a trapped SMC returns to itself (ARM ARM D1.10.2); HVC to the next */
	switch ((u32)v->x[0]) {
	case S2B_VERSION:
		ret = 1;
		break;
	case S2B_WRITE:
		guest_write(b, v);
		break;
	case S2B_MARK:
		guest_mark(vm, b, v->x[1], v->x[2]);
		break;
	case S2B_REPORT:
		unpack_name(v->x[1], name);
		metric(vm, name, v->x[2]);
		break;
	case S2B_CHECK:
		guest_check(vm, v);
		break;
	case S2B_PARAM:
		ret = guest_param(vm, v->x[1]);
		break;
	default:
		return psci_handle(v);
	}
	v->x[0] = ret;
	return BOOT_CONTINUE;
}
