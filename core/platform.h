/* What the host DTB says about the machine s2hv runs on: RAM, console UART, bootargs, board. */
#ifndef S2_PLATFORM_H
#define S2_PLATFORM_H

#include "types.h"

#define PLATFORM_MAX_RAM 8
#define PLATFORM_MAX_CPUS 8

/* How to reach PSCI (SYSTEM_OFF) from the DTB's /psci node; none on e.g. a Raspberry Pi. */
enum psci_conduit { PSCI_CONDUIT_NONE, PSCI_CONDUIT_SMC, PSCI_CONDUIT_HVC };

struct platform {
	char board[32];
	pa_t ram_base[PLATFORM_MAX_RAM];
	u64 ram_size[PLATFORM_MAX_RAM];
	unsigned ram_count;
	pa_t uart_base; /* 0 if none found */
	bool uart_pl011;
	const char *bootargs; /* points into the DTB; "" if none */
	pa_t initrd_start, initrd_end;
	pa_t dtb;
	u64 dtb_size;
	enum psci_conduit psci;
	bool semihosting; /* /chosen/s2b,semihosting: power off through semihosting (QEMU) */
	/* The /cpus nodes' MPIDR affinities (their `reg`), in DTB order: what PSCI CPU_ON takes. */
	u64 cpu_mpidr[PLATFORM_MAX_CPUS];
	unsigned cpu_count;
};

/* 0 on success, else a short error word (e.g. "bad_dtb", "no_memory_node"). */
const char *platform_from_fdt(const void *fdt, struct platform *p);

#endif
