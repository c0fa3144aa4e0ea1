/* One boot of the guest: run the vCPU, dispatch its exits, until it resets, powers off or fails. */
#ifndef S2_RUN_H
#define S2_RUN_H

#include "arch.h"
#include "boot_exit.h"
#include "bench_calls.h"
#include "vm.h"

/* State of the boot in progress, for the hypercalls and the boot record. */
struct boot_ctx {
	struct perf_sample entry;     /* at first vCPU entry */
	struct perf_sample ready;     /* at the guest's READY mark */
	bool ready_seen;
	bool console_ready;           /* the console printed the READY marker (vuart.h) */
	struct bench_session calls;   /* the bench calls' state: console line, check, marks */
	ipa_t last_fault_ipa;
	unsigned same_fault_count;
};

enum boot_exit run_boot(struct vm *vm, struct boot_ctx *b);
/* run_boot with more than one vCPU (smp_run.c): vCPU 0's loop, exits handled under the lock. */
enum boot_exit smp_run_boot(struct vm *vm, struct boot_ctx *b);
/* Dispatch one exit of any vCPU to its handler. */
enum boot_exit run_handle_exit(struct vm *vm, struct boot_ctx *b, const struct vcpu_exit *e);

/* The guest is ready (its S2B_MARK READY call, or its console's ready line): timestamp it once. */
void boot_mark_ready(struct boot_ctx *b);

/* Exit handlers (hypercall.c, fault.c). */
struct vcpu_exit;
enum boot_exit hypercall_handle(struct vm *vm, struct boot_ctx *b, const struct vcpu_exit *e);
/* What S2B_PARAM answers this boot (hypercall.c), before the guest first runs. */
void hypercall_boot_start(const struct vm *vm, struct boot_ctx *b);
enum boot_exit fault_handle(struct vm *vm, struct boot_ctx *b, const struct vcpu_exit *e);
/* An abort outside RAM that no device claims: delivered to the guest (guest_abort.c). */
enum boot_exit guest_abort_deliver(struct vm *vm, const struct vcpu_exit *e);

/* An `error` record describing a guest exit, e.g. code "guest_trap". */
void report_guest_error(const struct vm *vm, const char *code, const char *msg, const struct vcpu_exit *e);

#endif
