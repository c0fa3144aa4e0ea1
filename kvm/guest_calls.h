/* What the guest's S2B calls do under s2vmm: the same semantics as s2hv's core/hypercall.c
 * (console relay, marks, metrics, checks, parameters), fed by the doorbell transport. */
#ifndef S2VMM_GUEST_CALLS_H
#define S2VMM_GUEST_CALLS_H

#include "../core/types.h"
#include "doorbell.h"
#include "timebase.h"

struct vmm_config;

enum check_state { CHECK_NONE, CHECK_PASS, CHECK_FAIL };

/* One boot's view of the guest's calls. */
struct boot_session {
	u64 idx;
	const struct vmm_config *cfg;
	ipa_t ram_ipa;
	u64 ram_size;
	char line[120];     /* relayed console bytes until a newline */
	size_t line_len;
	bool ready_seen;
	struct stamp ready; /* the first MARK READY */
	struct stamp mark;  /* the last MARK BEGIN ... */
	u64 mark_tag;       /* ... and its tag */
	enum check_state check;
};

/* Perform one call; returns the value the guest reads back. */
u64 guest_call(struct boot_session *s, const struct guest_call *c);
/* End of boot: a partial console line still goes out, behind the guest prefix. */
void guest_calls_flush(struct boot_session *s);

#endif
