/* The two transports of docs/protocol.md §2 and the thin wrappers guests use. */
#include "s2b.h"

u64 s2b_boot_dtb;
u64 s2b_doorbell;

static u64 call_hvc(u32 fn, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5)
{
	register u64 x0 __asm__("x0") = fn;
	register u64 x1 __asm__("x1") = a1;
	register u64 x2 __asm__("x2") = a2;
	register u64 x3 __asm__("x3") = a3;
	register u64 x4 __asm__("x4") = a4;
	register u64 x5 __asm__("x5") = a5;

	/* SMCCC: x0 is the result; treat x1..x5 as clobbered too. "memory": the host may act on
	 * guest-visible state (reset), so no memory access may move across the call. */
	__asm__ volatile("hvc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5)
			 :
			 : "memory");
	return x0;
}

/* One 64-bit store as a single STR: a hypervisor emulating MMIO needs a syndrome with a valid
 * ISS (ESR_ELx.ISV = 1), which load/store pair and writeback forms do not give. */
static inline void db_store(u64 base, unsigned off, u64 v)
{
	__asm__ volatile("str %x0, [%x1, %2]" : : "r"(v), "r"(base), "I"(off) : "memory");
}

static inline u64 db_load(u64 base, unsigned off)
{
	u64 v;

	__asm__ volatile("ldr %x0, [%x1, %2]" : "=r"(v) : "r"(base), "I"(off) : "memory");
	return v;
}

/* The doorbell is Device memory (MMU off: Device-nGnRnE; our stage 1 maps it Device-nGnRE).
 * Device accesses to one peripheral arrive in program order (ARM ARM, Device memory
 * attributes: non-Reordering), so the arguments are in place before the id store that rings. */
static u64 call_doorbell(u64 db, u32 fn, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5)
{
	db_store(db, 0x08, a1);
	db_store(db, 0x10, a2);
	db_store(db, 0x18, a3);
	db_store(db, 0x20, a4);
	db_store(db, 0x28, a5);
	db_store(db, 0x00, fn);
	return db_load(db, 0x00);
}

u64 s2b_call(u32 fn, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5)
{
	if (s2b_doorbell)
		return call_doorbell(s2b_doorbell, fn, a1, a2, a3, a4, a5);
	return call_hvc(fn, a1, a2, a3, a4, a5);
}

u64 psci_call(u32 fn)
{
	return call_hvc(fn, 0, 0, 0, 0, 0);
}

void psci_reset(void)
{
	psci_call(PSCI_SYSTEM_RESET);
	for (;;) /* SYSTEM_RESET does not return; if a host lets it, stop rather than run on */
		psci_call(PSCI_SYSTEM_OFF);
}

void psci_off(void)
{
	for (;;)
		psci_call(PSCI_SYSTEM_OFF);
}

void s2b_mark_ready(void)
{
	s2b_call(S2B_MARK, S2B_MARK_READY, 0, 0, 0, 0);
}

void s2b_mark_begin(const char *tag)
{
	s2b_call(S2B_MARK, S2B_MARK_BEGIN, s2b_name(tag), 0, 0, 0);
}

void s2b_mark_end(const char *tag)
{
	s2b_call(S2B_MARK, S2B_MARK_END, s2b_name(tag), 0, 0, 0);
}

void s2b_report(const char *key, u64 value)
{
	s2b_call(S2B_REPORT, s2b_name(key), value, 0, 0, 0);
}

bool s2b_check(bool ok, u64 observed, u64 expected)
{
	s2b_call(S2B_CHECK, ok ? 0 : 1, observed, expected, 0, 0);
	return ok;
}

u64 s2b_param(const char *name, u64 dflt)
{
	u64 v = s2b_call(S2B_PARAM, s2b_name(name), 0, 0, 0, 0);

	return v == S2B_PARAM_UNKNOWN ? dflt : v;
}
