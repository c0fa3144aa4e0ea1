/* The guest's S2B calls under s2vmm, fed by the doorbell transport: the shared dispatcher
 * (core/bench_calls.c, as s2hv) with s2vmm's back-end — no PMU here, so regions are timed in ns;
 * calls with an empty name are refused; anything else is NOT_SUPPORTED (PSCI goes to KVM). */
#ifndef S2VMM_GUEST_CALLS_H
#define S2VMM_GUEST_CALLS_H

#include "../core/bench_calls.h"
#include "../core/guest_console.h"
#include "../core/types.h"
#include "doorbell.h"
#include "timebase.h"

struct vmm_config;

/* One boot's view of the guest's calls. */
struct boot_session {
	u64 idx;
	struct bench_session calls; /* the shared state: console line, check, marks, parameters */
	bool ready_seen;
	struct stamp ready; /* the first MARK READY */
	u64 bad_calls;      /* calls refused: a metric or mark without a name */
};

/* Before the boot: what S2B_PARAM answers. */
void guest_calls_start(struct boot_session *s, const struct vmm_config *cfg, ipa_t ram_ipa,
		       u64 ram_size);
/* Perform one call; returns the value the guest reads back. */
u64 guest_call(struct boot_session *s, const struct guest_call *c);
/* A byte the guest wrote to its PL011's DR: relayed on the console line S2B_WRITE's bytes go
 * to; the line that holds PL011_READY_MARKER is the guest's READY, as under s2hv (a guest that
 * cannot make the call, e.g. Linux's init, says it on its console). */
void guest_calls_uart_byte(struct boot_session *s, char c);
/* End of boot: a partial console line still goes out, behind the guest prefix. */
void guest_calls_flush(struct boot_session *s);

#endif
