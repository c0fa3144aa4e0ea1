/* When s2vmm is the initramfs's /init: the few things an init must do for it to work. */
#ifndef S2VMM_PID1_H
#define S2VMM_PID1_H

#include <stddef.h>

/* Mount proc, sys, devtmpfs and tracefs; attach stdio to /dev/console; keep kernel messages off
 * the console so records are not interleaved with them. */
void pid1_setup(void);
/* /proc/cmdline into buf: the run's s2b.* words ride on the kernel command line. */
void pid1_cmdline(char *buf, size_t size);
/* Flush and power off (QEMU then exits with status 0). Never returns. */
void pid1_power_off(void) __attribute__((noreturn));

#endif
