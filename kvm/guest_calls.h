/* The guest's S2B calls under s2vmm, fed by the doorbell transport. Their meaning (console relay,
 * metrics, checks, parameters) is core/bench_calls.c and core/guest_console.c, shared with s2hv;
 * only the marks differ: no PMU here, so regions are timed in ns. */
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
	const struct vmm_config *cfg;
	ipa_t ram_ipa;
	u64 ram_size;
	struct guest_line console; /* relayed console bytes until a newline */
	bool ready_seen;
	struct stamp ready; /* the first MARK READY */
	bool mark_open;     /* a MARK BEGIN is waiting for its END */
	struct stamp mark;  /* the last MARK BEGIN ... */
	u64 mark_tag;       /* ... and its tag */
	u64 bad_calls;      /* calls refused: a metric without a name */
	enum check_state check;
};

/* Perform one call; returns the value the guest reads back. */
u64 guest_call(struct boot_session *s, const struct guest_call *c);
/* End of boot: a partial console line still goes out, behind the guest prefix. */
void guest_calls_flush(struct boot_session *s);

#endif
