/*
 * Devices the one guest owns outright: the host's GIC distributor and CPU interface (GICv2) or
 * redistributor (GICv3), mapped at stage 2 at their own addresses, and the architected timer's
 * interrupts. Pass-through is sound for a single guest only: it reprograms the real GIC, so no
 * other guest and no hypervisor interrupt could share it (docs/guests.md).
 */
#ifndef S2_PASSTHROUGH_H
#define S2_PASSTHROUGH_H

#include "vm.h"

struct passthrough {
	unsigned gic_version; /* 2 or 3 */
	const char *gic_compatible; /* the host node's compatible list, to copy */
	int gic_compatible_len;
	pa_t gic_base[2]; /* distributor; CPU interface (v2, banked per CPU) or the vCPUs' CPUs'
			   * redistributors (v3) */
	u64 gic_size[2];
	const void *timer_irqs; /* the host timer's `interrupts`, to copy */
	int timer_irqs_len;
};

/* Read the host DTB, for `vcpus` vCPUs. 0 on success, else "no_gic" / "no_timer". */
const char *passthrough_find(const void *host_fdt, unsigned vcpus, struct passthrough *p);
/* Map the GIC frames into the guest at IPA == PA, as Device memory. 0, or -1 (overlaps RAM). */
int passthrough_map(struct vm *vm, const struct passthrough *p);

#endif
