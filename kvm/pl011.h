/* The guest's PL011 (Arm PrimeCell UART, DDI 0183G) under s2vmm: the same device at the same IPA
 * and with the same DTB node as s2hv's emulated one (core/vuart.h), so one raw image prints the
 * same under both. Served from KVM_EXIT_MMIO (the page is outside every memory slot). Transmit
 * only: DR writes are guest console bytes; the FIFOs are always empty, never busy; no interrupt
 * is ever raised. The other registers reset and read back as the TRM says. */
#ifndef S2VMM_PL011_H
#define S2VMM_PL011_H

#include <linux/kvm.h>
#include "../core/types.h"

/* = core/vuart.h's VUART_IPA / VUART_SIZE (that header pulls in EL2 code s2vmm does not build). */
#define PL011_IPA 0x09000000ULL
#define PL011_SIZE 0x1000ULL
/* The fixed clock both DTBs give it (core/vdtb.c's UART_CLOCK_HZ). */
#define PL011_CLOCK_HZ 24000000u
/* A relayed line holding this is the guest's READY (core/vuart.h's VUART_READY_MARKER). */
#define PL011_READY_MARKER "s2b-init: ready"

/* Register offsets (DDI 0183G table 3-1). */
#define PL011_DR 0x000
#define PL011_RSR 0x004 /* read: receive status; write: error clear (UARTECR) */
#define PL011_FR 0x018
#define PL011_ILPR 0x020
#define PL011_IBRD 0x024
#define PL011_FBRD 0x028
#define PL011_LCR_H 0x02c
#define PL011_CR 0x030
#define PL011_IFLS 0x034
#define PL011_IMSC 0x038
#define PL011_RIS 0x03c
#define PL011_MIS 0x040
#define PL011_ICR 0x044
#define PL011_DMACR 0x048
#define PL011_PERIPHID0 0xfe0 /* UARTPeriphID0..3 then UARTPCellID0..3, one byte per word */

#define PL011_FR_RXFE (1u << 4)
#define PL011_FR_TXFE (1u << 7)

#define PL011_REGS (PL011_DMACR / 4 + 1)

struct pl011 {
	u32 reg[PL011_REGS]; /* DR .. DMACR, indexed by offset / 4; only the writable ones are kept */
};

enum pl011_access {
	PL011_NOT_OURS, /* an MMIO exit elsewhere */
	PL011_DONE,     /* served; nothing more to do */
	PL011_TX,       /* a DR write: *tx is the byte to relay to the console */
	PL011_BAD,      /* on the page, but not a 1, 2 or 4-byte access at a word offset */
};

/* As after the UART's reset (a VM reset resets its devices, as QEMU's does): CR = 0x300 (TXE,
 * RXE), IFLS = 0x12 (FIFOs half full), the rest 0. */
void pl011_reset(struct pl011 *u);
bool pl011_contains(u64 ipa);
/* Serve one KVM_EXIT_MMIO (a read fills run->mmio.data). */
enum pl011_access pl011_access(struct pl011 *u, struct kvm_run *run, char *tx);

#endif
