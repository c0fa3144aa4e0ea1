/* hello → cfg → guest memory → reboot loop → done (docs/protocol.md). */
#include "hv.h"
#include "../strategies/strategy.h"
#include "arch.h"
#include "bootargs.h"
#include "cache_ops.h"
#include "calib_program.h"
#include "calibrate.h"
#include "config.h"
#include "config_console.h"
#include "guest_image.h"
#include "lib.h"
#include "loader.h"
#include "memmap.h"
#include "palloc.h"
#include "proto.h"
#include "reboot.h"
#include "smp.h"
#include "records.h"
#include "run_teardown.h"

static struct vm the_vm;
static struct config cfg;
static struct run_memory run_mem; /* what this run took from memmap: run_teardown() cleans it */

void report_error(const char *code, const char *msg)
{
	struct record r;

	rec_begin(&r, "error");
	rec_str(&r, "code", code);
	rec_str(&r, "msg", msg);
	rec_end(&r);
}

/* An error a bootarg asked for: `key` names it, e.g. guest RAM (s2b.mem) or its tables do not
 * fit, or the vCPUs (s2b.vcpus) cannot be had. */
static void report_error_key(const char *code, const char *msg, const char *key)
{
	struct record r;

	rec_begin(&r, "error");
	rec_str(&r, "code", code);
	rec_str(&r, "msg", msg);
	rec_str(&r, "key", key);
	rec_end(&r);
}

void report_done(const char *status, u64 boots)
{
	emit_done(&(struct done_rec){.status = status, .boots = boots,
				     .lines = REC_SOME(maint_counts.lines_cleaned),
				     .tlbis = REC_SOME(maint_counts.tlbis)});
}

static void report_hello(const struct platform *plat, const struct cpu_features *cpu,
			 const struct calibration *cal)
{
	char events[160];
	const char *const *names;
	unsigned n = arch_perf_event_names(&names);
	size_t len = fmt_snprintf(events, sizeof(events), "%s%s%s", cpu->pmu_cycles ? "cycles" : "",
				  cpu->pmu_cycles && cpu->pmu_insts ? "," : "",
				  cpu->pmu_insts ? "inst_retired" : "");
	bool cal_done = cal && cal->done;

	for (unsigned i = 0; i < n && len < sizeof(events); i++)
		len += fmt_snprintf(events + len, sizeof(events) - len, "%s%s", len ? "," : "", names[i]);
	emit_hello(&(struct hello_rec){
		.hv = S2HV_VERSION, .board = plat->board, .midr = REC_SOME(cpu->midr),
		.pa_bits = REC_SOME(cpu->pa_bits), .fwb = REC_SOME(cpu->fwb), .dic = cpu->dic,
		.idc = cpu->idc, .ctr = cpu->ctr, .hafdbs = REC_SOME(cpu->hafdbs),
		.pmu_ver = REC_SOME(cpu->pmu_ver), .pmu_events = events[0] ? events : "none",
		.cal_hvc_insts = {cal_done && cpu->pmu_insts, cal_done ? cal->hvc_insts : 0},
		.cal_hvc_cycles = {cal_done && cpu->pmu_cycles, cal_done ? cal->hvc_cycles : 0},
	});
}

static void report_cfg(const struct config *c)
{
	emit_cfg(&(struct cfg_rec){
		.strategy = c->strategy->name, .guest = c->guest->name, .mem = c->mem,
		.boots = c->boots, .block = c->block, .map = c->premap ? "premap" : "ondemand",
		.icache = c->icache_all ? "all" : "exec", .frac_tenths = c->frac_tenths,
		.stride = c->stride,
		.write = c->write_pct, .order = c->order, .seed = c->seed,
		.trace = c->trace_faults ? "faults" : "none", .vcpus = {c->vcpus > 1, c->vcpus},
	});
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
	run_mem = (struct run_memory){.ram_pa = *ram_pa, .ram_size = cfg.mem,
				      .pool_pa = pool_pa, .pool_size = pool};
	palloc_init(pool_pa, pool);
	return true;
}

void hv_report_bad_arg(const struct platform *plat, const struct cpu_features *cpu,
		       const struct bootarg_error *err)
{
	struct record r;

	report_hello(plat, cpu, NULL);
	rec_begin(&r, "error");
	rec_str(&r, "code", "bad_arg");
	rec_str(&r, "key", err->key);
	rec_str(&r, "msg", err->msg);
	rec_end(&r);
	report_done("error", 0);
}

bool hv_run_words(const struct platform *plat, const struct cpu_features *cpu, pa_t img_start,
		  pa_t img_end, const char *words)
{
	struct bootarg_error err;
	const char *why;
	pa_t ram_pa;
	bool failed;
	u64 boots;

	config_defaults(&cfg);
	if (config_parse(&cfg, words, &err)) {
		hv_report_bad_arg(plat, cpu, &err);
		return true;
	}
	if (!setup_memory(plat, img_start, img_end, &ram_pa) || vm_init(&the_vm, &cfg, cpu, ram_pa)) {
		report_hello(plat, cpu, NULL);
		report_cfg(&cfg);
		report_error_key("no_memory", "guest_ram_does_not_fit", "s2b.mem");
		report_done("error", 0);
		return true;
	}
	why = loader_prepare(&the_vm, plat);
	if (why) {
		report_hello(plat, cpu, NULL);
		report_cfg(&cfg);
		report_error("bad_guest", why);
		report_done("error", 0);
		return true;
	}
	calibrate(&the_vm);
	report_hello(plat, cpu, &the_vm.cal);
	report_cfg(&cfg);
	if (cfg.guest_kind == GUEST_CALIB) { /* no guest, no strategy: the CPU's constants */
		report_done(calib_program_run(&the_vm) ? "ok" : "error", 0);
		return true;
	}
	why = cfg.strategy->unsupported ? cfg.strategy->unsupported(cpu) : NULL;
	if (why) {
		report_error("unsupported", why);
		report_done("unsupported", 0);
		return true;
	}
	why = smp_start(&the_vm, plat);
	if (why) {
		report_error_key("smp_failed", why, "s2b.vcpus");
		report_done("error", 0);
		return false; /* a CPU in no known state: only a reset brings the machine back */
	}
	boots = reboot_loop(&the_vm, &failed);
	/* Without an error the loop stops early only when the guest powered off (SYSTEM_OFF, or
	 * CPU_OFF of its last vCPU): a run of its own kind, not `ok` (docs/protocol.md). */
	report_done(failed ? "error" : boots < cfg.boots ? "powered_off_early" : "ok", boots);
	return smp_all_parked(&the_vm);
}

void hv_teardown(void)
{
	run_teardown(&run_mem, the_vm.s2.vmid);
	run_mem = (struct run_memory){0};
}

void hv_run(const struct platform *plat, const struct cpu_features *cpu, pa_t img_start, pa_t img_end)
{
	if (config_console_wanted(plat->bootargs))
		config_console_serve(plat, cpu, img_start, img_end);
	else
		hv_run_words(plat, cpu, img_start, img_end, plat->bootargs);
}
