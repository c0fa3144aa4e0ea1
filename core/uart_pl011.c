/*
 * PL011 polled transmit and receive; firmware set the baud rate. Register bits: PrimeCell UART
 * (PL011) TRM, Arm DDI 0183G, 3.3.1 UARTDR (data in bits 7:0, the receive errors OE BE PE FE in
 * bits 11:8) and 3.3.3 UARTFR (TXFF bit 5: transmit FIFO full; RXFE bit 4: receive FIFO empty).
 */
#include "uart_pl011.h"

#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_FR_TXFF (1u << 5)
#define PL011_FR_RXFE (1u << 4)
#define PL011_DR_ERRORS (0xfu << 8) /* OE, BE, PE, FE: the byte read with them is not data */

static volatile u32 *uart;

static void pl011_putc(char c)
{
	while (uart[PL011_FR / 4] & PL011_FR_TXFF)
		;
	uart[PL011_DR / 4] = (u8)c;
}

/* One received byte, or -1 when the FIFO (or holding register) is empty. A byte with a framing,
 * parity, break or overrun error is returned as 0xff, never as data: the frame's grammar
 * (config_frame.c) refuses it, so a line corrupted on the wire gets a nak. */
static int pl011_getc(void)
{
	u32 dr;

	if (uart[PL011_FR / 4] & PL011_FR_RXFE)
		return -1;
	dr = uart[PL011_DR / 4];
	return dr & PL011_DR_ERRORS ? 0xff : (int)(dr & 0xff);
}

static const struct console_ops pl011_ops = {.putc = pl011_putc, .getc = pl011_getc};

const struct console_ops *pl011_console(pa_t base)
{
	uart = (volatile u32 *)(uintptr_t)base;
	return &pl011_ops;
}
