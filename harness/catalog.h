/* What a run can be made of: boards, strategies, guests and the per-run keys, each with a one-line
 * description. One table drives `list`, suite validation and the run_config fields. */
#ifndef S2B_HARNESS_CATALOG_H
#define S2B_HARNESS_CATALOG_H

#include <stddef.h>

#include "runconfig.h"

struct catalog_entry {
	const char *name;
	const char *summary;
};

extern const struct catalog_entry catalog_boards[];
extern const struct catalog_entry catalog_strategies[];
extern const struct catalog_entry catalog_guests[];

enum key_kind { KEY_NAME, KEY_SIZE, KEY_PCT, KEY_COUNT, KEY_ENUM };

/* A matrix key of a suite file; all but `board` also become an `s2b.<name>=` bootarg. */
struct run_key {
	const char *name;
	enum key_kind kind;
	const struct catalog_entry *names; /* KEY_NAME: the accepted names */
	const char *choices[3];            /* KEY_ENUM */
	size_t offset, size;               /* the run_config field (char[] or uint64_t) */
	unsigned long long min;            /* KEY_SIZE/KEY_COUNT lower bound */
	const char *summary;
};

extern const struct run_key run_keys[];
extern const size_t run_key_count;

const struct run_key *run_key_find(const char *name);

/* Sets KEY in CFG from VALUE. On a bad value returns -1 and a short reason in WHY. */
int run_key_apply(const struct run_key *key, const char *value, struct run_config *cfg,
		  const char **why);

#endif
