/* s2vmm's run configuration: the same `s2b.key=value` words as s2hv's bootargs (docs/kvm.md). */
#ifndef S2VMM_CONFIG_H
#define S2VMM_CONFIG_H

#include "../core/types.h"

struct bootarg_error;

struct vmm_config {
	char guest[32];  /* image name: <guest_dir>/<guest>.bin */
	char board[32];  /* named in `hello`: kvm-host, kvm-qemu-n1, ... */
	u64 mem;         /* guest RAM bytes */
	u64 boots;       /* boots before the run ends */
	u64 frac_tenths, stride, write_pct, order, seed, inject; /* handed to the guest through S2B_PARAM */
	u64 block;       /* SZ_4K: RAM the host backs with 4K pages; SZ_2M: 2 MiB-aligned THP */
	u64 boot_timeout; /* seconds one boot may run before s2vmm ends it (s2vmm only) */
	u64 vcpus;       /* vCPUs, one thread each (1..BOOTARG_MAX_VCPUS) */
};

#define BOOT_TIMEOUT_DEFAULT_S 600

/* The strategy s2vmm runs and names in `cfg`: its line of strategies/table.h (KVM's own re-init). */
extern const char s2vmm_strategy[];

void vmm_config_defaults(struct vmm_config *cfg);
/* Parse whitespace-separated words; words not starting with "s2b." are ignored (a kernel command
 * line carries other words). 0 on success, else -1 with err naming the offending key. */
int vmm_config_parse(struct vmm_config *cfg, const char *words, struct bootarg_error *err);

#endif
