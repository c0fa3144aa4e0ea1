/* What can honestly be known about the host from userspace, for the `hello` record. */
#ifndef S2VMM_HOST_INFO_H
#define S2VMM_HOST_INFO_H

#include "../core/types.h"

struct host_info {
	char kernel[65];    /* uname -r (utsname fields are 65 bytes) */
	bool midr_known;
	u64 midr;           /* sysfs cpu0 identification/midr_el1 */
	u64 ctr;            /* CTR_EL0 as EL0 reads it (Linux may emulate; the line sizes are real) */
	u64 cntfrq;
	int fwb;            /* 1/0 from the kernel log's CPU-feature lines, -1 when they are gone */
	char kvm_mode[16];  /* vhe / nvhe / protected from KVM's init line, "" if unknown */
};

void host_info_read(struct host_info *h);

#endif
