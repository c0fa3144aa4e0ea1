/* `s2b.*` words → struct vmm_config, parsed by core/bootargs.c with the same key names, units
 * and checks as s2hv's core/config.c where the key means the same thing. Keys whose behaviour the kernel fixes (strategy, map, icache, trace)
 * accept only the value that describes what KVM does, so a harness can pass its full word list,
 * yet can never believe it measured a variant s2vmm cannot run. */
#include "config.h"
#include "../core/bootargs.h"
#include "../core/lib.h"
#include "testguest/inject.h"
#include "../strategies/table.h"

/* Names become file names and record values: [a-z0-9_-] only, so neither can be abused. */
static bool name_ok(const char *v, size_t n)
{
	if (n == 0 || n >= 32)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= '0' && v[i] <= '9') || v[i] == '_' ||
		      v[i] == '-'))
			return false;
	return true;
}

static bool set_name(char dst[32], const char *v, size_t n)
{
	if (!name_ok(v, n))
		return false;
	memcpy(dst, v, n);
	dst[n] = 0;
	return true;
}

static bool set_guest(void *cfg, const char *v, size_t n)
{
	return set_name(((struct vmm_config *)cfg)->guest, v, n);
}

static bool set_board(void *cfg, const char *v, size_t n)
{
	return set_name(((struct vmm_config *)cfg)->board, v, n);
}

#define FIXED_BY_KVM "not_supported_by_kvm"

#define S2VMM_STRATEGY_NAME(id, name, ...) name
#define S2VMM_STRATEGY_ONE(...) +1
_Static_assert(0 S2VMM_STRATEGIES(S2VMM_STRATEGY_ONE) == 1, "s2vmm runs one strategy: KVM's own");
const char s2vmm_strategy[] = S2VMM_STRATEGIES(S2VMM_STRATEGY_NAME);

static const struct bootarg_key keys[] = {
	{.name = "guest", .kind = BA_CUSTOM, .set = set_guest, .bad_msg = "bad_name"},
	{.name = "board", .kind = BA_CUSTOM, .set = set_board, .bad_msg = "bad_name"},
	/* Fixed by the kernel: unmap without FEAT_S2FWB, I-cache invalidation only with it. */
	{.name = "strategy", .kind = BA_FIXED, .choices = {s2vmm_strategy}, .bad_msg = "kvm_strategy_is_fixed"},
	BOOTARG_COMMON_KEYS(struct vmm_config),
	/* KVM maps on stage-2 faults, invalidates the I-cache by range on exec faults, and has no
	 * per-fault records here. */
	{.name = "map", .kind = BA_FIXED, .choices = {"ondemand"}, .bad_msg = FIXED_BY_KVM},
	{.name = "icache", .kind = BA_FIXED, .choices = {"exec"}, .bad_msg = FIXED_BY_KVM},
	{.name = "trace", .kind = BA_FIXED, .choices = {"none"}, .bad_msg = FIXED_BY_KVM},
	/* s2vmm's own watchdog: a guest can stop without ever exiting KVM_RUN (docs/kvm.md). */
	{.name = "boot_timeout", .kind = BA_UINT, .offset = offsetof(struct vmm_config, boot_timeout),
	 .min = 1, .max = 86400},
	/* As s2hv's: the guest's vCPUs (here threads, not physical CPUs). */
	{.name = "vcpus", .kind = BA_UINT, .offset = offsetof(struct vmm_config, vcpus), .min = 1,
	 .max = BOOTARG_MAX_VCPUS},
};

void vmm_config_defaults(struct vmm_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	strcpy(cfg->guest, BOOTARG_DEFAULT_GUEST);
	strcpy(cfg->board, "kvm-host");
	BOOTARG_COMMON_DEFAULTS(cfg);
	cfg->boot_timeout = BOOT_TIMEOUT_DEFAULT_S;
	cfg->vcpus = 1;
}

int vmm_config_parse(struct vmm_config *cfg, const char *words, struct bootarg_error *err)
{
	if (bootargs_parse(keys, ARRAY_SIZE(keys), cfg, words, err))
		return -1;
	/* The shared table allows up to 255; a value no guest knows would silently do nothing. */
	if (cfg->inject > INJECT_LAST)
		return bootarg_fail(err, "s2b.inject", strlen("s2b.inject"), "unknown_inject");
	return 0;
}
