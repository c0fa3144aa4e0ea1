/* A CPU profile (docs/profiles.md): the hardware constants that turn QEMU's exact counts into time
 * on one CPU, each with its spread and where it came from (measured on a board, or published). */
#ifndef S2B_REPORTS_PROFILE_H
#define S2B_REPORTS_PROFILE_H

#include <stddef.h>
#include <stdio.h>

/* The constants. The data-cache ones are per line: DC CIVAC or DC CVAC of a line that is absent,
 * clean or dirty, over a buffer of a size class (fits the L1D, the L2, the last-level cache, or is
 * larger than it: "mem"). Index them with profile_cmo(). */
enum profile_op { PROF_CIVAC, PROF_CVAC, PROF_NOPS };
enum profile_state { PROF_ABSENT, PROF_CLEAN, PROF_DIRTY, PROF_NSTATES };
enum profile_class { PROF_L1, PROF_L2, PROF_LLC, PROF_MEM, PROF_NCLASSES };
#define PROF_NCMO (PROF_NOPS * PROF_NSTATES * PROF_NCLASSES)
enum profile_constant {
	PROF_IC_IALLUIS = PROF_NCMO, /* IC IALLUIS + DSB + ISB */
	PROF_TLBI_VMALLS12E1IS,	     /* TLBI VMALLS12E1IS + DSB */
	PROF_HVC,		     /* null HVC round trip, guest to hypervisor and back */
	PROF_S2_FAULT,		     /* stage-2 translation-fault round trip, no CMO */
	PROF_MAP_4K,		     /* installing one 4 KiB stage-2 mapping */
	PROF_MAP_2M,		     /* installing one 2 MiB stage-2 block */
	PROF_WRITE_BW,		     /* streaming write bandwidth */
	PROF_INST,		     /* one ordinary (ALU/branch) instruction */
	PROF_NCONST
};

int profile_cmo(enum profile_op op, enum profile_state st, enum profile_class cls);
const char *profile_const_name(int c);	    /* "dc_civac.absent.l1", "hvc", ... */
int profile_const_lookup(const char *name); /* -1 when no constant has that name */

enum profile_unit { PU_NONE, PU_NS, PU_CYCLES, PU_GBPS, PU_BYTES_PER_CYCLE, PU_MHZ };
enum profile_spread { SPREAD_NONE, SPREAD_IQR, SPREAD_MINMAX };
enum profile_kind { PROV_PUBLISHED, PROV_MEASURED };

#define PROFILE_TEXT 256
#define PROFILE_ID 48
#define PROFILE_MAX_SOURCES 32
#define PROFILE_MAX_CITES 4

/* Where values came from: a citation, or a calibration run. */
struct profile_source {
	char id[PROFILE_ID];
	enum profile_kind kind;
	char doc[PROFILE_TEXT], at[PROFILE_TEXT], url[PROFILE_TEXT];		  /* published */
	char board[PROFILE_ID], date[16], method[PROFILE_TEXT], s2hv[PROFILE_ID]; /* measured */
	int line;
};

/* One citation of a value: a source, and where in it when that varies per value. A derived value
 * cites every source its derivation uses. */
struct profile_cite {
	int source; /* index into profile.src */
	char at[PROFILE_TEXT];
};

/* One value with its unit, spread and provenance; known = 0 for `-`. */
struct profile_value {
	int known;
	double value;
	enum profile_unit unit;
	enum profile_spread spread;
	double lo, hi; /* quartiles or min/max */
	long n;
	/* The path length: instructions s2hv retires in one operation (per line for the DC ones),
	 * measured by the calibration where the CPU counts them; never published. The cost model
	 * takes them out of a reboot's other instructions (docs/model.md). */
	int have_path;
	double path;
	struct profile_cite cite[PROFILE_MAX_CITES];
	int ncite;
	int line;
};

/* One cache level's geometry; a field the sources do not give is -1. */
struct profile_cache {
	enum { CACHE_UNKNOWN, CACHE_GEOMETRY, CACHE_IS_L2 } state;
	long line, sets, ways, size;
	struct profile_cite cite[PROFILE_MAX_CITES];
	int ncite;
	int line_no;
};
enum { PROF_CACHE_L1D, PROF_CACHE_L2, PROF_CACHE_LLC, PROF_NCACHES };
const char *profile_cache_key(int level); /* "cache.l1d", "cache.l2", "cache.llc" */

struct profile {
	char name[PROFILE_ID];
	char cpu[PROFILE_TEXT];
	unsigned midr_impl, midr_part;
	int midr_full_known;
	unsigned long midr_full;
	struct profile_value clock; /* MHz: converts cycles to ns */
	char made[PROFILE_TEXT];
	struct profile_cache cache[PROF_NCACHES];
	struct profile_value c[PROF_NCONST];
	struct profile_source src[PROFILE_MAX_SOURCES];
	int nsrc;
};

/* Read and validate. 0 on success; -1 with "FILE:LINE: why" in err. */
int profile_parse(const char *text, size_t len, const char *file, struct profile *p, char *err,
		  size_t errlen);
int profile_read(const char *path, struct profile *p, char *err, size_t errlen);
/* profile_read() of ARG as a command line gives it: a path (with a slash, ending .profile, or an
 * existing file), else a name in profiles/ ("neoverse-n1"); the file read goes to PATH. */
int profile_read_named(const char *arg, struct profile *p, char *path, size_t pathlen, char *err,
		       size_t errlen);

/* Write in the canonical form; profile_parse() reads it back to the same profile. */
int profile_write(FILE *f, const struct profile *p);

/* The cost model's queries. A time comes back in ns (cycles converted by the clock), a
 * bandwidth in GB/s. NAN when the constant is empty; lo/hi NAN when its spread is unknown. */
int profile_known(const struct profile *p, int c);
double profile_value(const struct profile *p, int c, double *lo, double *hi);
const struct profile_source *profile_source_of(const struct profile *p, int c); /* its first citation */

#endif
