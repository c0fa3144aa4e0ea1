/* An emulator's stderr has its own file (never the console): its last line explains a failure. */
#ifndef S2B_HARNESS_QEMU_STDERR_H
#define S2B_HARNESS_QEMU_STDERR_H

#include <stddef.h>

/* Writes ": <last non-empty line of PATH>" into BUF (control characters become spaces), or
 * nothing when the file is missing or empty. */
void qemu_stderr_tail(const char *path, char *buf, size_t len);

#endif
