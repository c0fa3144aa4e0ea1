/* The run configuration, parsed from /chosen/bootargs (`s2b.key=value` tokens). */
#ifndef S2_CONFIG_H
#define S2_CONFIG_H

#include "types.h"

struct strategy;
struct guest_image;

struct config {
	const struct strategy *strategy;
	const struct guest_image *guest;
	u64 mem;       /* guest RAM bytes */
	u64 boots;     /* boots before SYSTEM_OFF */
	u64 frac;      /* % of RAM the touch guests touch */
	u64 stride;    /* bytes between touches */
	u64 write_pct; /* % of touches that write */
	u64 order;     /* 0 sequential, 1 random */
	u64 seed;
	u64 block;     /* largest stage-2 leaf: SZ_4K or SZ_2M */
	u64 premap;       /* 1: map all guest RAM at setup instead of on demand */
	u64 icache_all;   /* 1: invalidate all I-caches on exec faults instead of by range */
	u64 trace_faults; /* 1: emit a `fault` record per stage-2 fault */
};

struct config_error {
	char key[32];
	char msg[64];
};

void config_defaults(struct config *cfg);
/* 0 on success; else fills err (key = the offending bootarg) and returns -1. */
int config_parse(struct config *cfg, const char *bootargs, struct config_error *err);

#endif
