/* The options `run`, `calibrate` and `crossover` share to reach a board: the emulator and image,
 * a serial board's console, baud rate and reset command, and the per-run timeout. One parser, so
 * the commands accept and refuse them alike (docs/harness.md). */
#ifndef S2B_HARNESS_BOARD_OPTIONS_H
#define S2B_HARNESS_BOARD_OPTIONS_H

#include "board.h"

/* The defaults: $S2B_QEMU or qemu-system-aarch64, $S2B_IMG or build/s2hv.img, 115200 baud, the
 * default log cap. */
void board_options_defaults(struct run_options *opt);

/* getopt's C (the letters below) with ARG: 1 if it was a board option and was taken, 0 if C is
 * not one, EXIT_USAGE after a one-line error for a bad value. q --qemu, i --image, c --console,
 * r --reset-cmd, C --config-over-console, B --baud, t --timeout (into *TIMEOUT_S). */
int board_option(int c, const char *arg, struct run_options *opt, unsigned *timeout_s);

#endif
