/* Guest console output, relayed line by line behind "guest| " (docs/protocol.md, section 1).
 * Shared by s2hv (S2B_WRITE, the emulated PL011) and s2vmm (S2B_WRITE over the doorbell). */
#ifndef S2_GUEST_CONSOLE_H
#define S2_GUEST_CONSOLE_H

#include "types.h"

#define GUEST_CONSOLE_PREFIX "guest| "

/* The line being assembled from one guest's bytes. */
struct guest_line {
	char buf[160];
	size_t len;
};

/*
 * Add one guest byte. A line goes out only whole and only behind GUEST_CONSOLE_PREFIX, so guest
 * output can never start a line with "@s2b": it can never forge a record. Returns the line just
 * relayed (NUL-terminated, valid until the next byte) when `c` completed one, else NULL.
 */
const char *guest_console_putc(struct guest_line *l, char c);
/* S2B_WRITE: x[1] = n (at most 32), the bytes packed little-endian in x[2..5]. */
void guest_console_write_packed(struct guest_line *l, const u64 x[6]);
/* End of a boot: a partial line still goes out, behind the prefix. */
void guest_console_flush(struct guest_line *l);

#endif
