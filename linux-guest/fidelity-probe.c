/*
 * A raw-image guest (s2b.guest=image) checking what an EL1 program sees of s2hv that it would
 * also see under KVM (issue 18): an access with nothing behind it is a synchronous external
 * abort at its own EL1, the PMU and MTE are absent from the ID registers and their registers
 * are UNDEFINED, and /chosen/bootargs is exactly the bundle's command line. Every check goes
 * through S2B_CHECK; the values are printed for the test to read.
 * Command-line words (the bundle's, so they also show it arrives intact): `probe.off_at=N`
 * powers off (PSCI SYSTEM_OFF) at boot N; `probe.novec` sets VBAR_EL1 = 0 and loads outside
 * RAM, so the abort it is given lands at an address with nothing behind it, again and again.
 */
#include "../bench-guests/lib/s2b.h"

#define EC(esr) (((esr) >> 26) & 0x3f)
#define ESR_IL (1ULL << 25)
#define FSC(esr) ((esr) & 0x3f)
#define VEC_CURRENT_SPX_SYNC 4
#define FRAME_LR 19 /* where fidelity-vectors.S saves x30 */

extern char probe_vectors[], probe_load_insn[];
u64 probe_load(u64 addr);
void probe_jump(u64 addr);

/* What the last exception looked like; `armed` says one is expected. */
static volatile struct {
	bool armed, resume_at_lr;
	u64 taken, vector, esr, elr, far, spsr, daif;
} ex;

void probe_exception(u64 vector, const u64 *frame);
void probe_exception(u64 vector, const u64 *frame)
{
	u64 esr, elr, far, spsr, daif;

	__asm__ volatile("mrs %0, esr_el1\n\tmrs %1, elr_el1\n\tmrs %2, far_el1\n\t"
			 "mrs %3, spsr_el1\n\tmrs %4, daif"
			 : "=r"(esr), "=r"(elr), "=r"(far), "=r"(spsr), "=r"(daif));
	if (!ex.armed) {
		s2b_printf("probe: unexpected exception vector=%lu esr=0x%lx elr=0x%lx far=0x%lx\n",
			   vector, esr, elr, far);
		s2b_check(false, esr, elr);
		psci_reset();
	}
	ex.armed = false;
	ex.taken++;
	ex.vector = vector, ex.esr = esr, ex.elr = elr, ex.far = far, ex.spsr = spsr, ex.daif = daif;
	elr = ex.resume_at_lr ? frame[FRAME_LR] : elr + 4;
	__asm__ volatile("msr elr_el1, %0" : : "r"(elr));
}

static void arm(bool resume_at_lr)
{
	ex.taken = 0;
	ex.resume_at_lr = resume_at_lr;
	ex.armed = true;
}

/* The exception common to every probe: one taken, at the current EL's SP_ELx synchronous
 * vector, from EL1h with D, A, I, F masked, entered with them masked too. */
static bool taken_as_expected(u64 want_ec, u64 want_elr)
{
	bool ok = s2b_check(ex.taken == 1, ex.taken, 1);

	ok = s2b_check(ex.vector == VEC_CURRENT_SPX_SYNC, ex.vector, VEC_CURRENT_SPX_SYNC) && ok;
	ok = s2b_check(EC(ex.esr) == want_ec, ex.esr, want_ec << 26) && ok;
	ok = s2b_check(ex.esr & ESR_IL, ex.esr, ESR_IL) && ok;
	ok = s2b_check(ex.elr == want_elr, ex.elr, want_elr) && ok;
	ok = s2b_check((ex.spsr & 0x3cf) == 0x3c5, ex.spsr, 0x3c5) && ok;
	return s2b_check(ex.daif == 0x3c0, ex.daif, 0x3c0) && ok;
}

/* A data abort and an instruction abort outside RAM: EC 0x25 / 0x21, FSC 0x10, FAR = address. */
static void probe_aborts(u64 outside)
{
	arm(false);
	probe_load(outside);
	s2b_printf("probe: data abort esr=0x%lx far=0x%lx\n", ex.esr, ex.far);
	taken_as_expected(0x25, (u64)(uintptr_t)probe_load_insn);
	s2b_check(FSC(ex.esr) == 0x10, ex.esr, 0x10);
	s2b_check(ex.far == outside, ex.far, outside);

	arm(true);
	probe_jump(outside + 0x1000);
	s2b_printf("probe: instruction abort esr=0x%lx far=0x%lx\n", ex.esr, ex.far);
	taken_as_expected(0x21, outside + 0x1000);
	s2b_check(FSC(ex.esr) == 0x10, ex.esr, 0x10);
	s2b_check(ex.far == outside + 0x1000, ex.far, outside + 0x1000);
}

#define MRS(reg) ({ u64 v_; __asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })

/* The PMU: not in ID_AA64DFR0_EL1 (PMUVer, bits 11:8), and PMCR_EL0/PMCCNTR_EL0 UNDEFINED. */
__attribute__((noinline)) static void probe_pmu(void)
{
	u64 dfr0 = MRS(id_aa64dfr0_el1);

	s2b_printf("probe: id_aa64dfr0=0x%lx\n", dfr0);
	s2b_check(((dfr0 >> 8) & 0xf) == 0, dfr0, 0);
	arm(false);
	__asm__ volatile("probe_pmcr: mrs x0, pmcr_el0" : : : "x0");
	s2b_printf("probe: pmcr_el0 esr=0x%lx\n", ex.esr);
	extern char probe_pmcr[];
	taken_as_expected(0, (u64)(uintptr_t)probe_pmcr);
	arm(false);
	__asm__ volatile("probe_pmccntr: mrs x0, pmccntr_el0" : : : "x0");
	extern char probe_pmccntr[];
	taken_as_expected(0, (u64)(uintptr_t)probe_pmccntr);
}

/* MTE: not in ID_AA64PFR1_EL1 (MTE, bits 11:8), and a TFSR_EL1 write UNDEFINED. No EL2 for
 * the guest either (ID_AA64PFR0_EL1.EL2, bits 11:8), while EL1 is there (bits 7:4). */
__attribute__((noinline)) static void probe_mte_and_el2(void)
{
	u64 pfr0 = MRS(id_aa64pfr0_el1), pfr1 = MRS(id_aa64pfr1_el1);
	extern char probe_tfsr[];

	s2b_printf("probe: id_aa64pfr0=0x%lx id_aa64pfr1=0x%lx\n", pfr0, pfr1);
	s2b_check(((pfr1 >> 8) & 0xf) == 0, pfr1, 0);
	s2b_check(((pfr0 >> 8) & 0xf) == 0, pfr0, 0);
	s2b_check(((pfr0 >> 4) & 0xf) != 0, pfr0, 1 << 4);
	arm(false);
	__asm__ volatile("probe_tfsr: msr s3_0_c5_c6_0, xzr"); /* TFSR_EL1 */
	s2b_printf("probe: tfsr_el1 esr=0x%lx\n", ex.esr);
	taken_as_expected(0, (u64)(uintptr_t)probe_tfsr);
}

/* FDT (devicetree specification v0.4, 5.4): big-endian tokens in the structure block. */
static u32 be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static bool same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* /chosen/bootargs, or NULL; its length (with the NUL) in *len. */
static const char *chosen_bootargs(const u8 *fdt, u32 *len)
{
	const u8 *p = fdt + be32(fdt + 8);
	const char *strings = (const char *)fdt + be32(fdt + 12);
	int depth = 0;
	bool in_chosen = false;

	if (be32(fdt) != 0xd00dfeed)
		return NULL;
	for (;;) {
		u32 tok = be32(p), n = 0;

		p += 4;
		if (tok == 1) { /* BEGIN_NODE: name, NUL, padding */
			const char *name = (const char *)p;

			while (name[n])
				n++;
			in_chosen = ++depth == 2 && same(name, "chosen");
			p += (n + 4) & ~3u;
		} else if (tok == 2) { /* END_NODE */
			in_chosen = false;
			depth--;
		} else if (tok == 3) { /* PROP: len, nameoff, value, padding */
			u32 plen = be32(p);

			if (in_chosen && same(strings + be32(p + 4), "bootargs")) {
				*len = plen;
				return (const char *)p + 8;
			}
			p += 8 + ((plen + 3) & ~3u);
		} else if (tok != 4) { /* not NOP: END or garbage */
			return NULL;
		}
	}
}

/* The value of `key` (a word "key=N") in the command line, or `dflt`. */
static u64 word_value(const char *s, u32 len, const char *key, u64 dflt)
{
	for (u32 i = 0; i < len; i++) {
		u32 k = 0;

		if (i && s[i - 1] != ' ')
			continue;
		while (key[k] && i + k < len && s[i + k] == key[k])
			k++;
		if (key[k])
			continue;
		if (s[i + k] == ' ' || !s[i + k])
			return 0; /* a bare word: present */
		if (s[i + k] != '=')
			continue;
		u64 v = 0;
		for (k++; i + k < len && s[i + k] >= '0' && s[i + k] <= '9'; k++)
			v = v * 10 + (u64)(s[i + k] - '0');
		return v;
	}
	return dflt;
}

/* SME, where the ID registers show it (ID_AA64PFR1_EL1.SME, bits 27:24): each boot starts out
 * of streaming mode with ZA off (SVCR = 0), as after a reset, whatever the last boot left;
 * this boot leaves both on (SVCR, op0 3 op1 3 CRn 4 CRm 2 op2 2) for the next one to check. */
static bool have_sme(void)
{
	return (MRS(id_aa64pfr1_el1) >> 24) & 0xf;
}

/* CPACR_EL1.SMEN = 0b11: EL1 may access SVCR (else EC 0x1D); ISB before the first access
 * (ARM ARM D19.2.1, synchronization of System register writes). */
static void enable_sme_access(void)
{
	__asm__ volatile("msr cpacr_el1, %0\n\tisb" : : "r"(MRS(cpacr_el1) | 3ULL << 24));
}

static void probe_sme_reset(void)
{
	u64 svcr = MRS(s3_3_c4_c2_2);

	s2b_printf("probe: svcr=0x%lx at entry\n", svcr);
	s2b_check(svcr == 0, svcr, 0);
}

static void leave_streaming_mode_on(void)
{
	/* ISB: the SVCR write takes effect for what follows only after a context synchronization
	 * event (ARM ARM D19.2.1); nothing here uses SIMD, so it is only for the next boot. */
	__asm__ volatile("msr s3_3_c4_c2_2, %0\n\tisb" : : "r"(3ULL));
}

void guest_main(void)
{
	u64 boot = s2b_param("boot", 0);
	u64 outside = s2b_param("ram_base", 0) + s2b_param("ram_size", 0) + 0x200000;
	u32 len = 0;
	const char *args = chosen_bootargs((const u8 *)(uintptr_t)s2b_boot_dtb, &len);

	if (!args) {
		s2b_puts("probe: no /chosen/bootargs\n");
		s2b_check(false, 0, 1);
	} else {
		s2b_printf("probe: bootargs=[%s] len=%u\n", args, len);
	}
	if (args && word_value(args, len, "probe.novec", 1) == 0) {
		s2b_printf("probe: VBAR_EL1 = 0, loading from 0x%lx\n", outside);
		__asm__ volatile("msr vbar_el1, xzr\n\tisb");
		probe_load(outside);
		s2b_puts("probe: survived a load with no vectors\n");
		s2b_check(false, 0, 1);
	}
	/* ISB: VBAR_EL1 is in effect for the next exception only after a context synchronization
	 * event (ARM ARM D19.2.1, synchronization of System register writes). */
	__asm__ volatile("msr vbar_el1, %0\n\tisb" : : "r"(probe_vectors) : "memory");
	probe_aborts(outside);
	probe_pmu();
	probe_mte_and_el2();
	if (have_sme()) {
		enable_sme_access();
		probe_sme_reset();
	}
	s2b_mark_ready();
	if (have_sme())
		leave_streaming_mode_on();
	if (args && word_value(args, len, "probe.off_at", ~0ULL) == boot) {
		s2b_printf("probe: powering off at boot %lu\n", boot);
		psci_off();
	}
}
