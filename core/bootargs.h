/*
 * `s2b.key=value` words: the one parser behind s2hv's bootargs (core/config.c) and s2vmm's
 * command line (kvm/config.c). Each side gives a table of keys into its own config struct;
 * values are checked here, and every error names the key.
 */
#ifndef S2_BOOTARGS_H
#define S2_BOOTARGS_H

#include "types.h"

#define BOOTARG_PREFIX "s2b."

enum bootarg_kind {
	BA_SIZE,   /* number with optional K/M/G suffix */
	BA_UINT,   /* plain number */
	BA_ENUM,   /* one of `choices`, storing the matching `values` entry */
	BA_FIXED,  /* only choices[0] is accepted and nothing is stored: the host cannot vary it */
	BA_CUSTOM, /* `set` parses and stores the value */
	BA_TENTHS, /* a number with at most one decimal ("12", "12.5"), stored in tenths (125) */
};

struct bootarg_key {
	const char *name;
	enum bootarg_kind kind;
	size_t offset;          /* of the u64 field BA_SIZE/BA_UINT/BA_ENUM store into */
	u64 min, max;           /* BA_SIZE, BA_UINT: accepted range */
	u64 align;              /* BA_SIZE: required alignment, 0 for none */
	const char *choices[3]; /* BA_ENUM, BA_FIXED: the words accepted ... */
	u64 values[3];          /* ... and what each stores (BA_ENUM) */
	const char *bad_msg;    /* the error word when the value is refused (default per kind) */
	/* BA_CUSTOM: store the value into `target`; false when it is refused. */
	bool (*set)(void *target, const char *v, size_t n);
};

/* s2b.order: the touch guest's order (bench-guests/touch.c); the value stored is the index. */
#define BOOTARG_ORDER_WORDS {"seq", "random", "scatter"}

/*
 * The keys every host shares (s2hv's core/config.c, s2vmm's kvm/config.c), for a config struct
 * TYPE with these u64 fields: guest RAM, boots, the guest parameters, the stage-2 block size.
 * `frac` is in tenths of a percent (frac=12.5 stores 125), so a crossover can be located finer
 * than a whole percent; a whole value means what it always meant.
 */
#define BOOTARG_COMMON_KEYS(TYPE)                                                                \
	{.name = "mem", .kind = BA_SIZE, .offset = offsetof(TYPE, mem), .min = 2 * SZ_2M,        \
	 .max = 16 * SZ_1G, .align = SZ_2M},                                                      \
	{.name = "boots", .kind = BA_UINT, .offset = offsetof(TYPE, boots), .min = 1, .max = 1000000}, \
	{.name = "frac", .kind = BA_TENTHS, .offset = offsetof(TYPE, frac_tenths), .max = 1000}, \
	{.name = "stride", .kind = BA_SIZE, .offset = offsetof(TYPE, stride), .min = 8, .max = SZ_1G}, \
	{.name = "write", .kind = BA_UINT, .offset = offsetof(TYPE, write_pct), .max = 100},     \
	{.name = "seed", .kind = BA_UINT, .offset = offsetof(TYPE, seed), .max = ~0ULL},         \
	{.name = "inject", .kind = BA_UINT, .offset = offsetof(TYPE, inject), .max = 255},       \
	{.name = "order", .kind = BA_ENUM, .offset = offsetof(TYPE, order),                      \
	 .choices = BOOTARG_ORDER_WORDS, .values = {0, 1, 2}},                                     \
	{.name = "block", .kind = BA_ENUM, .offset = offsetof(TYPE, block), .choices = {"4k", "2m"}, \
	 .values = {SZ_4K, SZ_2M}}

/* s2hv's own keys: how it maps stage 2, invalidates the I-cache and traces faults (s2vmm accepts
 * only the first word of each: the kernel decides), and how many vCPUs the guest gets (one per
 * physical CPU, docs/guests.md "SMP"). */
#define BOOTARG_MAX_VCPUS 8
#define BOOTARG_HV_KEYS(TYPE)                                                                    \
	{.name = "map", .kind = BA_ENUM, .offset = offsetof(TYPE, premap),                       \
	 .choices = {"ondemand", "premap"}, .values = {0, 1}},                                     \
	{.name = "icache", .kind = BA_ENUM, .offset = offsetof(TYPE, icache_all),                \
	 .choices = {"exec", "all"}, .values = {0, 1}},                                            \
	{.name = "trace", .kind = BA_ENUM, .offset = offsetof(TYPE, trace_faults),               \
	 .choices = {"none", "faults"}, .values = {0, 1}},                                         \
	{.name = "vcpus", .kind = BA_UINT, .offset = offsetof(TYPE, vcpus), .min = 1,            \
	 .max = BOOTARG_MAX_VCPUS}

/* The strategy and guest a run gets when it names none. */
#define BOOTARG_DEFAULT_STRATEGY "unmap"
#define BOOTARG_DEFAULT_GUEST "hello"

/* Their defaults, the same on every host so a run means the same wherever it runs. */
#define BOOTARG_COMMON_DEFAULTS(cfg)                                                             \
	do {                                                                                     \
		(cfg)->mem = 64ULL << 20;                                                        \
		(cfg)->boots = 5;                                                                \
		(cfg)->frac_tenths = 500;                                                        \
		(cfg)->stride = PAGE_SIZE;                                                       \
		(cfg)->write_pct = 50;                                                           \
		(cfg)->seed = 1;                                                                 \
		(cfg)->block = SZ_4K;                                                            \
	} while (0)

struct bootarg_error {
	char key[32];
	char msg[64];
};

/* Parse whitespace-separated words; words not starting with "s2b." belong to others and are
 * skipped. 0 on success, else -1 with `err` naming the offending key and what is wrong: also a
 * key given twice (`duplicate_key`: no silent "last one wins") and a word whose prefix is "s2b."
 * in another case (`prefix_not_lowercase`: a typo, not someone else's word). At most 64 keys. */
int bootargs_parse(const struct bootarg_key *keys, size_t nkeys, void *target, const char *words,
		   struct bootarg_error *err);
/* The key named by the N bytes at NAME (without the prefix), or NULL. */
const struct bootarg_key *bootarg_find(const struct bootarg_key *keys, size_t nkeys,
				       const char *name, size_t n);
/* Check the N-byte value V of K and store it into TARGET: NULL, or the error word. The host
 * harness checks suite values with this, so both sides share one number syntax and limit. */
const char *bootarg_set(const struct bootarg_key *k, void *target, const char *v, size_t n);
/* BA_TENTHS syntax: the integer part as BA_UINT reads it (decimal or 0x hex), or decimal digits,
 * a '.' and one decimal digit; *OUT in tenths. False on garbage or overflow. */
bool bootarg_parse_tenths(const char *v, size_t n, u64 *out);
/* Tenths as the shortest text that reads back: 125 → "12.5", 120 → "12". BUF holds 24 bytes. */
void bootarg_format_tenths(u64 tenths, char *buf, size_t len);
/* Fill `err` for a check made after parsing; returns -1. */
int bootarg_fail(struct bootarg_error *err, const char *key, size_t klen, const char *msg);

#endif
