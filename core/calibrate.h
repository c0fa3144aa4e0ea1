/* Calibration at start: the cost of a null guest call round trip and of an empty mark pair. */
#ifndef S2_CALIBRATE_H
#define S2_CALIBRATE_H

#include "vm.h"

/*
 * Run the arch's calibration program as the guest, from a hypervisor page mapped at an IPA
 * outside guest RAM, then remove that mapping and reset the maintenance counters. Fills vm->cal.
 */
void calibrate(struct vm *vm);

/* The calibration program (arch): CALIB_CALLS null S2B_VERSION calls, then PSCI SYSTEM_OFF. */
#define CALIB_CALLS 32
extern const u8 calib_guest_start[], calib_guest_end[];

#endif
