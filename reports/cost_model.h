/* The cost model of issue 16 (docs/reports.md, "Predicted time"): a profile's constants
 * (docs/profiles.md) times one reboot's exact counts from QEMU, giving nanoseconds per reboot with
 * the profile's spread carried into an interval. A prediction, never a measurement.
 *
 * Per reboot (a boot record with idx >= 1):
 *   T = L_load · dc_civac.dirty.C + (reinit_lines - L_load) · dc_civac.absent.C
 *     + fault_lines · dc_civac.absent.C + faults · s2_fault + pages_mapped · map_4k|map_2m
 *     + tlbis · tlbi_vmalls12e1is + icache_invals · ic_ialluis + N_other · inst
 *   N_other = max(0, reboot_insts - sum over the seven terms before it of count · path(constant))
 * with L_load = reinit_lines_loaded (lines cleaned at reinit that the loader rewrote this boot:
 * they may be dirty), C the cache class of a buffer the size of guest RAM, and path(k) the path
 * length of constant k: the instructions s2hv retires in one such operation (per line for a DC
 * CIVAC), measured by the calibration where the CPU counts instructions (docs/profiles.md).
 * Each priced operation's own instructions are in reboot_insts too: N_other leaves them out so
 * that they are priced once, by their constant. Path lengths are s2hv's code, not the CPU's, so
 * they may come from another profile than the constants (`--paths`); a DC constant without one
 * takes that of the same operation and state in the largest class that has one. A term with a
 * count and no path length leaves N_other unknown: the other instructions are then not priced
 * (partial), never guessed. Assumed: every other cleaned line was written by nobody since the
 * last clean, so it is absent. Lines cleaned at fault time are all taken as absent: `lazy`
 * cleans the loader's lines there, so for it the dirty ones are priced as absent (a lower
 * bound). icache_invals are priced as IC IALLUIS each, also when a strategy invalidated a range
 * (IC IVAU). */
#ifndef S2B_REPORTS_COST_MODEL_H
#define S2B_REPORTS_COST_MODEL_H

#include "profile.h"

#include <stddef.h>
#include <stdint.h>

/* One reboot's counts (boots.csv columns of the same names). Doubles: a cell's median over boots
 * may fall between two integers. Every field must be finite and >= 0. */
struct cost_counts {
	double reinit_lines, reinit_lines_loaded, fault_lines, faults, pages_mapped, tlbis,
		icache_invals, reboot_insts;
	uint64_t block; /* the stage-2 block size of the run: 4096 or 2 MiB (prices pages_mapped) */
};

/* The terms of T, in the order above. */
enum cost_term {
	CT_LOADED_LINES, CT_OTHER_LINES, CT_FAULT_LINES, CT_FAULTS, CT_MAPS, CT_TLBIS, CT_ICACHE,
	CT_INSTS, CT_NTERMS
};
const char *cost_term_name(enum cost_term t); /* "loaded lines", "faults", "other instructions" */

struct cost_interval {
	double lo_ns, mid_ns, hi_ns; /* over the priced terms only when missing != 0 */
	double term_ns[CT_NTERMS];   /* each term's mid value; NAN when it is not priced */
	double count[CT_NTERMS];     /* each term's count (N_other after the clamp; NAN when nopath) */
	int constant[CT_NTERMS];     /* the profile constant pricing it; -1 when the class is unknown */
	unsigned missing;            /* bit t: term t has a count > 0 and no value in the profile */
	unsigned unspread;           /* bit t: priced by a value without spread (lo = hi = value) */
	int cls;                     /* enum profile_class of guest RAM; -1 when the geometry cannot say */
	int clamped;                 /* N_other came out negative and was set to 0 */
	unsigned nopath;             /* bit t: term t has a count and no path length: N_other unknown */
	int lacks_inst;              /* the profile has no inst */
};

/* The cache class of a buffer of BYTES on P's geometry (docs/profiles.md classes): -1 when a
 * level it must be compared with has no size. */
int cost_model_class(const struct profile *p, uint64_t bytes);

/* Predicts one reboot of GUEST_MEM bytes of RAM on P. 0: complete; 1: partial, OUT holds the
 * priced terms and WHY says what is missing ("lacks s2_fault, inst: faults, other instructions
 * not priced"); -1: bad counts (negative, not finite, a block size other than 4K/2M), with WHY. */
int cost_model_predict(const struct profile *p, const struct cost_counts *c, uint64_t guest_mem,
		       struct cost_interval *out, char *why, size_t whylen);
/* The same with the path lengths taken from PATHS (NULL: from P). A term whose path length is
 * missing makes it partial: "lacks the path length of s2_fault (...)". */
int cost_model_predict_paths(const struct profile *p, const struct profile *paths,
			     const struct cost_counts *c, uint64_t guest_mem, struct cost_interval *out,
			     char *why, size_t whylen);

/* The path length of constant C in PATHS (instructions per operation); for a DC constant without
 * one, that of the same operation and line state in the largest class that has one (the loop per
 * line is the same code whatever the buffer's size). -1 when PATHS has none. */
double cost_model_path(const struct profile *paths, int c);

/* "lacks s2_fault, inst, the path length of map_4k" for the MISSING and NOPATH bits of OUT,
 * into BUF; "" when none. */
void cost_model_missing(const struct cost_interval *out, char *buf, size_t len);

#endif
