/* The run configuration, parsed from /chosen/bootargs (`s2b.key=value` tokens). */
#ifndef S2_CONFIG_H
#define S2_CONFIG_H

#include "types.h"

struct strategy;
struct guest_image;
struct bootarg_error;

/* Where the guest comes from: embedded in s2hv, or the bundle (core/bundle.h) at run time. */
enum guest_kind {
	GUEST_EMBEDDED, /* a bench guest: entered at the RAM base, x0 = 0 */
	GUEST_LINUX,    /* s2b.guest=linux: the bundle's arm64 Image, booted as Linux expects */
	GUEST_IMAGE,    /* s2b.guest=image: the bundle's arm64 Image or raw binary */
	GUEST_CALIB,    /* s2b.guest=calib: no guest, the calibration program (calib_program.h) */
};

struct config {
	const struct strategy *strategy;
	const struct guest_image *guest; /* for bundle kinds: a name only (size 0) */
	u64 guest_kind;                  /* enum guest_kind */
	u64 mem;       /* guest RAM bytes */
	u64 boots;     /* boots before SYSTEM_OFF */
	u64 frac_tenths; /* tenths of a % of RAM the touch guests touch (bootargs.h) */
	u64 stride;    /* bytes between touches */
	u64 write_pct; /* % of touches that write */
	u64 order;     /* 0 sequential, 1 random, 2 scatter */
	u64 seed;
	u64 inject;    /* test only: non-zero asks the guest to corrupt what it verifies */
	u64 block;     /* largest stage-2 leaf: SZ_4K or SZ_2M */
	u64 premap;       /* 1: map all guest RAM at setup instead of on demand */
	u64 icache_all;   /* 1: invalidate all I-caches on exec faults instead of by range */
	u64 trace_faults; /* 1: emit a `fault` record per stage-2 fault */
	u64 vcpus;        /* vCPUs of the guest, one per physical CPU (core/smp.h) */
};


void config_defaults(struct config *cfg);
/* 0 on success; else fills err (key = the offending bootarg) and returns -1. */
int config_parse(struct config *cfg, const char *bootargs, struct bootarg_error *err);

#endif
