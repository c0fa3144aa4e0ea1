/*
 * The reinit-strategy interface: how the hypervisor makes the loader's rewrites of guest memory
 * visible to a guest that restarts with its MMU off. Strategies never execute cache or TLB
 * instructions themselves; they call core/cache_ops.h and core/s2pt.h, so the same code runs at
 * EL2 and against the host cache simulator (core/arch/sim).
 */
#ifndef S2_STRATEGY_H
#define S2_STRATEGY_H

#include "../core/cpu_features.h"
#include "../core/types.h"
#include "table.h"

struct vm;

/* A stage-2 abort the core could not resolve by itself, handed to the strategy. */
struct s2_fault {
	ipa_t ipa;
	bool write;
	bool exec; /* instruction abort */
	bool perm; /* permission fault (mapping present), else translation fault */
	u64 esr;
};

enum fault_result {
	FAULT_HANDLED = 0,   /* retry the guest instruction */
	FAULT_OUTSIDE_RAM,   /* IPA is not guest RAM: report guest_abort, stop the run */
	FAULT_ERROR,         /* the strategy failed (e.g. out of page-table memory) */
};

struct strategy {
	const char *name;
	const char *summary;
	unsigned needs; /* STRATEGY_NEEDS_* of its line in table.h */
	bool negative_control; /* must be caught by the coherence checks, never ranked */
	/* NULL, or a reason the strategy cannot run on this CPU (e.g. "needs_FEAT_S2FWB"): what
	 * `needs` asks for and the CPU lacks. */
	const char *(*unsupported)(const struct cpu_features *f);
	/* Once, before the first boot, after guest RAM exists and the image is loaded. */
	int (*setup)(struct vm *vm);
	/* On every reset, after the loader has rewritten guest memory through its cacheable map. */
	int (*reinit)(struct vm *vm);
	enum fault_result (*on_fault)(struct vm *vm, const struct s2_fault *f);
};

/* Each strategy file defines the three functions its line in table.h names. */
#define STRATEGY_DECLARE(id, name, colour, control, needs, summary, setup, reinit, fault)         \
	int setup(struct vm *vm);                                                                  \
	int reinit(struct vm *vm);                                                                 \
	enum fault_result fault(struct vm *vm, const struct s2_fault *f);                          \
	extern const struct strategy strategy_##id;
S2HV_STRATEGIES(STRATEGY_DECLARE)
#undef STRATEGY_DECLARE

/* Each strategy's index in strategies[] (table order): STRATEGY_ID_unmap, ... */
#define STRATEGY_ID(id, ...) STRATEGY_ID_##id,
enum strategy_id { S2HV_STRATEGIES(STRATEGY_ID) STRATEGY_COUNT };
#undef STRATEGY_ID

extern const struct strategy *const strategies[];
extern const unsigned strategy_count;
const struct strategy *strategy_find(const char *name, size_t len);

#endif
