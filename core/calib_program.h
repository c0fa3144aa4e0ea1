/* `s2b.guest=calib`: the calibration program that measures a CPU's constants (docs/profiles.md). */
#ifndef S2_CALIB_PROGRAM_H
#define S2_CALIB_PROGRAM_H

#include "vm.h"

/*
 * Emit the cache geometry and time, with the PMU cycle counter (when the CPU has one) and the
 * generic timer, every operation a profile holds: DC CIVAC / DC CVAC per line over buffers of
 * absent, clean and dirty lines from 4 KiB to beyond the last-level cache (guest RAM is the
 * buffer), IC IALLUIS, TLBI VMALLS12E1IS, a null HVC, a stage-2 fault, a 4 KiB and a 2 MiB map,
 * streaming writes. One `calib` record each (docs/protocol.md). False when the probe misbehaved
 * (an `error` record says how).
 */
bool calib_program_run(struct vm *vm);

#endif
