/* Bootargs → struct config (the parser is bootargs.c): s2hv's keys and what they set. */
#include "config.h"
#include "../strategies/strategy.h"
#include "bootargs.h"
#include "guest_image.h"
#include "lib.h"

/* Guests that are not embedded images (the bundle's, and the calibration program), in enum
 * guest_kind order after GUEST_EMBEDDED. */
static const struct guest_image named_guests[] = {{.name = "linux"}, {.name = "image"}, {.name = "calib"}};

static bool set_strategy(void *target, const char *v, size_t n)
{
	struct config *cfg = target;

	cfg->strategy = strategy_find(v, n);
	return cfg->strategy != NULL;
}

static bool set_guest(void *target, const char *v, size_t n)
{
	struct config *cfg = target;

	cfg->guest_kind = GUEST_EMBEDDED;
	cfg->guest = guest_image_find(v, n);
	for (unsigned i = 0; i < ARRAY_SIZE(named_guests) && !cfg->guest; i++)
		if (strlen(named_guests[i].name) == n && !memcmp(named_guests[i].name, v, n)) {
			cfg->guest = &named_guests[i];
			cfg->guest_kind = GUEST_LINUX + i;
		}
	return cfg->guest != NULL;
}

static const struct bootarg_key keys[] = {
	{.name = "strategy", .kind = BA_CUSTOM, .set = set_strategy, .bad_msg = "unknown_strategy"},
	{.name = "guest", .kind = BA_CUSTOM, .set = set_guest, .bad_msg = "unknown_guest"},
	BOOTARG_COMMON_KEYS(struct config),
	BOOTARG_HV_KEYS(struct config),
};

void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->strategy = strategy_find(BOOTARG_DEFAULT_STRATEGY, strlen(BOOTARG_DEFAULT_STRATEGY));
	cfg->guest = guest_image_find(BOOTARG_DEFAULT_GUEST, strlen(BOOTARG_DEFAULT_GUEST));
	BOOTARG_COMMON_DEFAULTS(cfg);
	cfg->vcpus = 1;
}

int config_parse(struct config *cfg, const char *bootargs, struct bootarg_error *err)
{
	if (bootargs_parse(keys, ARRAY_SIZE(keys), cfg, bootargs, err))
		return -1;
	if (!cfg->strategy)
		return bootarg_fail(err, "s2b.strategy", 12, "no_strategy_linked");
	if (!cfg->guest)
		return bootarg_fail(err, "s2b.guest", 9, "no_guest_linked");
	if (cfg->guest->size > cfg->mem / 2)
		return bootarg_fail(err, "s2b.mem", 7, "too_small_for_guest");
	return 0;
}
