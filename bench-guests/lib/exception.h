/* EL1 exception handling: every exception is reported as a failed check, then reset. */
#ifndef S2B_GUEST_EXCEPTION_H
#define S2B_GUEST_EXCEPTION_H

#include "s2b.h"

/* Point VBAR_EL1 at this copy of the vectors (PC-relative: right after a relocation too). */
void exception_vectors_install(void);

#endif
