/* Arm PrimeCell PL011 UART, polled transmit and receive (console of QEMU virt and Raspberry Pi). */
#ifndef S2_UART_PL011_H
#define S2_UART_PL011_H

#include "console.h"

const struct console_ops *pl011_console(pa_t base);

#endif
