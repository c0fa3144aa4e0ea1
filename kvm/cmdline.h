/* The kernel keeps only the first COMMAND_LINE_SIZE - 1 (2047 on arm64) bytes of its command line
 * and drops the rest without a word, so a long line would run with some s2b.* words missing.
 * scripts/kvm-qemu.sh ends the line with CMDLINE_END: s2vmm as /init runs only if it is still
 * the last word of /proc/cmdline. */
#ifndef S2VMM_CMDLINE_H
#define S2VMM_CMDLINE_H

#include <stdbool.h>

#define CMDLINE_END "s2vmm.end"

/* CMDLINE_END is the last word of words (trailing whitespace allowed). */
bool cmdline_complete(const char *words);

#endif
