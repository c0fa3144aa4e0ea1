/* What a run can be made of: boards, strategies, guests and the per-run keys, each with a one-line
 * description. One table drives `list`, suite validation and the run_config fields; the values of
 * every key but board, strategy and guest are the hypervisor's own bootargs (harness/hvkeys.h). */
#ifndef S2B_HARNESS_CATALOG_H
#define S2B_HARNESS_CATALOG_H

#include <stddef.h>

#include "runconfig.h"

/* Which hypervisor a board runs, and so which strategies it can run. */
enum catalog_host { HOST_ANY, HOST_S2HV, HOST_S2VMM };

struct catalog_entry {
	const char *name;
	const char *summary;
	enum catalog_host host; /* boards: what they boot; strategies: who implements them */
};

extern const struct catalog_entry catalog_boards[];
extern const struct catalog_entry catalog_strategies[];
extern const struct catalog_entry catalog_guests[];
extern const struct catalog_entry catalog_onoff[];

const struct catalog_entry *catalog_find(const struct catalog_entry *list, const char *name);

enum key_kind {
	KEY_NAME,    /* a name of one of the catalog lists above */
	KEY_BOOTARG, /* checked and stored as the hypervisor's bootarg of the same name */
};

/* A matrix key of a suite file; all but `board` and `oracle` also become an `s2b.<name>=`
 * bootarg. */
struct run_key {
	const char *name;
	enum key_kind kind;
	const struct catalog_entry *names; /* KEY_NAME: the accepted names */
	size_t offset, size;               /* the run_config field (char[] or uint64_t) */
	const char *summary;
};

extern const struct run_key run_keys[];
extern const size_t run_key_count;

const struct run_key *run_key_find(const char *name);

/* Sets KEY in CFG from VALUE. On a bad value returns -1 and a short reason in WHY. */
int run_key_apply(const struct run_key *key, const char *value, struct run_config *cfg, char *why,
		  size_t whylen);
/* KEY's value in CFG as a suite would write it ("64M", "seq", "qemu-virt"). */
void run_key_format(const struct run_key *key, const struct run_config *cfg, char *buf, size_t len);

#endif
