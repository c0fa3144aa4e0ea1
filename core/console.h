/* The hypervisor console: records and relayed guest output go here (a UART, or stdout on host). */
#ifndef S2_CONSOLE_H
#define S2_CONSOLE_H

#include "types.h"

/* Output backend, set once the UART is known. */
struct console_ops {
	void (*putc)(char c);
};
void console_set(const struct console_ops *ops);
void console_write(const char *s, size_t n);
void console_puts(const char *s);

#endif
