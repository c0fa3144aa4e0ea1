/* See records.h. What s2vmm measured, in core/records.c's structures: the one emitter both
 * hosts use (key order, formatting, CRC). */
#include <stdio.h>
#include "records.h"
#include "../core/bootargs.h"
#include "config.h"
#include "host_info.h"
#include "vm.h"
#include "../core/console.h"
#include "../core/lib.h"
#include "../core/records.h"

#ifndef S2VMM_VERSION_STR
#define S2VMM_VERSION_STR "0.0.0"
#endif

void rec_hello(const struct host_info *h, const struct vmm_config *cfg, const struct vm *vm,
	       const struct probes *p)
{
	emit_hello(&(struct hello_rec){
		.hv = "s2vmm-" S2VMM_VERSION_STR, .board = cfg->board, .backend = "kvm",
		.kernel = h->kernel[0] ? h->kernel : NULL,
		.kvm_mode = h->kvm_mode[0] ? h->kvm_mode : NULL,
		.midr = {h->midr_known, h->midr}, .pa_bits = {vm->ipa_bits != 0, vm->ipa_bits},
		.fwb = {h->fwb >= 0, (u64)h->fwb}, .dic = (h->ctr >> 29) & 1,
		.idc = (h->ctr >> 28) & 1, .ctr = h->ctr, .cntfrq = REC_SOME(h->cntfrq),
		.probes = p->faults && p->unmap ? "faults,unmap" : p->faults ? "faults"
			  : p->unmap ? "unmap" : "none",
	});
}

void rec_cfg(const struct vmm_config *cfg, u64 huge_bytes)
{
	emit_cfg(&(struct cfg_rec){
		.strategy = s2vmm_strategy, .guest = cfg->guest, .mem = cfg->mem,
		.boots = cfg->boots, .block = cfg->block,
		.host_huge = {huge_bytes != ~0ULL, huge_bytes}, .frac_tenths = cfg->frac_tenths,
		.stride = cfg->stride, .write = cfg->write_pct, .order = cfg->order,
		.seed = cfg->seed, .vcpus = {cfg->vcpus > 1, cfg->vcpus},
	});
}

/* A span measured by s2vmm, in its units (ns, ticks). */
static struct rec_span stamp_span(bool known, struct stamp t)
{
	return (struct rec_span){{{known, t.ns}, {known, t.ticks}}};
}

void rec_boot(const struct boot_result *b)
{
	const struct probe_counts *k = &b->k;

	emit_boot(&(struct boot_rec){
		.units = {"ns", "ticks"}, .idx = b->idx, .vcpus = {b->vcpus > 1, b->vcpus},
		.faults = {k->faults_known, k->ram_faults},
		.mmio_faults = {k->faults_known, k->mmio_faults},
		.stray_faults = {k->faults_known, k->stray_faults},
		.init = stamp_span(true, b->init),
		.unmaps = {k->unmap_known, k->unmaps}, .unmap_us = {k->unmap_known, k->unmap_us},
		/* with one vCPU there is one call: unmap_us says it all, and the record stays as it was */
		.unmap_max_us = {k->unmap_known && b->vcpus > 1, k->unmap_max_us},
		.load_ns = REC_SOME(b->load_ns),
		.ready = stamp_span(b->ready_seen, b->ready),
		.reboot = stamp_span(b->ready_seen && b->reboot_known, b->reboot),
		.doorbell_exits = REC_SOME(b->doorbell_exits), .bad_calls = REC_SOME(b->bad_calls),
		.check = b->check, .exit = b->exit,
	});
}

void rec_done(const char *status, u64 boots, bool faults_known, u64 faults)
{
	emit_done(&(struct done_rec){.status = status, .boots = boots,
				     .faults = {faults_known, faults}});
}

void note_line(const char *what)
{
	char line[160];

	console_write(line, (size_t)fmt_snprintf(line, sizeof(line), "s2vmm: note: %s\n", what));
}
