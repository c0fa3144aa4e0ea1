/* The MMIO doorbell transport (docs/protocol.md §2): KVM answers unknown HVCs itself, so guest
 * calls reach s2vmm as stage-2 aborts on a page outside RAM that KVM forwards as KVM_EXIT_MMIO. */
#ifndef S2VMM_DOORBELL_H
#define S2VMM_DOORBELL_H

#include <linux/kvm.h>
#include "../core/types.h"

/* Just below RAM: outside every memory slot, so each access exits to us. */
#define DOORBELL_IPA 0x3ffff000ULL
#define DOORBELL_SIZE 0x1000ULL

/* One call: x[0] = function id, x[1..5] = arguments. */
struct guest_call {
	u64 x[6];
};

struct doorbell {
	u64 x[6];    /* x[1..5] as last stored at 0x08..0x28; x[0] by the call store */
	u64 result;  /* what a load from 0x00 returns */
	u64 exits;   /* MMIO exits seen this boot (each costs a full trip through KVM) */
};

enum doorbell_access {
	DB_NOT_OURS, /* an MMIO exit elsewhere: not a guest call */
	DB_HANDLED,  /* an argument store or the result load: nothing more to do */
	DB_CALL,     /* the store at 0x00: *call holds the call; answer with doorbell_set_result */
	DB_BAD,      /* inside the page but not an aligned 64-bit access the protocol defines */
};

/* ipa lies on the doorbell page. */
bool doorbell_contains(u64 ipa);
enum doorbell_access doorbell_access(struct doorbell *db, struct kvm_run *run,
				     struct guest_call *call);
void doorbell_set_result(struct doorbell *db, u64 result);

#endif
