/* The hypervisor console: records and relayed guest output go here (a UART, or stdout on host). */
#ifndef S2_CONSOLE_H
#define S2_CONSOLE_H

#include "types.h"

/* Output backend, set once the UART is known. */
struct console_ops {
	void (*putc)(char c);
	/* A received byte (0..255), or -1 when none is waiting; NULL on an output-only console. */
	int (*getc)(void);
};
void console_set(const struct console_ops *ops);
void console_write(const char *s, size_t n);
void console_puts(const char *s);
/* Whether the console can receive (console_getc can ever return a byte). */
bool console_can_read(void);
/* A received byte, or -1 when none is waiting (or the console cannot receive). Never waits. */
int console_getc(void);

#endif
