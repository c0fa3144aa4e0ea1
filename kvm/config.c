/* `s2b.*` words → struct vmm_config. Same key names, units and checks as core/config.c where the
 * key means the same thing. Keys whose behaviour the kernel fixes (strategy, map, icache, trace)
 * accept only the value that describes what KVM does, so a harness can pass its full word list,
 * yet can never believe it measured a variant s2vmm cannot run. */
#include "config.h"
#include "../core/lib.h"

#define KEY_PREFIX "s2b."

enum key_kind { K_NAME, K_SIZE, K_UINT, K_PCT, K_ENUM, K_FIXED };

struct key_spec {
	const char *name;
	enum key_kind kind;
	size_t offset;          /* of a u64 field, or of a char[32] for K_NAME */
	const char *choices[2]; /* K_ENUM words (K_FIXED: the one word accepted) ... */
	u64 values[2];          /* ... and what each stores */
	u64 min, max;
};

#define OFF(f) offsetof(struct vmm_config, f)

static const struct key_spec keys[] = {
	{"guest", K_NAME, OFF(guest), {0}, {0}, 0, 0},
	{"board", K_NAME, OFF(board), {0}, {0}, 0, 0},
	/* Fixed by the kernel: unmap without FEAT_S2FWB, I-cache invalidation only with it. */
	{"strategy", K_FIXED, 0, {"kvm"}, {0}, 0, 0},
	{"mem", K_SIZE, OFF(mem), {0}, {0}, 2 * SZ_2M, 16 * SZ_1G},
	{"boots", K_UINT, OFF(boots), {0}, {0}, 1, 1000000},
	{"frac", K_PCT, OFF(frac), {0}, {0}, 0, 100},
	{"stride", K_SIZE, OFF(stride), {0}, {0}, 8, SZ_1G},
	{"write", K_PCT, OFF(write_pct), {0}, {0}, 0, 100},
	{"seed", K_UINT, OFF(seed), {0}, {0}, 0, ~0ULL},
	{"order", K_ENUM, OFF(order), {"seq", "random"}, {0, 1}, 0, 0},
	{"block", K_ENUM, OFF(block), {"4k", "2m"}, {SZ_4K, SZ_2M}, 0, 0},
	/* KVM maps on stage-2 faults, invalidates the I-cache by range on exec faults, and has no
	 * per-fault records here. */
	{"map", K_FIXED, 0, {"ondemand"}, {0}, 0, 0},
	{"icache", K_FIXED, 0, {"exec"}, {0}, 0, 0},
	{"trace", K_FIXED, 0, {"none"}, {0}, 0, 0},
};

void vmm_config_defaults(struct vmm_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	strcpy(cfg->guest, "hello");
	strcpy(cfg->board, "kvm-host");
	cfg->mem = 64ULL << 20;
	cfg->boots = 5;
	cfg->frac = 50;
	cfg->stride = PAGE_SIZE;
	cfg->write_pct = 50;
	cfg->seed = 1;
	cfg->block = SZ_4K;
}

static int fail(struct vmm_config_error *err, const char *key, size_t klen, const char *msg)
{
	size_t n = MIN(klen, sizeof(err->key) - 1);

	memcpy(err->key, key, n);
	err->key[n] = 0;
	fmt_snprintf(err->msg, sizeof(err->msg), "%s", msg);
	return -1;
}

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

static int set_key(struct vmm_config *cfg, const struct key_spec *k, const char *v, size_t n,
		   const char **msg)
{
	u64 *field = (u64 *)((char *)cfg + k->offset);
	u64 x;

	switch (k->kind) {
	case K_NAME:
		*msg = "bad_name";
		if (!name_ok(v, n))
			return -1;
		memcpy((char *)cfg + k->offset, v, n);
		((char *)cfg + k->offset)[n] = 0;
		return 0;
	case K_FIXED:
		*msg = strcmp(k->name, "strategy") ? "not_supported_by_kvm" : "kvm_strategy_is_fixed";
		return (strlen(k->choices[0]) == n && !memcmp(k->choices[0], v, n)) ? 0 : -1;
	case K_ENUM:
		*msg = "bad_choice";
		for (unsigned i = 0; i < ARRAY_SIZE(k->choices); i++) {
			if (strlen(k->choices[i]) == n && !memcmp(k->choices[i], v, n)) {
				*field = k->values[i];
				return 0;
			}
		}
		return -1;
	case K_SIZE:
	case K_UINT:
	case K_PCT:
		*msg = "bad_number";
		if (!parse_u64(v, n, k->kind == K_SIZE, &x))
			return -1;
		*msg = "out_of_range";
		if (x < k->min || x > k->max)
			return -1;
		if (k->offset == OFF(mem) && !IS_ALIGNED(x, SZ_2M)) {
			*msg = "not_2M_aligned";
			return -1;
		}
		*field = x;
		return 0;
	}
	return -1;
}

int vmm_config_parse(struct vmm_config *cfg, const char *p, struct vmm_config_error *err)
{
	const size_t plen = strlen(KEY_PREFIX);

	while (p && *p) {
		const char *tok, *eq;
		const struct key_spec *k = NULL;
		const char *msg = "unknown_key";

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		tok = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		if ((size_t)(p - tok) < plen || memcmp(tok, KEY_PREFIX, plen))
			continue; /* not ours */
		eq = memchr(tok, '=', p - tok);
		if (!eq)
			return fail(err, tok, p - tok, "missing_value");
		for (unsigned i = 0; i < ARRAY_SIZE(keys); i++)
			if (strlen(keys[i].name) == (size_t)(eq - tok) - plen &&
			    !memcmp(keys[i].name, tok + plen, eq - tok - plen))
				k = &keys[i];
		if (!k || set_key(cfg, k, eq + 1, p - eq - 1, &msg))
			return fail(err, tok, eq - tok, msg);
	}
	return 0;
}
