/*
 * s2oracle: a QEMU TCG plugin that replays a run's memory accesses and instruction fetches into
 * the coherence model (coherence_model.c) and prints the violations at exit. DC and IC by VA make
 * no memory access under TCG and the plugin API cannot read registers, so an oracle build of the
 * hypervisor and guests announces them, guest entry/exit and the guest's MMU on/off, with
 * markers (markers.h). The hypervisor (EL2) is Non-cacheable until it marks its MMU on.
 *
 *   -plugin build/oracle/libs2oracle.so,line=64,ram=0x40000000
 *
 * line: data-cache line size in bytes (CTR_EL0.DminLine of the CPU; 64 for -cpu max, 256 for
 * -cpu a64fx): the model's line, and the step every DC range loop must take (dc_step);
 * ram: guest-physical base of RAM, where the first instruction fetched runs with VA == PA (used
 * to turn QEMU's host address of an instruction into its physical address);
 * guest_cmo: `seen` (default: the guest announces its cache maintenance, as the bench guests of
 * the oracle build do) or `hidden` (a guest without markers, e.g. Linux: its DC/IC by VA are
 * invisible, so stale fetches of code it wrote itself since its reset are counted in
 * ifetch_guest_own, not judged; what the loader and earlier boots wrote still is).
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qemu-plugin.h>

#include "coherence_model.h"
#include "markers.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

struct vcpu {
	bool hv_cacheable;	/* the hypervisor's MMU is on (HV_MMU_ON seen) */
	bool in_guest;		/* between ENTER_GUEST and EXIT_GUEST markers */
	bool guest_nc;		/* the guest's MMU is off: its accesses are Non-cacheable */
	int probe_op;		/* marker awaiting its two probe loads; 0 = none */
	int probes;		/* probe loads seen */
	uint64_t probe_first;
	uint64_t dc_ops;	/* DC instructions run between a DC range's two probes */
};

/* The physical lines a translation block's instructions occupy, for its I-cache fetches. */
struct tb_lines {
	unsigned n;
	uint64_t pa[];
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct cm_model model;
static struct vcpu cpus[CM_MAX_CPUS];
static bool fwb;
static bool guest_cmo_hidden;	/* guest_cmo=hidden: the guest announces none of its maintenance */
static uint64_t ram_base = 0x40000000;
static bool have_delta;
static intptr_t host_delta;	/* host address - physical address of RAM */
static uint64_t markers, probes_lost;
static uint64_t guest_mmu_ons;	/* GUEST_MMU_ON markers: the guest's MMU and caches went on */

static struct vcpu *cpu_of(unsigned i)
{
	return &cpus[i < CM_MAX_CPUS ? i : 0];
}

static void on_marker(unsigned vcpu, void *udata)
{
	unsigned hint = (unsigned)(uintptr_t)udata;
	struct vcpu *c = cpu_of(vcpu);
	pthread_mutex_lock(&lock);
	markers++;
	if (c->probe_op)
		probes_lost++;	/* a marker before the last one's probes: not attributed */
	c->probe_op = 0;
	switch (hint) {
	case ORACLE_HINT_GUEST_MMU_OFF: c->guest_nc = true; break;
	case ORACLE_HINT_GUEST_MMU_ON: c->guest_nc = false, guest_mmu_ons++; break;
	case ORACLE_HINT_HV_MMU_ON: c->hv_cacheable = true; break;
	case ORACLE_HINT_GUEST_RESET: cm_new_boot(&model); break;
	case ORACLE_HINT_ENTER_GUEST: c->in_guest = true; break;
	case ORACLE_HINT_EXIT_GUEST: c->in_guest = false; break;
	case ORACLE_HINT_FWB_ON: fwb = model.idc = true; break;
	case ORACLE_HINT_FWB_OFF: fwb = false; break;
	case ORACLE_HINT_IC_IALLU: cm_ic_iallu(&model, vcpu, false); break;
	case ORACLE_HINT_IC_IALLUIS: cm_ic_iallu(&model, vcpu, true); break;
	case ORACLE_HINT_DC_CVAC: case ORACLE_HINT_DC_CIVAC:
	case ORACLE_HINT_DC_IVAC: case ORACLE_HINT_IC_IVAU: case ORACLE_HINT_DC_CVAU:
		c->probe_op = (int)hint;
		c->probes = 0;
		c->dc_ops = 0;
		break;
	}
	pthread_mutex_unlock(&lock);
}

static void range_op(const struct vcpu *c, int op, uint64_t first, uint64_t last)
{
	uint64_t size = last >= first ? last - first + 1 : 0;
	/* With stage 2 on (HCR_EL2.VM == 1), DC IVAC at EL1 cleans and invalidates (Arm ARM,
	 * HCR_EL2.VM): a guest cannot discard data the hypervisor wrote. */
	if (c->in_guest && op == ORACLE_HINT_DC_IVAC)
		op = ORACLE_HINT_DC_CIVAC;
	if (op == ORACLE_HINT_IC_IVAU) {
		cm_ic_ivau_range(&model, first, size);
		return;
	}
	cm_dc_loop(&model, first, last, c->dc_ops);
		/* The model has one level: cleaning to the PoU is cleaning to the PoC. */
		cm_dc_range(&model, op == ORACLE_HINT_DC_CVAC || op == ORACLE_HINT_DC_CVAU ? CM_DC_CVAC :
			    op == ORACLE_HINT_DC_CIVAC ? CM_DC_CIVAC : CM_DC_IVAC, first, size);
}

static void on_mem(unsigned vcpu, qemu_plugin_meminfo_t info, uint64_t vaddr, void *udata)
{
	(void)udata;
	struct qemu_plugin_hwaddr *hw = qemu_plugin_get_hwaddr(info, vaddr);
	if (!hw || qemu_plugin_hwaddr_is_io(hw))
		return;
	uint64_t pa = qemu_plugin_hwaddr_phys_addr(hw);
	unsigned size = 1u << qemu_plugin_mem_size_shift(info);
	bool store = qemu_plugin_mem_is_store(info);
	struct vcpu *c = cpu_of(vcpu);
	pthread_mutex_lock(&lock);
	if (c->probe_op && !store) {	/* a range probe, not a read of the program's */
		if (c->probes++ == 0) {
			c->probe_first = pa;
		} else {
			range_op(c, c->probe_op, c->probe_first, pa);
			c->probe_op = 0;
		}
	} else {
		bool cacheable = c->in_guest ? !c->guest_nc || fwb : c->hv_cacheable;
		if (store) {
			cm_write(&model, pa, size, cacheable);
			if (c->in_guest && guest_cmo_hidden)
				cm_guest_own_write(&model, pa, size);
		} else
			cm_read(&model, pa, size, cacheable);
	}
	pthread_mutex_unlock(&lock);
}

/* A DC by VA (its target invisible: only counted, inside a range the probes announced). */
static void on_dc(unsigned vcpu, void *udata)
{
	(void)udata;
	struct vcpu *c = cpu_of(vcpu);
	pthread_mutex_lock(&lock);
	if (c->probe_op && c->probe_op != ORACLE_HINT_IC_IVAU && c->probes == 1)
		c->dc_ops++;
	pthread_mutex_unlock(&lock);
}

/* DC CIVAC, CVAC, IVAC, CVAU Xt (A64 SYS encodings; Rt in bits [4:0]). */
static bool is_dc_by_va(uint32_t word)
{
	uint32_t op = word & ~0x1fu;
	return op == 0xd50b7e20 || op == 0xd50b7a20 || op == 0xd5087620 || op == 0xd50b7b20;
}

static void on_tb_exec(unsigned vcpu, void *udata)
{
	struct tb_lines *t = udata;
	pthread_mutex_lock(&lock);
	for (unsigned i = 0; i < t->n; i++)
		cm_ifetch(&model, vcpu, t->pa[i]);
	pthread_mutex_unlock(&lock);
}

static void on_tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	(void)id;
	size_t n = qemu_plugin_tb_n_insns(tb);
	struct tb_lines *t = malloc(sizeof(*t) + n * sizeof(t->pa[0]));
	if (!t)
		return;
	t->n = 0;
	uint64_t line_mask = ~(((uint64_t)1 << model.line_shift) - 1);
	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		uint32_t word;
		memcpy(&word, qemu_plugin_insn_data(insn), sizeof(word));
		if ((word & ~(0x7fu << 5)) == ORACLE_HINT_INSN(0) && ((word >> 5) & 0x7f) >= ORACLE_HINT_FIRST)
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_marker, QEMU_PLUGIN_CB_NO_REGS,
							       (void *)(uintptr_t)((word >> 5) & 0x7f));
		if (is_dc_by_va(word))
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_dc, QEMU_PLUGIN_CB_NO_REGS, NULL);
		qemu_plugin_register_vcpu_mem_cb(insn, on_mem, QEMU_PLUGIN_CB_NO_REGS,
						 QEMU_PLUGIN_MEM_RW, NULL);
		/* The first instruction in RAM runs with the MMU off: VA == PA gives the offset. */
		uintptr_t host = (uintptr_t)qemu_plugin_insn_haddr(insn);
		uint64_t va = qemu_plugin_insn_vaddr(insn);
		pthread_mutex_lock(&lock);
		if (!have_delta && va >= ram_base) {
			host_delta = (intptr_t)(host - va);
			have_delta = true;
		}
		bool known = have_delta;
		pthread_mutex_unlock(&lock);
		uint64_t pa = (uint64_t)(host - host_delta) & line_mask;
		if (known && pa >= ram_base && (t->n == 0 || t->pa[t->n - 1] != pa))
			t->pa[t->n++] = pa;
	}
	if (t->n)
		qemu_plugin_register_vcpu_tb_exec_cb(tb, on_tb_exec, QEMU_PLUGIN_CB_NO_REGS, t);
	else
		free(t);
}

static void on_qemu_exit(qemu_plugin_id_t id, void *udata)
{
	(void)id;
	(void)udata;
	char buf[512];
	int len = snprintf(buf, sizeof(buf), "@oracle violations=%" PRIu64, cm_total_violations(&model));
	for (int v = 0; v < CM_NVIOLATIONS; v++)
		len += snprintf(buf + len, sizeof(buf) - len, " %s=%" PRIu64, cm_violation_name(v),
				model.violations[v]);
	snprintf(buf + len, sizeof(buf) - len,
		 " dc_absent=%" PRIu64 " dc_clean=%" PRIu64 " dc_dirty=%" PRIu64 " markers=%" PRIu64
		 " probes_lost=%" PRIu64 " lines=%" PRIu64 " ifetch_guest_own=%" PRIu64
		 " guest_mmu_on=%" PRIu64 "\n",
		 model.dc_lines[CM_ABSENT], model.dc_lines[CM_CLEAN], model.dc_lines[CM_DIRTY],
		 markers, probes_lost, model.nlines, model.ifetch_guest_own, guest_mmu_ons);
	qemu_plugin_outs(buf);
	for (int v = 0; v < CM_NVIOLATIONS; v++)
		if (model.violations[v]) {
			snprintf(buf, sizeof(buf), "@oracle first %s pa=0x%" PRIx64 "\n",
				 cm_violation_name(v), model.first_violation_pa[v]);
			qemu_plugin_outs(buf);
		}
	cm_free(&model);
}

/* NAME=NUMBER (decimal or 0x hex) into *out; false if arg is not NAME=... or not a number. */
static bool num_arg(const char *arg, const char *name, uint64_t *out, bool *bad)
{
	size_t l = strlen(name);
	if (strncmp(arg, name, l) != 0 || arg[l] != '=')
		return false;
	char *end;
	*out = strtoull(arg + l + 1, &end, 0);
	*bad = *end != '\0' || end == arg + l + 1;
	return true;
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
					   int argc, char **argv)
{
	uint64_t line = 64, v;
	bool bad = false;
	for (int i = 0; i < argc; i++) {
		if (num_arg(argv[i], "line", &v, &bad))
			line = v;
		else if (num_arg(argv[i], "ram", &v, &bad))
			ram_base = v;
		else if (!strcmp(argv[i], "guest_cmo=hidden"))
			guest_cmo_hidden = true;
		else if (!strcmp(argv[i], "guest_cmo=seen"))
			guest_cmo_hidden = false;
		else
			bad = true;
		if (bad) {
			fprintf(stderr, "s2oracle: bad argument '%s' (usage: line=BYTES,ram=ADDRESS,guest_cmo=seen|hidden)\n", argv[i]);
			return -1;
		}
	}
	if (strcmp(info->target_name, "aarch64") != 0) {
		fprintf(stderr, "s2oracle: target %s is not aarch64\n", info->target_name);
		return -1;
	}
	if (!cm_init(&model, (unsigned)line, CM_MAX_CPUS)) {
		fprintf(stderr, "s2oracle: line=%" PRIu64 " must be a power of two >= 16\n", line);
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_tb_trans);
	qemu_plugin_register_atexit_cb(id, on_qemu_exit, NULL);
	return 0;
}
