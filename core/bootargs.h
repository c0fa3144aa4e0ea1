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

struct bootarg_error {
	char key[32];
	char msg[64];
};

/* Parse whitespace-separated words; words not starting with "s2b." belong to others and are
 * skipped. 0 on success, else -1 with `err` naming the offending key and what is wrong. */
int bootargs_parse(const struct bootarg_key *keys, size_t nkeys, void *target, const char *words,
		   struct bootarg_error *err);
/* Fill `err` for a check made after parsing; returns -1. */
int bootarg_fail(struct bootarg_error *err, const char *key, size_t klen, const char *msg);

#endif
