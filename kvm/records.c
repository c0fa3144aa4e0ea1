/* See records.h. Built on core/proto.c, the same emitter s2hv uses. */
#include <stdio.h>
#include "records.h"
#include "../core/bootargs.h"
#include "config.h"
#include "host_info.h"
#include "vm.h"
#include "../core/console.h"
#include "../core/lib.h"
#include "../core/proto.h"

#ifndef S2VMM_VERSION_STR
#define S2VMM_VERSION_STR "0.0.0"
#endif

void rec_hello(const struct host_info *h, const struct vmm_config *cfg, const struct vm *vm,
	       const struct probes *p)
{
	struct record r;

	rec_begin(&r, "hello");
	rec_str(&r, "proto", PROTO_VERSION);
	rec_str(&r, "hv", "s2vmm-" S2VMM_VERSION_STR);
	rec_str(&r, "board", cfg->board);
	rec_str(&r, "backend", "kvm");
	if (h->kernel[0])
		rec_str(&r, "kernel", h->kernel);
	if (h->kvm_mode[0])
		rec_str(&r, "kvm_mode", h->kvm_mode);
	if (h->midr_known)
		rec_hex(&r, "midr", h->midr);
	if (vm->ipa_bits)
		rec_u64(&r, "pa_bits", vm->ipa_bits);
	if (h->fwb >= 0)
		rec_u64(&r, "fwb", h->fwb);
	rec_u64(&r, "dic", (h->ctr >> 29) & 1);
	rec_u64(&r, "idc", (h->ctr >> 28) & 1);
	rec_hex(&r, "ctr", h->ctr);
	rec_u64(&r, "cntfrq", h->cntfrq);
	rec_str(&r, "probes", p->faults && p->unmap ? "faults,unmap" : p->faults ? "faults"
			      : p->unmap ? "unmap" : "none");
	rec_end(&r);
}

void rec_cfg(const struct vmm_config *cfg, u64 huge_bytes)
{
	static const char *const order_words[] = BOOTARG_ORDER_WORDS;
	struct record r;
	char frac[24];

	rec_begin(&r, "cfg");
	rec_str(&r, "strategy", "kvm");
	rec_str(&r, "guest", cfg->guest);
	rec_u64(&r, "mem", cfg->mem);
	rec_u64(&r, "boots", cfg->boots);
	rec_str(&r, "block", cfg->block == SZ_2M ? "2m" : "4k");
	if (huge_bytes != ~0ULL)
		rec_u64(&r, "host_huge", huge_bytes);
	bootarg_format_tenths(cfg->frac_tenths, frac, sizeof(frac));
	rec_str(&r, "frac", frac);
	rec_u64(&r, "stride", cfg->stride);
	rec_u64(&r, "write", cfg->write_pct);
	rec_str(&r, "order", order_words[cfg->order]);
	rec_u64(&r, "seed", cfg->seed);
	rec_end(&r);
}

void rec_boot(const struct boot_result *b)
{
	struct record r;

	rec_begin(&r, "boot");
	rec_u64(&r, "idx", b->idx);
	if (b->k.faults_known) {
		rec_u64(&r, "faults", b->k.ram_faults);
		rec_u64(&r, "mmio_faults", b->k.mmio_faults);
		rec_u64(&r, "stray_faults", b->k.stray_faults);
	}
	rec_u64(&r, "init_ns", b->init.ns);
	rec_u64(&r, "init_ticks", b->init.ticks);
	if (b->k.unmap_known) {
		rec_u64(&r, "unmaps", b->k.unmaps);
		rec_u64(&r, "unmap_us", b->k.unmap_us);
	}
	rec_u64(&r, "load_ns", b->load_ns);
	if (b->ready_seen) {
		rec_u64(&r, "ready_ns", b->ready.ns);
		rec_u64(&r, "ready_ticks", b->ready.ticks);
	}
	if (b->ready_seen && b->reboot_known) {
		rec_u64(&r, "reboot_ns", b->reboot.ns);
		rec_u64(&r, "reboot_ticks", b->reboot.ticks);
	}
	rec_u64(&r, "doorbell_exits", b->doorbell_exits);
	rec_u64(&r, "bad_calls", b->bad_calls);
	rec_str(&r, "check", check_state_names[b->check]);
	rec_str(&r, "exit", boot_exit_name(b->exit));
	rec_end(&r);
}

void rec_done(const char *status, u64 boots, bool faults_known, u64 faults)
{
	struct record r;

	rec_begin(&r, "done");
	rec_str(&r, "status", status);
	rec_u64(&r, "boots", boots);
	if (faults_known)
		rec_u64(&r, "faults", faults);
	rec_end(&r);
}

void note_line(const char *what)
{
	char line[160];

	console_write(line, (size_t)fmt_snprintf(line, sizeof(line), "s2vmm: note: %s\n", what));
}
