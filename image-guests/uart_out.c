/* See uart_out.h. */
#include "uart_out.h"

#define UART_DR 0x00
#define UART_FR 0x18
#define FR_TXFF (1u << 5)

static uintptr_t uart;

void uart_use(uintptr_t base)
{
	uart = base;
}

uint32_t uart_reg_read(unsigned off)
{
	uint32_t v;

	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(uart + off) : "memory");
	return v;
}

void uart_reg_write(unsigned off, uint32_t v)
{
	__asm__ volatile("str %w0, [%1]" : : "r"(v), "r"(uart + off) : "memory");
}

static void out_char(char c)
{
	while (uart_reg_read(UART_FR) & FR_TXFF)
		;
	uart_reg_write(UART_DR, (uint8_t)c);
}

void out_bytes(const char *s, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		out_char(s[i]);
}

void out_str(const char *s)
{
	while (*s)
		out_char(*s++);
}

void out_hex(uint64_t v)
{
	int shift = 60;

	out_str("0x");
	while (shift > 0 && !(v >> shift))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		out_char("0123456789abcdef"[(v >> shift) & 0xf]);
}

void out_dec(uint64_t v)
{
	char d[20];
	int n = 0;

	do
		d[n++] = (char)('0' + v % 10);
	while ((v /= 10) && n < 20);
	while (n)
		out_char(d[--n]);
}
