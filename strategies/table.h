/*
 * Every strategy, declared once. The hypervisor (strategies/registry.c), the harness catalog
 * (harness/catalog.c) and the report palette (reports/palette.c) all expand these lists, so a
 * name, summary, colour or requirement cannot differ between them. Adding a strategy: its file
 * in strategies/ and one line here (docs/extending.md). Pure preprocessor: no includes, so host
 * and freestanding code read the same text.
 *
 * Columns: C identifier, name in bootargs/suites/CSVs, report colour, negative control (never
 * ranked, must be caught by the coherence tests), CPU requirements (STRATEGY_NEEDS_*), summary;
 * s2hv strategies then name their setup, reinit and fault functions.
 */
#ifndef S2_STRATEGY_TABLE_H
#define S2_STRATEGY_TABLE_H

#define STRATEGY_NEEDS_FWB 1u      /* FEAT_S2FWB */
#define STRATEGY_NEEDS_HW_DIRTY 2u /* FEAT_HAFDBS dirty state (stage-2 DBM) */

/* Run by s2hv, in the order `s2bench list` shows them. */
#define S2HV_STRATEGIES(X)                                                                         \
	X(unmap, "unmap", "#d62728", 0, 0,                                                         \
	  "KVM without FWB: unmap all of stage 2, cleaning each page; clean again at fault",       \
	  unmap_setup, unmap_reinit, unmap_fault)                                                  \
	X(lazy, "lazy", "#ff7f0e", 0, 0,                                                           \
	  "unmap all of stage 2 without cleaning; clean to PoC at fault time",                     \
	  unmap_setup, lazy_reinit, unmap_fault)                                                   \
	X(clean, "clean", "#1f77b4", 0, 0,                                                         \
	  "keep mappings; clean+invalidate every mapped page and the I-cache at reinit",           \
	  clean_setup, clean_reinit, clean_fault)                                                  \
	X(fwb, "fwb", "#2ca02c", 0, STRATEGY_NEEDS_FWB,                                            \
	  "FEAT_S2FWB: only invalidate the I-cache (refused without FWB)",                         \
	  fwb_setup, fwb_reinit, fwb_fault)                                                        \
	X(none, "none", "#7f7f7f", 1, 0,                                                           \
	  "negative control: no cache maintenance, must be caught by coherence checks",            \
	  none_setup, none_reinit, none_fault)                                                     \
	X(dirty, "dirty", "#9467bd", 0, 0,                                                         \
	  "clean only the pages written since the last reinit (stage 2 write-protected, write faults)", \
	  dirty_setup, dirty_reinit, dirty_fault)                                                  \
	X(dirty_dbm, "dirty-dbm", "#e377c2", 0, STRATEGY_NEEDS_HW_DIRTY,                           \
	  "as dirty, but the CPU marks written pages itself (stage-2 DBM, FEAT_HAFDBS)",           \
	  dirty_setup, dirty_reinit, dirty_fault)                                                  \
	/* one line per strategy above this one (docs/extending.md) */

/* Measured only under s2vmm (kvm/): the host's KVM is the strategy. */
#define S2VMM_STRATEGIES(X)                                                                        \
	X(kvm, "kvm", "#8c564b", 0, 0,                                                             \
	  "KVM's own re-init (KVM boards only: kvm-qemu-*, kvm-host): stage2_unmap_vm without FWB, I-cache only with") \
	/* end of s2vmm's strategies */

#endif
