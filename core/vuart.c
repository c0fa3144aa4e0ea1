/* See vuart.h. Register offsets: PL011 TRM (DDI 0183G) table 3-1. */
#include "vuart.h"
#include "guest_console.h"
#include "lib.h"

#define UART_DR 0x000
#define UART_FR 0x018
#define UART_RIS 0x03c
#define UART_MIS 0x040
#define UART_ICR 0x044
#define UART_ID_BASE 0xfe0 /* UARTPeriphID0..3, UARTPCellID0..3: one byte per word */
#define UART_REGS (UART_ICR / 4 + 2) /* DR .. DMACR keep what the guest wrote */

#define FR_RXFE (1u << 4) /* receive FIFO empty */
#define FR_TXFE (1u << 7) /* transmit FIFO empty: never busy, never full */

/* PeriphID: part 0x011, designer 0x41 (Arm), revision 1; PCellID: the PrimeCell preamble.
 * The AMBA bus matches the driver on these (Linux drivers/amba/bus.c, amba_read_periphid). */
static const u8 id_regs[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

static u32 regs[UART_REGS];

void vuart_reset(void)
{
	memset(regs, 0, sizeof(regs));
}

static bool line_has(const char *line, const char *marker)
{
	for (; *line; line++) {
		unsigned i = 0;

		while (marker[i] && line[i] == marker[i])
			i++;
		if (!marker[i])
			return true;
	}
	return false;
}

static void vuart_read(struct boot_ctx *b, u64 off, unsigned bytes, u64 *val)
{
	(void)b;
	(void)bytes;
	if (off == UART_FR)
		*val = FR_TXFE | FR_RXFE;
	else if (off >= UART_ID_BASE)
		*val = id_regs[(off - UART_ID_BASE) / 4 % 8];
	else if (off == UART_DR || off == UART_RIS || off == UART_MIS || off / 4 >= UART_REGS)
		*val = 0; /* nothing received, no interrupt ever raised */
	else
		*val = regs[off / 4];
}

static void vuart_write(struct boot_ctx *b, u64 off, unsigned bytes, u64 val)
{
	const char *line;

	(void)bytes;
	if (off == UART_DR) {
		line = guest_console_putc(&b->calls.console, (char)(val & 0xff));
		if (line && line_has(line, VUART_READY_MARKER))
			b->console_ready = true; /* timestamped by fault.c as soon as this access is done */
	} else if (off != UART_ICR && off / 4 < UART_REGS) {
		regs[off / 4] = (u32)val;
	}
}

const struct mmio_device vuart_device = {
	.name = "pl011",
	.base = VUART_IPA,
	.size = VUART_SIZE,
	.read = vuart_read,
	.write = vuart_write,
};
