/* s2vmm's @s2b records: hello, cfg, boot, done (docs/protocol.md; extra keys in docs/kvm.md). */
#ifndef S2VMM_RECORDS_H
#define S2VMM_RECORDS_H

#include "../core/boot_exit.h"
#include "../core/types.h"
#include "guest_calls.h"
#include "probes.h"
#include "timebase.h"

struct host_info;
struct vmm_config;
struct vm;

struct boot_result {
	u64 idx;
	struct stamp init;     /* time inside KVM_ARM_VCPU_INIT */
	u64 load_ns;           /* rewriting the pristine image + DTB into guest RAM */
	bool ready_seen;
	struct stamp ready;    /* vCPU entry → the guest's MARK READY */
	bool reboot_known;
	struct stamp reboot;   /* image rewrite after SYSTEM_RESET → READY: load+init+faults+start */
	struct probe_counts k; /* from tracefs */
	u64 doorbell_exits;
	u64 bad_calls;         /* guest calls refused (empty metric names) */
	u64 vcpus;             /* the guest's vCPUs (a record key only when more than one) */
	enum check_state check;
	enum boot_exit exit;
};

void rec_hello(const struct host_info *h, const struct vmm_config *cfg, const struct vm *vm,
	       const struct probes *p);
/* huge_bytes: host RAM backed by transparent huge pages (~0 = unknown, key absent). */
void rec_cfg(const struct vmm_config *cfg, u64 huge_bytes);
void rec_boot(const struct boot_result *b);
/* faults_known: every boot had its faults counted; otherwise the total is absent too. */
void rec_done(const char *status, u64 boots, bool faults_known, u64 faults);
/* A console line (not a record) for humans: why some fields are absent. */
void note_line(const char *what);

#endif
