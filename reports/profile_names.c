/* The names a profile uses for its constants and cache levels, in one table each. */
#include "profile.h"

#include <stdio.h>
#include <string.h>

static const char *const op_names[PROF_NOPS] = {"dc_civac", "dc_cvac"};
static const char *const state_names[PROF_NSTATES] = {"absent", "clean", "dirty"};
static const char *const class_names[PROF_NCLASSES] = {"l1", "l2", "llc", "mem"};
static const char *const other_names[PROF_NCONST - PROF_NCMO] = {
	"ic_ialluis", "tlbi_vmalls12e1is", "hvc", "s2_fault", "map_4k", "map_2m", "write_bw", "inst",
};
static const char *const cache_keys[PROF_NCACHES] = {"cache.l1d", "cache.l2", "cache.llc"};

int profile_cmo(enum profile_op op, enum profile_state st, enum profile_class cls)
{
	return ((int)op * PROF_NSTATES + (int)st) * PROF_NCLASSES + (int)cls;
}

const char *profile_const_name(int c)
{
	static char names[PROF_NCMO][32];

	if (c < 0 || c >= PROF_NCONST)
		return NULL;
	if (c >= PROF_NCMO)
		return other_names[c - PROF_NCMO];
	if (!names[c][0])
		snprintf(names[c], sizeof(names[c]), "%s.%s.%s", op_names[c / (PROF_NSTATES * PROF_NCLASSES)],
			 state_names[c / PROF_NCLASSES % PROF_NSTATES], class_names[c % PROF_NCLASSES]);
	return names[c];
}

int profile_const_lookup(const char *name)
{
	for (int c = 0; c < PROF_NCONST; c++)
		if (!strcmp(profile_const_name(c), name))
			return c;
	return -1;
}

const char *profile_cache_key(int level)
{
	return level >= 0 && level < PROF_NCACHES ? cache_keys[level] : NULL;
}
