/*
 * An emulated PL011 (Arm PrimeCell UART, DDI 0183) for guests that bring their own console
 * driver, e.g. Linux's amba-pl011. Transmit only: bytes written to DR are relayed as guest
 * console lines (guest_console.h); the receive FIFO is always empty; no interrupt is raised
 * (the driver's console path polls FR). A relayed line containing VUART_READY_MARKER is the
 * guest's READY, timestamped by the hypervisor (fault.c) when the line's last byte is written.
 */
#ifndef S2_VUART_H
#define S2_VUART_H

#include "mmio.h"

#define VUART_IPA 0x09000000ULL /* where QEMU virt has its PL011: familiar to guests */
#define VUART_SIZE 0x1000ULL
#define VUART_READY_MARKER "s2b-init: ready"

extern const struct mmio_device vuart_device;
/* The registers as at power-on, for a new run (core/run_teardown.c). */
void vuart_reset(void);

#endif
