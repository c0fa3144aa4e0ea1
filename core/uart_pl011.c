/* PL011 transmit: wait while TXFF (FR bit 5) is set, then write DR. Firmware set the baud rate. */
#include "uart_pl011.h"

#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_FR_TXFF (1u << 5)

static volatile u32 *uart;

static void pl011_putc(char c)
{
	while (uart[PL011_FR / 4] & PL011_FR_TXFF)
		;
	uart[PL011_DR / 4] = (u8)c;
}

static const struct console_ops pl011_ops = {.putc = pl011_putc};

const struct console_ops *pl011_console(pa_t base)
{
	uart = (volatile u32 *)(uintptr_t)base;
	return &pl011_ops;
}
