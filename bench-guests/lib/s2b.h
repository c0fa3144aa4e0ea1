/*
 * Guest side of the s2bench call interface (docs/protocol.md §2). Every value travels in
 * registers: an MMU-off guest writes Non-cacheable memory that its host reads cacheable, the very
 * incoherence s2bench measures, so no call ever passes a pointer.
 */
#ifndef S2B_GUEST_S2B_H
#define S2B_GUEST_S2B_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t u64;
typedef uint32_t u32;
typedef uint8_t u8;

/* The call numbers: the same header the hosts use (s2hv's core, s2vmm). */
#include "../../core/hypercall.h"
#include "../../core/psci_ids.h"

#define S2B_WRITE_MAX 32 /* bytes per S2B_WRITE: x2..x5 */
#define S2B_PARAM_UNKNOWN (~0ULL)


/* Up to 8 ASCII bytes in one register, first character in the low byte. Folds to a constant
 * for a string literal at -O2. */
static inline u64 s2b_name(const char *s)
{
	u64 v = 0;

	for (unsigned i = 0; i < 8 && s[i]; i++)
		v |= (u64)(u8)s[i] << (8 * i);
	return v;
}

/* Set by crt0 from the entry registers: x0 = guest DTB IPA (or 0), x1 = doorbell IPA (0 = HVC). */
extern u64 s2b_boot_dtb;
extern u64 s2b_doorbell;

/* One bench call over the transport the host chose. Returns x0. */
u64 s2b_call(u32 fn, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5);
/* PSCI always goes through `hvc #0`, on both hosts (KVM implements PSCI itself). */
u64 psci_call(u32 fn);

_Noreturn void psci_reset(void);
_Noreturn void psci_off(void);

void s2b_mark_ready(void);
void s2b_mark_begin(const char *tag);
void s2b_mark_end(const char *tag);
void s2b_report(const char *key, u64 value);
/* Report one verification; returns `ok` so callers can chain. A false `ok` reaches the host as
 * fail with both values, never as a silent pass. */
bool s2b_check(bool ok, u64 observed, u64 expected);
/* The host's value for `name`, or `dflt` if the host does not know it. */
u64 s2b_param(const char *name, u64 dflt);

/* Console: bytes are packed into registers, at most 32 per call; the host line-buffers. */
void s2b_write(const char *s, size_t n);
void s2b_puts(const char *s);
/* printf-lite: %s %c %d %u %x %p, l/ll/z modifiers, '0' flag and width. */
void s2b_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Provided by each guest; crt0 calls it, then asks PSCI SYSTEM_RESET. */
void guest_main(void);

#endif
