/* The core's console as a core unit test reads it: every byte written since capture_console(),
 * NUL-terminated, lines ending "\r\n" as on a serial line (console.c) and in the logs. */
#ifndef S2_TEST_CONSOLE_CAPTURE_H
#define S2_TEST_CONSOLE_CAPTURE_H

#include <stddef.h>

extern char console_out[16384];
extern size_t console_out_len;

/* Route the console here, starting empty. */
void capture_console(void);

#endif
