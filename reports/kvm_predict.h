/* Beside KVM's measured times, the s2hv strategies' predicted time per reboot on the same CPU
 * (docs/reports.md, "KVM beside s2hv's predictions"): a --profile whose MIDR (implementer and
 * part) is that of a KVM board's runs prices the exact counts of the s2hv runs of the same
 * configuration (guest, mem, frac, ..., vCPUs) on a QEMU board of the same data set. */
#ifndef S2B_REPORTS_KVM_PREDICT_H
#define S2B_REPORTS_KVM_PREDICT_H

#include "predict.h"
#include "tables.h"

/* The profiles of A->pred whose CPU is that of BOARD's KVM runs, as indices into pred->p, into
 * IDX (room for MAX_PROFILES); how many. 0 without --profile. */
size_t kvm_matching_profiles(const struct analysis *a, const char *board, size_t *idx);

/* "No profile for CPU Arm Neoverse N1 r4p1 (MIDR 0x414fd0c1): s2hv predictions not shown
 * (--profile gave cortex-a72-rpi4)" */
void kvm_no_profile_line(const struct analysis *a, const char *board, struct strbuf *out);

/* The s2hv strategies shown beside BOARD's KVM cells under PP: those with a prediction for at
 * least one of them, less the negative control and any the CPU cannot run (fwb where the KVM runs
 * report no FEAT_S2FWB). Into OUT (room for a->d.ns); how many. */
size_t kvm_beside_strategies(const struct analysis *a, const char *board,
			     const struct profile_prediction *pp, const char **out);

/* PP's prediction of STRATEGY for KVM cell K's configuration: the cell of an s2hv run on a
 * board with exact counts (not a KVM board) with K's configuration but its board; NULL when the
 * data set has none or its counts are missing. */
const struct cell_prediction *kvm_s2hv_prediction(const struct analysis *a,
						  const struct profile_prediction *pp,
						  const struct group *k, const char *strategy);

/* BOARD's KVM cells with KVM's measured re-init and reboot times beside each strategy's
 * predicted time under PP; NOTE says which column is what, and what each prediction lacks. */
void kvm_beside_table(const struct analysis *a, const char *board, const struct profile_prediction *pp,
		      struct table *t, struct strbuf *note);

#endif
