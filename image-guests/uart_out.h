/* Text out of a PL011 (DDI 0183G) the way a bare program drives one: wait while FR.TXFF, write
 * DR. Every register access is one 32-bit LDR/STR with no writeback, so a hypervisor trapping it
 * gets a valid syndrome (ESR_ELx.ISV). */
#ifndef IMAGE_GUESTS_UART_OUT_H
#define IMAGE_GUESTS_UART_OUT_H

#include <stdint.h>

void uart_use(uintptr_t base);
uint32_t uart_reg_read(unsigned off);
void uart_reg_write(unsigned off, uint32_t v);
void out_str(const char *s);
void out_bytes(const char *s, unsigned n);
void out_hex(uint64_t v); /* 0x..., no leading zeros */
void out_dec(uint64_t v);

#endif
