/* The KVM host behind an s2vmm run, for the report's machine table. */
#ifndef S2B_REPORTS_KVM_HOST_H
#define S2B_REPORTS_KVM_HOST_H

#include <stddef.h>

/* "kernel 6.1.0-…, kvm_mode vhe" from RUN_ID's hello record under DIR/logs; "?" for what the
 * log does not say (or when there is no log). */
void kvm_host_describe(const char *dir, const char *run_id, char *out, size_t len);

#endif
