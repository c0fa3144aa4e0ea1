/* The emulated PL011 (core/vuart.c) comes out of reset with the PL011 TRM's reset values
 * (UARTCR 0x300: TXE | RXE; UARTIFLS 0x12), as a real one and s2vmm's (kvm/pl011.c) do, and a
 * reset undoes what the guest wrote: Linux's amba-pl011 reads CR before it writes it. */
#include <criterion/criterion.h>

#include "vuart.h"

#define UART_CR 0x030
#define UART_IFLS 0x034
#define UART_IBRD 0x024

static u64 reg(u64 off)
{
	u64 v = ~0ULL;

	vuart_device.read(NULL, off, 4, &v);
	return v;
}

Test(vuart, reset_values_are_the_trms)
{
	vuart_reset();
	cr_expect_eq(reg(UART_CR), 0x300);
	cr_expect_eq(reg(UART_IFLS), 0x12);
	cr_expect_eq(reg(UART_IBRD), 0);
}

Test(vuart, reset_undoes_the_guests_writes)
{
	vuart_reset();
	vuart_device.write(NULL, UART_CR, 4, 0x301);
	vuart_device.write(NULL, UART_IFLS, 4, 0x0);
	vuart_device.write(NULL, UART_IBRD, 4, 13);
	cr_expect_eq(reg(UART_CR), 0x301);
	cr_expect_eq(reg(UART_IBRD), 13);
	vuart_reset();
	cr_expect_eq(reg(UART_CR), 0x300);
	cr_expect_eq(reg(UART_IFLS), 0x12);
	cr_expect_eq(reg(UART_IBRD), 0);
}
