/* Bootargs → struct config. Unknown s2b.* keys and bad values are errors naming the key. */
#include "config.h"
#include "../strategies/strategy.h"
#include "guest_image.h"
#include "lib.h"

#define KEY_PREFIX "s2b."

enum key_kind { K_STRATEGY, K_GUEST, K_SIZE, K_UINT, K_PCT, K_ENUM };

struct key_spec {
	const char *name;
	enum key_kind kind;
	size_t offset;          /* of a u64 field in struct config */
	const char *choices[3]; /* K_ENUM: the words accepted ... */
	u64 values[3];          /* ... and the value each one stores */
	u64 min, max;
};

#define OFF(f) offsetof(struct config, f)

/* Guests that come from the bundle, in enum guest_kind order after GUEST_EMBEDDED. */
static const struct guest_image bundle_guests[] = {{.name = "linux"}, {.name = "image"}};

static const struct key_spec keys[] = {
	{"strategy", K_STRATEGY, 0, {0}, {0}, 0, 0},
	{"guest", K_GUEST, 0, {0}, {0}, 0, 0},
	{"mem", K_SIZE, OFF(mem), {0}, {0}, 2 * SZ_2M, 16 * SZ_1G},
	{"boots", K_UINT, OFF(boots), {0}, {0}, 1, 1000000},
	{"frac", K_PCT, OFF(frac), {0}, {0}, 0, 100},
	{"stride", K_SIZE, OFF(stride), {0}, {0}, 8, SZ_1G},
	{"write", K_PCT, OFF(write_pct), {0}, {0}, 0, 100},
	{"seed", K_UINT, OFF(seed), {0}, {0}, 0, ~0ULL},
	{"inject", K_UINT, OFF(inject), {0}, {0}, 0, 255},
	{"order", K_ENUM, OFF(order), {"seq", "random"}, {0, 1}, 0, 0},
	{"block", K_ENUM, OFF(block), {"4k", "2m"}, {SZ_4K, SZ_2M}, 0, 0},
	{"map", K_ENUM, OFF(premap), {"ondemand", "premap"}, {0, 1}, 0, 0},
	{"icache", K_ENUM, OFF(icache_all), {"exec", "all"}, {0, 1}, 0, 0},
	{"trace", K_ENUM, OFF(trace_faults), {"none", "faults"}, {0, 1}, 0, 0},
};

void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->strategy = strategy_find("unmap", 5);
	cfg->guest = guest_image_find("hello", 5);
	cfg->mem = 64ULL << 20;
	cfg->boots = 5;
	cfg->frac = 50;
	cfg->stride = PAGE_SIZE;
	cfg->write_pct = 50;
	cfg->seed = 1;
	cfg->block = SZ_4K;
}

static int fail(struct config_error *err, const char *key, size_t klen, const char *msg)
{
	size_t n = MIN(klen, sizeof(err->key) - 1);

	memcpy(err->key, key, n);
	err->key[n] = 0;
	fmt_snprintf(err->msg, sizeof(err->msg), "%s", msg);
	return -1;
}

static int set_enum(struct config *cfg, const struct key_spec *k, const char *v, size_t vlen)
{
	for (unsigned i = 0; i < ARRAY_SIZE(k->choices) && k->choices[i]; i++) {
		if (strlen(k->choices[i]) != vlen || memcmp(k->choices[i], v, vlen))
			continue;
		*(u64 *)((char *)cfg + k->offset) = k->values[i];
		return 0;
	}
	return -1;
}

static int set_key(struct config *cfg, const struct key_spec *k, const char *v, size_t vlen,
		   const char **msg)
{
	u64 n;

	switch (k->kind) {
	case K_STRATEGY:
		cfg->strategy = strategy_find(v, vlen);
		*msg = "unknown_strategy";
		return cfg->strategy ? 0 : -1;
	case K_GUEST:
		cfg->guest_kind = GUEST_EMBEDDED;
		cfg->guest = guest_image_find(v, vlen);
		for (unsigned i = 0; i < ARRAY_SIZE(bundle_guests) && !cfg->guest; i++)
			if (strlen(bundle_guests[i].name) == vlen && !memcmp(bundle_guests[i].name, v, vlen)) {
				cfg->guest = &bundle_guests[i];
				cfg->guest_kind = GUEST_LINUX + i;
			}
		*msg = "unknown_guest";
		return cfg->guest ? 0 : -1;
	case K_ENUM:
		*msg = "bad_choice";
		return set_enum(cfg, k, v, vlen);
	case K_SIZE:
	case K_UINT:
	case K_PCT:
		*msg = "bad_number";
		if (!parse_u64(v, vlen, k->kind == K_SIZE, &n))
			return -1;
		*msg = "out_of_range";
		if (n < k->min || n > k->max)
			return -1;
		if (k->offset == OFF(mem) && !IS_ALIGNED(n, SZ_2M)) {
			*msg = "not_2M_aligned";
			return -1;
		}
		*(u64 *)((char *)cfg + k->offset) = n;
		return 0;
	}
	return -1;
}

int config_parse(struct config *cfg, const char *p, struct config_error *err)
{
	const size_t plen = strlen(KEY_PREFIX);

	while (p && *p) {
		const char *tok, *eq, *end;
		const struct key_spec *k = NULL;
		const char *msg = "unknown_key";

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		tok = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		end = p;
		if (end == tok || (size_t)(end - tok) < plen || memcmp(tok, KEY_PREFIX, plen))
			continue; /* not ours: other bootargs are allowed */
		eq = memchr(tok, '=', end - tok);
		if (!eq)
			return fail(err, tok, end - tok, "missing_value");
		for (unsigned i = 0; i < ARRAY_SIZE(keys); i++) {
			if (strlen(keys[i].name) == (size_t)(eq - tok - plen) &&
			    !memcmp(keys[i].name, tok + plen, eq - tok - plen))
				k = &keys[i];
		}
		if (!k || set_key(cfg, k, eq + 1, end - eq - 1, &msg))
			return fail(err, tok, eq - tok, msg);
	}
	if (!cfg->strategy)
		return fail(err, "s2b.strategy", 12, "no_strategy_linked");
	if (!cfg->guest)
		return fail(err, "s2b.guest", 9, "no_guest_linked");
	if (cfg->guest->size > cfg->mem / 2)
		return fail(err, "s2b.mem", 7, "too_small_for_guest");
	return 0;
}
