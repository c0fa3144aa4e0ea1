/* Guest console output, relayed line by line behind "guest| " (docs/protocol.md, section 1). */
#ifndef S2_GUEST_CONSOLE_H
#define S2_GUEST_CONSOLE_H

#include "run.h"

/*
 * Add one guest byte to the line being assembled in `b`. A line goes out only whole and only
 * behind GUEST_CONSOLE_PREFIX, so guest output can never start a line with "@s2b": it can never
 * forge a record. Returns the line just relayed (NUL-terminated, valid until the next byte) when
 * `c` completed one, else NULL.
 */
#define GUEST_CONSOLE_PREFIX "guest| "
const char *guest_console_putc(struct boot_ctx *b, char c);

#endif
