/* Calibration at start: the cost of a null guest call round trip and of an empty mark pair. */
#ifndef S2_CALIBRATE_H
#define S2_CALIBRATE_H

#include "vm.h"

/*
 * Run the arch's calibration program as the guest, from a hypervisor page mapped at an IPA
 * outside guest RAM, then remove that mapping and reset the maintenance counters. Fills vm->cal.
 */
void calibrate(struct vm *vm);

/* Programs run as the guest from one hypervisor page at CALIB_IPA, 2 MiB below guest RAM. */
#define CALIB_IPA (GUEST_RAM_IPA - SZ_2M)
/* Copy the program to a fresh page, map it at CALIB_IPA, install stage 2 and reset the vCPU to
 * enter it; returns the page, 0 on failure. Unload removes the mapping, frees the page and resets
 * the maintenance counters (no boot pays for calibration). */
pa_t calib_program_load(struct vm *vm, const u8 *start, const u8 *end);
void calib_program_unload(struct vm *vm, pa_t page);

/* The calibration program (arch): CALIB_CALLS null S2B_VERSION calls, then PSCI SYSTEM_OFF. */
#define CALIB_CALLS 32
extern const u8 calib_guest_start[], calib_guest_end[];
/* The probe of `s2b.guest=calib` (core/calib_program.c): x2 null calls or loads x4 apart from x3. */
extern const u8 calib_probe_start[], calib_probe_end[];

#endif
