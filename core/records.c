/* See records.h: the order of every key of the run records is here and nowhere else. */
#include "records.h"
#include "bootargs.h"
#include "lib.h"
#include "proto.h"

static void opt_u64(struct record *r, const char *key, struct rec_opt o)
{
	if (o.set)
		rec_u64(r, key, o.v);
}

static void opt_hex(struct record *r, const char *key, struct rec_opt o)
{
	if (o.set)
		rec_hex(r, key, o.v);
}

static void opt_str(struct record *r, const char *key, const char *v)
{
	if (v)
		rec_str(r, key, v);
}

static void span(struct record *r, const char *what, const char *const units[2],
		 const struct rec_span *s)
{
	char key[32];

	for (unsigned i = 0; i < 2; i++) {
		fmt_snprintf(key, sizeof(key), "%s_%s", what, units[i]);
		opt_u64(r, key, s->v[i]);
	}
}

void emit_hello(const struct hello_rec *h)
{
	struct record r;

	rec_begin(&r, "hello");
	rec_str(&r, "proto", PROTO_VERSION);
	rec_str(&r, "hv", h->hv);
	rec_str(&r, "board", h->board);
	opt_str(&r, "backend", h->backend);
	opt_str(&r, "kernel", h->kernel);
	opt_str(&r, "kvm_mode", h->kvm_mode);
	opt_hex(&r, "midr", h->midr);
	opt_u64(&r, "pa_bits", h->pa_bits);
	opt_u64(&r, "fwb", h->fwb);
	rec_u64(&r, "dic", h->dic);
	rec_u64(&r, "idc", h->idc);
	rec_hex(&r, "ctr", h->ctr);
	opt_u64(&r, "hafdbs", h->hafdbs);
	opt_u64(&r, "pmu_ver", h->pmu_ver);
	opt_str(&r, "pmu_events", h->pmu_events);
	opt_u64(&r, "cntfrq", h->cntfrq);
	opt_str(&r, "probes", h->probes);
	opt_u64(&r, "cal_hvc_insts", h->cal_hvc_insts);
	opt_u64(&r, "cal_hvc_cycles", h->cal_hvc_cycles);
	rec_end(&r);
}

void emit_cfg(const struct cfg_rec *c)
{
	static const char *const order_words[] = BOOTARG_ORDER_WORDS;
	struct record r;
	char frac[24];

	rec_begin(&r, "cfg");
	rec_str(&r, "strategy", c->strategy);
	rec_str(&r, "guest", c->guest);
	rec_u64(&r, "mem", c->mem);
	rec_u64(&r, "boots", c->boots);
	rec_str(&r, "block", c->block == SZ_2M ? "2m" : "4k");
	opt_str(&r, "map", c->map);
	opt_str(&r, "icache", c->icache);
	opt_u64(&r, "host_huge", c->host_huge);
	bootarg_format_tenths(c->frac_tenths, frac, sizeof(frac));
	rec_str(&r, "frac", frac);
	rec_u64(&r, "stride", c->stride);
	rec_u64(&r, "write", c->write);
	rec_str(&r, "order", c->order < ARRAY_SIZE(order_words) ? order_words[c->order] : "?");
	rec_u64(&r, "seed", c->seed);
	opt_str(&r, "trace", c->trace);
	opt_u64(&r, "vcpus", c->vcpus);
	rec_end(&r);
}

void emit_boot(const struct boot_rec *b)
{
	struct record r;

	rec_begin(&r, "boot");
	rec_u64(&r, "idx", b->idx);
	span(&r, "reinit", b->units, &b->reinit);
	opt_u64(&r, "reinit_lines", b->reinit_lines);
	opt_u64(&r, "reinit_lines_loaded", b->reinit_lines_loaded);
	for (unsigned i = 0; i < b->nevents; i++) {
		char key[32];

		fmt_snprintf(key, sizeof(key), "reinit_%s", b->event_names[i]);
		rec_u64(&r, key, b->event_values[i]);
	}
	opt_u64(&r, "faults", b->faults);
	opt_u64(&r, "mmio_faults", b->mmio_faults);
	opt_u64(&r, "stray_faults", b->stray_faults);
	opt_u64(&r, "fault_cycles", b->fault_cycles);
	opt_u64(&r, "fault_max_cycles", b->fault_max_cycles);
	opt_u64(&r, "fault_lines", b->fault_lines);
	opt_u64(&r, "icache_invals", b->icache_invals);
	opt_u64(&r, "tlbis", b->tlbis);
	opt_u64(&r, "pages_mapped", b->pages_mapped);
	opt_u64(&r, "aborts_injected", b->aborts_injected);
	opt_u64(&r, "vcpus", b->vcpus);
	span(&r, "init", b->units, &b->init);
	opt_u64(&r, "unmaps", b->unmaps);
	opt_u64(&r, "unmap_us", b->unmap_us);
	opt_u64(&r, "unmap_max_us", b->unmap_max_us);
	opt_u64(&r, "load_ns", b->load_ns);
	span(&r, "ready", b->units, &b->ready);
	span(&r, "reboot", b->units, &b->reboot);
	opt_u64(&r, "doorbell_exits", b->doorbell_exits);
	opt_u64(&r, "bad_calls", b->bad_calls);
	opt_u64(&r, "ready", b->ready_flag);
	rec_str(&r, "check", check_state_names[b->check]);
	rec_str(&r, "exit", boot_exit_name(b->exit));
	rec_end(&r);
}

void emit_done(const struct done_rec *d)
{
	struct record r;

	rec_begin(&r, "done");
	rec_str(&r, "status", d->status);
	rec_u64(&r, "boots", d->boots);
	opt_u64(&r, "faults", d->faults);
	opt_u64(&r, "lines", d->lines);
	opt_u64(&r, "tlbis", d->tlbis);
	rec_end(&r);
}

void emit_calib(const struct calib_rec *c)
{
	struct record r;

	rec_begin(&r, "calib");
	rec_str(&r, "op", c->op);
	opt_str(&r, "state", c->state);
	opt_u64(&r, "level", c->level);
	opt_u64(&r, "line", c->line);
	opt_u64(&r, "sets", c->sets);
	opt_u64(&r, "ways", c->ways);
	opt_u64(&r, "size", c->size);
	opt_u64(&r, "cntfrq", c->cntfrq);
	opt_u64(&r, "insts", c->insts);
	opt_u64(&r, "bytes", c->bytes);
	opt_u64(&r, "ops", c->ops);
	opt_u64(&r, "n", c->n);
	opt_u64(&r, "cycles_med", c->cycles[0]);
	opt_u64(&r, "cycles_q1", c->cycles[1]);
	opt_u64(&r, "cycles_q3", c->cycles[2]);
	opt_u64(&r, "ticks_med", c->ticks[0]);
	opt_u64(&r, "ticks_q1", c->ticks[1]);
	opt_u64(&r, "ticks_q3", c->ticks[2]);
	opt_u64(&r, "insts_med", c->insts_med);
	rec_end(&r);
}
