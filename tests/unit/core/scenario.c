/* The seed's reboot sequence over the simulator (see scenario.h). */
#include <stdlib.h>
#include <string.h>
#include "scenario.h"
#include "arch.h"
#include "cache_ops.h"
#include "config.h"
#include "dtb_stamp.h"
#include "guest_image.h"
#include "hypercall.h"
#include "loader.h"
#include "palloc.h"
#include "psci_ids.h"
#include "reboot.h"
#include "vcpu.h"
#include "vm.h"
#include <libfdt.h>

#define SCN_MEM_SIZE (SCN_RAM_PA + SCN_RAM_SIZE)
#define SCN_POOL_BASE (1ULL << 20)
#define SCN_POOL_SIZE (8ULL << 20)
/* Retries of one access before the guest gives up (fault.c's loop limit is 16). */
#define SCN_GIVE_UP 64

/* Pages of the guest's data (bss, heap) outside the image, in both 2 MiB blocks. */
static const unsigned bss_pages[] = {40, 41, 600};
/* Image data pages the guest scribbles on with its MMU on (e.g. freed init memory reused):
 * some early, and the image's tail, which the loader writes last (still Dirty under LRU). */
static const unsigned scribble_pages[] = {4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23, 24};
/* Pages the guest only reads with its MMU on (tables, firmware data): mapped, never written. */
#define SCN_READONLY_FIRST 100
#define SCN_READONLY_PAGES 32
/* An image page holding a DTB the loader stamps with the boot index (dtb_stamp.h), as s2hv's
 * loader does for bundle guests: the loader changes bytes between boots, as real VMMs do. The
 * guest never writes it, so only the loader's rewrite makes it need cleaning. */
#define SCN_DTB_PAGE 10
/* Code pages the guest overwrites and executes (JIT, module loading). */
#define SCN_JIT_PAGES 2

enum kind { READ, WRITE, FETCH };

struct scn {
	const struct strategy *st;   /* the strategy under test */
	struct strategy probe;       /* st, with the sim's loader-store model and cost probes around it */
	const struct scenario_params *p;
	struct scenario_result *r;
	bool prepare_failed;
	struct config cfg;
	struct guest_image img;
	struct vm vm;
	struct cpu_features cpu;
	u8 pristine[SCN_IMG_BYTES] __attribute__((aligned(8))); /* libfdt wants its DTB 8-aligned */
	/* What this boot's loader wrote: pristine, with this boot's stamp. */
	u8 expected[SCN_IMG_BYTES] __attribute__((aligned(8)));
	u64 bss_value[ARRAY_SIZE(bss_pages)];
	u64 rng;
	struct boot_obs *obs;
};

static struct scn s_;

static u64 scn_rand(void)
{
	s_.rng ^= s_.rng >> 12;
	s_.rng ^= s_.rng << 25;
	s_.rng ^= s_.rng >> 27;
	return s_.rng * 0x2545f4914f6cdd1dULL;
}

static ipa_t page_ipa(unsigned page) { return GUEST_RAM_IPA + (ipa_t)page * PAGE_SIZE; }

static void record_touch(ipa_t ipa, enum kind k)
{
	unsigned page = (ipa - GUEST_RAM_IPA) / PAGE_SIZE;

	s_.obs->touched[page] = true;
	if (k == WRITE)
		s_.obs->written[page] = true;
}

/* One guest access inside one line; a stage-2 fault traps to the real run loop (core/fault.c),
 * which hands it to the strategy, and the access is retried when the vCPU is resumed. */
static void guest(enum kind k, ipa_t ipa, void *buf, u64 size, bool mmu_on)
{
	for (unsigned i = 0; i < SCN_GIVE_UP; i++) {
		struct sim_fault sf;
		bool ok = k == READ    ? sim_guest_read(ipa, buf, size, mmu_on, &sf)
			  : k == WRITE ? sim_guest_write(ipa, buf, size, mmu_on, &sf)
				       : sim_guest_fetch(ipa, buf, size, mmu_on, &sf);

		if (ok) {
			record_touch(ipa, k);
			return;
		}
		sim_vcpu_abort(&sf); /* does not return if the hypervisor ends the boot */
	}
	s_.obs->errors++; /* fault.c should have ended the boot long before: a broken run loop */
}

static void random_evictions(void)
{
	for (u64 n = scn_rand() % 64; n; n--)
		sim_cache_evict_random();
}

/* The loader's plain stores, from now until the strategy's setup/reinit, go through the
 * cacheable host map (the real loader_load_image runs in between, in reboot.c). */
static void loader_stores_from_now(void)
{
	sim_host_stores_begin(s_.vm.ram_pa, loader_image_bytes(&s_.vm));
}

/* Right after reset: MMU off. Execute and read the image; write the bss. */
static void guest_mmu_off(unsigned boot)
{
	u8 line[SIM_LINE_MAX];

	for (u64 off = 0; off < SCN_CODE_PAGES * PAGE_SIZE; off += sim_line()) {
		guest(FETCH, GUEST_RAM_IPA + off, line, sim_line(), false);
		if (memcmp(line, s_.pristine + off, sim_line()))
			s_.obs->stale_fetches++;
	}
	for (u64 off = 0; off < SCN_IMG_BYTES; off += sim_line()) {
		u64 n = MIN((u64)sim_line(), SCN_IMG_BYTES - off);

		guest(READ, GUEST_RAM_IPA + off, line, n, false);
		if (memcmp(line, s_.expected + off, n))
			s_.obs->stale_reads++;
	}
	for (unsigned i = 0; i < ARRAY_SIZE(bss_pages); i++) {
		u64 v = 0xb55b55000000ULL | (u64)boot << 8 | i, now;
		pa_t pa = SCN_RAM_PA + (pa_t)bss_pages[i] * PAGE_SIZE;

		s_.bss_value[i] = v;
		guest(WRITE, page_ipa(bss_pages[i]), &v, sizeof(v), false);
		random_evictions();
		/* A Dirty line left from the previous boot would overwrite this on eviction. */
		sim_memory_after_writeback(pa, &now, sizeof(now));
		if (now != v)
			s_.obs->lost_writes++;
	}
}

static void scribble_page(unsigned page)
{
	for (u64 off = 0; off < PAGE_SIZE; off += sizeof(u64)) {
		u64 junk = scn_rand() | 1;

		guest(WRITE, page_ipa(page) + off, &junk, sizeof(junk), true);
	}
}

/* Later in the boot: MMU on, caches on. Dirty data and code, run the new code. */
static void guest_mmu_on(void)
{
	u8 line[SIM_LINE_MAX];

	for (unsigned i = 0; i < ARRAY_SIZE(scribble_pages); i++)
		scribble_page(scribble_pages[i]);
	for (unsigned i = 0; i < ARRAY_SIZE(bss_pages); i++)
		scribble_page(bss_pages[i]);
	for (unsigned p = SCN_READONLY_FIRST; p < SCN_READONLY_FIRST + SCN_READONLY_PAGES; p++)
		for (u64 off = 0; off < PAGE_SIZE; off += sim_line())
			guest(READ, page_ipa(p) + off, line, sim_line(), true);
	for (unsigned p = 0; p < SCN_JIT_PAGES; p++) {
		scribble_page(p);
		for (u64 off = 0; off < PAGE_SIZE; off += sim_line()) {
			sim_guest_sync_code(page_ipa(p) + off);
			guest(FETCH, page_ipa(p) + off, line, sim_line(), true);
		}
	}
	random_evictions();
}

static void check_after_flush(struct scenario_result *r)
{
	u8 *mem = arch_pa_to_va(SCN_RAM_PA);

	sim_cache_flush_all();
	for (u64 off = 0; off < SCN_IMG_BYTES; off += sim_line())
		if (memcmp(mem + off, s_.expected + off, MIN((u64)sim_line(), SCN_IMG_BYTES - off)))
			r->lost_after_flush++;
	for (unsigned i = 0; i < ARRAY_SIZE(bss_pages); i++)
		if (*(u64 *)(mem + (u64)bss_pages[i] * PAGE_SIZE) != s_.bss_value[i])
			r->lost_after_flush++;
}

static void setup_world(const struct scenario_params *p)
{
	struct sim_cache_config c;

	sim_cpu_set_line(p->line ? p->line : 64); /* before the caches are sized by sim_mem_init */
	sim_mem_init(SCN_MEM_SIZE);
	palloc_init(SCN_POOL_BASE, SCN_POOL_SIZE);
	sim_counts_reset();
	memset(&maint_counts, 0, sizeof(maint_counts));
	sim_cpu.fwb = p->fwb_cpu;
	sim_cache_defaults(&c);
	c.dcache_bytes = 16 << 10;
	c.evict = (p->seed & 1) ? SIM_EVICT_LRU : SIM_EVICT_RANDOM;
	c.seed = p->seed;
	c.spec_per_mille = 30;
	c.spec_base = SCN_RAM_PA;
	c.spec_size = SCN_RAM_SIZE;
	sim_cache_init(&c);
	memset(&s_, 0, sizeof(s_));
	s_.rng = p->seed * 0x9e3779b97f4a7c15ULL + 7;
	for (unsigned i = 0; i < SCN_IMG_BYTES; i++)
		s_.pristine[i] = (u8)(0xa5 ^ (i * 131) ^ (i >> 8));
	if (fdt_create_empty_tree(s_.pristine + SCN_DTB_PAGE * PAGE_SIZE, PAGE_SIZE) ||
	    !dtb_stamp_add(s_.pristine + SCN_DTB_PAGE * PAGE_SIZE, PAGE_SIZE))
		abort();
}

/* The loader's stamp of this boot, into guest RAM (a plain store, replayed as cacheable like
 * the rest of the loader's) and into what the guest must read. */
static void loader_stamp(struct vm *vm)
{
	memcpy(s_.expected, s_.pristine, SCN_IMG_BYTES);
	if (dtb_stamp_set(s_.expected + SCN_DTB_PAGE * PAGE_SIZE, (u32)vm->boot_idx) ||
	    dtb_stamp_set((u8 *)arch_pa_to_va(vm->ram_pa) + SCN_DTB_PAGE * PAGE_SIZE, (u32)vm->boot_idx))
		abort();
}

/* The real loop's setup/reinit call lands here: replay the loader's stores as cacheable, let
 * the cache evict at random, then the strategy, with its reinit costs measured. */
static int probe_prepare(struct vm *vm)
{
	struct maint_counts m0;
	int ret;

	s_.obs = &s_.r->boot[vm->boot_idx];
	loader_stamp(vm);
	sim_host_stores_end();
	random_evictions();
	if (vm->boot_idx == 0)
		ret = s_.st->setup(vm);
	else {
		sim_mutation = s_.p->mutation;
		m0 = maint_counts;
		ret = s_.st->reinit(vm);
		s_.obs->reinit_lines = maint_counts.lines_cleaned - m0.lines_cleaned;
		s_.obs->reinit_lines_loaded = maint_counts.lines_cleaned_watched - m0.lines_cleaned_watched;
		s_.obs->reinit_tlbis = maint_counts.tlbis - m0.tlbis;
		s_.obs->reinit_icache = maint_counts.icache_invals - m0.icache_invals;
	}
	s_.prepare_failed |= ret != 0;
	return ret;
}

static enum fault_result probe_fault(struct vm *vm, const struct s2_fault *f)
{
	s_.obs->trans_faults += !f->perm;
	return s_.st->on_fault(vm, f);
}

/* What fault.c counted for this boot (reboot.c clears it when the next boot starts). */
static void take_fault_stats(struct boot_obs *o)
{
	o->faults = s_.vm.stats.faults;
	o->fault_lines = s_.vm.stats.fault_lines;
}

/* The guest of every boot, started by arch_vcpu_reset: MMU off, READY, then MMU on and reset,
 * or power off after the last boot. */
static void guest_program(struct vcpu *v, void *arg)
{
	unsigned boot = s_.vm.boot_idx;

	(void)arg;
	guest_mmu_off(boot);
	sim_vcpu_hvc(v, S2B_MARK, S2B_MARK_READY, 0, 0);
	if (boot + 1 < s_.p->boots) {
		guest_mmu_on();
		take_fault_stats(s_.obs);
		loader_stores_from_now();
		sim_vcpu_hvc(v, PSCI_SYSTEM_RESET, 0, 0, 0);
	} else {
		take_fault_stats(s_.obs);
		sim_vcpu_hvc(v, PSCI_SYSTEM_OFF, 0, 0, 0);
	}
}

static int setup_vm(const struct scenario_params *p)
{
	s_.st = p->strategy_override ? p->strategy_override : strategy_find(p->strategy, strlen(p->strategy));
	if (!s_.st || (s_.st->unsupported && s_.st->unsupported(&sim_cpu)))
		return -1;
	s_.probe = *s_.st;
	s_.probe.setup = probe_prepare;
	s_.probe.reinit = probe_prepare;
	s_.probe.on_fault = probe_fault;
	config_defaults(&s_.cfg);
	s_.img = (struct guest_image){"scenario", s_.pristine, SCN_IMG_BYTES};
	s_.cfg.strategy = &s_.probe;
	s_.cfg.guest = &s_.img;
	s_.cfg.mem = SCN_RAM_SIZE;
	s_.cfg.block = p->block;
	s_.cfg.premap = p->premap;
	s_.cfg.icache_all = p->icache_all;
	s_.cfg.boots = MIN(p->boots, SCN_MAX_BOOTS);
	cpu_features_read(&s_.cpu);
	if (vm_init(&s_.vm, &s_.cfg, &s_.cpu, SCN_RAM_PA))
		return -1;
	sim_guest_ram(s_.vm.ram_ipa, s_.vm.ram_size);
	sim_vcpu_program(guest_program, NULL);
	return 0;
}

int scenario_run(const struct scenario_params *p, struct scenario_result *r)
{
	u64 boots;
	bool failed;

	memset(r, 0, sizeof(*r));
	setup_world(p);
	s_.p = p;
	s_.r = r;
	if (setup_vm(p))
		return -1;
	loader_stores_from_now();
	boots = reboot_loop(&s_.vm, &failed);
	if (s_.prepare_failed)
		return -1;
	if (failed && boots) { /* the run loop ended a boot early: a fault it could not resolve */
		take_fault_stats(&r->boot[boots - 1]);
		r->boot[boots - 1].errors++;
	}
	r->pages_mapped_last_boot = s_.vm.stats.pages_mapped;
	r->dc_lines_counted = maint_counts.lines_cleaned + maint_counts.lines_inval;
	r->dc_lines_maintained = sim_counts.dc_civac_lines + sim_counts.dc_cvac_lines + sim_counts.dc_ivac_lines;
	check_after_flush(r);
	sim_guest_attach(NULL, 0, 0, false);
	sim_vcpu_program(NULL, NULL);
	return 0;
}

u64 scenario_incoherent(const struct scenario_result *r)
{
	u64 n = r->lost_after_flush;

	for (unsigned b = 0; b < SCN_MAX_BOOTS; b++)
		n += r->boot[b].stale_reads + r->boot[b].stale_fetches + r->boot[b].lost_writes;
	return n;
}
