/*
 * Test-only fault injection: lets a test prove that a failed verification reaches the boot
 * record as check=fail. When asked, a guest flips one bit of the data it is about to verify,
 * so the guest's real verification path is what fails.
 *
 * Asked by the guest parameter `inject` (non-zero), or - for hosts that do not pass that
 * parameter - by the reserved seed S2B_SEED_INJECT (`s2b.seed=0xbadc0de`).
 */
#ifndef S2B_GUEST_INJECT_H
#define S2B_GUEST_INJECT_H

#include "s2b.h"

#define S2B_SEED_INJECT 0xbadc0deULL

/* What `inject` asks for (the guest parameter, s2b.inject=N). */
enum inject_kind {
	INJECT_NONE = 0,
	INJECT_CORRUPT = 1,          /* flip a bit of verified data: the check must fail */
	INJECT_ABORT_OUTSIDE_RAM = 2, /* load from an IPA outside RAM: the host must report it */
	INJECT_RUN_AWAY = 3,         /* spin forever without a trap: the harness must time out */
	INJECT_FORGE_SEMIHOSTING = 4, /* hello: forge a record through semihosting: never counted */
};

bool inject_requested(void);
/* If corruption is requested, flip bit 0 of the byte at p and say so on the console. */
void inject_corrupt(void *p);
/* Misbehave as asked by INJECT_ABORT_OUTSIDE_RAM or INJECT_RUN_AWAY; else return at once. */
void inject_misbehave(void);

#endif
