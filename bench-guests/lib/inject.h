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

bool inject_requested(void);
/* If injection is requested, flip bit 0 of the byte at p and say so on the console. */
void inject_corrupt(void *p);

#endif
