/* Emulated MMIO: stage-2 data aborts outside guest RAM, decoded and handed to a device model. */
#ifndef S2_MMIO_H
#define S2_MMIO_H

#include "run.h"

struct mmio_device {
	const char *name;
	ipa_t base;
	u64 size;
	/* `off` from base; `bytes` is 1, 2, 4 or 8. A read stores the register value in *val. */
	void (*read)(struct boot_ctx *b, u64 off, unsigned bytes, u64 *val);
	void (*write)(struct boot_ctx *b, u64 off, unsigned bytes, u64 val);
};

/* Add a device for the guest (at most MMIO_MAX_DEVICES; -1 when full). */
#define MMIO_MAX_DEVICES 4
int mmio_register(const struct mmio_device *dev);
/* No device any more: the next run registers its own (core/run_teardown.c). */
void mmio_unregister_all(void);

/*
 * Emulate the data abort `e` if it hits a registered device and the syndrome describes the
 * access (ESR_EL2.ISV = 1): move the value between the device and the guest register, step
 * over the instruction. False when it cannot: the caller reports the abort.
 */
bool mmio_emulate(struct boot_ctx *b, const struct vcpu_exit *e);

#endif
