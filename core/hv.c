/* hello → cfg → guest memory → reboot loop → done (docs/protocol.md). */
#include "hv.h"
#include "../strategies/strategy.h"
#include "arch.h"
#include "bootargs.h"
#include "cache_ops.h"
#include "calibrate.h"
#include "config.h"
#include "guest_image.h"
#include "lib.h"
#include "loader.h"
#include "memmap.h"
#include "palloc.h"
#include "proto.h"
#include "reboot.h"

static struct vm the_vm;
static struct config cfg;

void report_error(const char *code, const char *msg)
{
	struct record r;

	rec_begin(&r, "error");
	rec_str(&r, "code", code);
	rec_str(&r, "msg", msg);
	rec_end(&r);
}

/* Guest RAM (s2b.mem) or its tables do not fit: name the key that asked for too much. */
static void report_no_memory(void)
{
	struct record r;

	rec_begin(&r, "error");
	rec_str(&r, "code", "no_memory");
	rec_str(&r, "msg", "guest_ram_does_not_fit");
	rec_str(&r, "key", "s2b.mem");
	rec_end(&r);
}

void report_done(const char *status, u64 boots)
{
	struct record r;

	rec_begin(&r, "done");
	rec_str(&r, "status", status);
	rec_u64(&r, "boots", boots);
	rec_u64(&r, "lines", maint_counts.lines_cleaned);
	rec_u64(&r, "tlbis", maint_counts.tlbis);
	rec_end(&r);
}

static void emit_hello(const struct platform *plat, const struct cpu_features *cpu,
		       const struct calibration *cal)
{
	struct record r;
	char events[160];
	const char *const *names;
	unsigned n = arch_perf_event_names(&names);
	size_t len = fmt_snprintf(events, sizeof(events), "%s%s%s", cpu->pmu_cycles ? "cycles" : "",
				  cpu->pmu_cycles && cpu->pmu_insts ? "," : "",
				  cpu->pmu_insts ? "inst_retired" : "");

	for (unsigned i = 0; i < n && len < sizeof(events); i++)
		len += fmt_snprintf(events + len, sizeof(events) - len, "%s%s", len ? "," : "", names[i]);
	rec_begin(&r, "hello");
	rec_str(&r, "proto", PROTO_VERSION);
	rec_str(&r, "hv", S2HV_VERSION);
	rec_str(&r, "board", plat->board);
	rec_hex(&r, "midr", cpu->midr);
	rec_u64(&r, "pa_bits", cpu->pa_bits);
	rec_u64(&r, "fwb", cpu->fwb);
	rec_u64(&r, "dic", cpu->dic);
	rec_u64(&r, "idc", cpu->idc);
	rec_hex(&r, "ctr", cpu->ctr);
	rec_u64(&r, "hafdbs", cpu->hafdbs);
	rec_u64(&r, "pmu_ver", cpu->pmu_ver);
	rec_str(&r, "pmu_events", events[0] ? events : "none");
	if (cal && cal->done) {
		if (cpu->pmu_insts)
			rec_u64(&r, "cal_hvc_insts", cal->hvc_insts);
		if (cpu->pmu_cycles)
			rec_u64(&r, "cal_hvc_cycles", cal->hvc_cycles);
	}
	rec_end(&r);
}

static void emit_cfg(const struct config *c)
{
	static const char *const order_words[] = BOOTARG_ORDER_WORDS;

	struct record r;
	char frac[24];

	rec_begin(&r, "cfg");
	rec_str(&r, "strategy", c->strategy->name);
	rec_str(&r, "guest", c->guest->name);
	rec_u64(&r, "mem", c->mem);
	rec_u64(&r, "boots", c->boots);
	rec_str(&r, "block", c->block == SZ_2M ? "2m" : "4k");
	rec_str(&r, "map", c->premap ? "premap" : "ondemand");
	rec_str(&r, "icache", c->icache_all ? "all" : "exec");
	bootarg_format_tenths(c->frac_tenths, frac, sizeof(frac));
	rec_str(&r, "frac", frac);
	rec_u64(&r, "stride", c->stride);
	rec_u64(&r, "write", c->write_pct);
	rec_str(&r, "order", order_words[c->order]);
	rec_u64(&r, "seed", c->seed);
	rec_str(&r, "trace", c->trace_faults ? "faults" : "none");
	rec_end(&r);
}

/* Page-table pool for `mem` bytes of guest RAM mapped with 4K pages, plus the upper levels. */
static u64 pool_size_for(u64 mem)
{
	return (mem / SZ_2M + mem / SZ_1G + 16) * PAGE_SIZE;
}

static bool setup_memory(const struct platform *plat, pa_t img_start, pa_t img_end, pa_t *ram_pa)
{
	u64 pool;
	pa_t pool_pa;

	memmap_init(plat);
	memmap_reserve(img_start, img_end - img_start);
	memmap_reserve(plat->dtb, plat->dtb_size);
	if (plat->initrd_end > plat->initrd_start)
		memmap_reserve(plat->initrd_start, plat->initrd_end - plat->initrd_start);
	*ram_pa = memmap_alloc_top(cfg.mem, SZ_2M);
	pool = pool_size_for(cfg.mem);
	pool_pa = memmap_alloc_top(pool, PAGE_SIZE);
	if (!*ram_pa || !pool_pa)
		return false;
	palloc_init(pool_pa, pool);
	return true;
}

void hv_run(const struct platform *plat, const struct cpu_features *cpu, pa_t img_start, pa_t img_end)
{
	struct bootarg_error err;
	const char *why;
	pa_t ram_pa;
	bool failed;
	u64 boots;

	config_defaults(&cfg);
	if (config_parse(&cfg, plat->bootargs, &err)) {
		struct record r;

		emit_hello(plat, cpu, NULL);
		rec_begin(&r, "error");
		rec_str(&r, "code", "bad_arg");
		rec_str(&r, "key", err.key);
		rec_str(&r, "msg", err.msg);
		rec_end(&r);
		report_done("error", 0);
		return;
	}
	if (!setup_memory(plat, img_start, img_end, &ram_pa) || vm_init(&the_vm, &cfg, cpu, ram_pa)) {
		emit_hello(plat, cpu, NULL);
		emit_cfg(&cfg);
		report_no_memory();
		report_done("error", 0);
		return;
	}
	why = loader_prepare(&the_vm, plat);
	if (why) {
		emit_hello(plat, cpu, NULL);
		emit_cfg(&cfg);
		report_error("bad_guest", why);
		report_done("error", 0);
		return;
	}
	calibrate(&the_vm);
	emit_hello(plat, cpu, &the_vm.cal);
	emit_cfg(&cfg);
	why = cfg.strategy->unsupported ? cfg.strategy->unsupported(cpu) : NULL;
	if (why) {
		report_error("unsupported", why);
		report_done("unsupported", 0);
		return;
	}
	boots = reboot_loop(&the_vm, &failed);
	report_done(failed ? "error" : "ok", boots);
}
