/* The guest's view of the ID registers, read through HCR_EL2.TID3 traps (idregs.c). */
#ifndef S2_AARCH64_IDREGS_H
#define S2_AARCH64_IDREGS_H

#include "../../types.h"

/* Whether a trapped MRS/MSR (ISS of EC 0x18) names the ID register space TID3 traps:
 * op0 = 3, op1 = 0, CRn = 0, CRm = 1..7 (ARM ARM D19.2, HCR_EL2.TID3). */
bool idreg_in_space(u64 iss);
/* What the guest reads there: the CPU's value less what s2hv does not give the guest. */
u64 idreg_guest_value(u64 iss);

#endif
