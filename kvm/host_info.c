/* See host_info.h. FEAT_S2FWB is not visible to userspace (ID_AA64MMFR2_EL1.FWB is hidden from EL0
 * and KVM has no capability for it), so the only honest source is the kernel log: at boot Linux
 * prints "CPU features: detected: Stage-2 Force Write-Back" when KVM will use it. If the log no
 * longer reaches back to the boot, fwb stays unknown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/utsname.h>
#include "host_info.h"
#include "timebase.h"

#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_SIZE_BUFFER 10

static void read_midr(struct host_info *h)
{
	FILE *f = fopen("/sys/devices/system/cpu/cpu0/regs/identification/midr_el1", "re");
	unsigned long long v;

	if (f && fscanf(f, "%llx", &v) == 1) {
		h->midr = v;
		h->midr_known = true;
	}
	if (f)
		fclose(f);
}

static void scan_kernel_log(struct host_info *h)
{
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	char *log;
	int n;

	if (size <= 0 || !(log = malloc((size_t)size + 1)))
		return;
	n = klogctl(SYSLOG_ACTION_READ_ALL, log, size);
	if (n > 0) {
		log[n] = 0;
		/* The boot banner still in the buffer means the CPU-feature lines are too. */
		if (strstr(log, "Booting Linux on physical CPU"))
			h->fwb = strstr(log, "Stage-2 Force Write-Back") != NULL;
		/* "Protected nVHE mode" contains "VHE mode": test the longer strings first. */
		if (strstr(log, "Protected nVHE mode initialized"))
			strcpy(h->kvm_mode, "protected");
		else if (strstr(log, "Hyp mode initialized") || strstr(log, "nVHE mode initialized"))
			strcpy(h->kvm_mode, "nvhe");
		else if (strstr(log, "VHE mode initialized"))
			strcpy(h->kvm_mode, "vhe");
	}
	free(log);
}

void host_info_read(struct host_info *h)
{
	struct utsname u;

	memset(h, 0, sizeof(*h));
	h->fwb = -1;
	if (uname(&u) == 0)
		snprintf(h->kernel, sizeof(h->kernel), "%s", u.release);
	read_midr(h);
	__asm__ volatile("mrs %0, ctr_el0" : "=r"(h->ctr));
	h->cntfrq = cntfrq();
	scan_kernel_log(h);
}
