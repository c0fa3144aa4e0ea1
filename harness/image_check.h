/* `run --image`: refuse a file that is not an arm64 Linux Image before any run (QEMU would boot
 * it, print nothing, and every run would time out). */
#ifndef S2B_HARNESS_IMAGE_CHECK_H
#define S2B_HARNESS_IMAGE_CHECK_H

#include <stddef.h>

#include "matrix.h"

/* 0 if PATH starts with an arm64 Image header (magic "ARM\x64" at byte 56, Linux
 * Documentation/arch/arm64/booting.rst), else -1 with a one-line reason in ERR. */
int image_check(const char *path, char *err, size_t errlen);

/* When a run of RUNS boots IMAGE itself (the qemu-* boards), checks it; on failure prints
 * "s2bench: ..." and returns EXIT_USAGE (2), else 0. */
int image_check_runs(const char *image, const struct planned_run *runs, size_t n);

#endif
