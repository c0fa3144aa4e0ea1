/* See probes.h. Text interface only (tracefs files), so no libtracefs is needed in a static
 * binary. kprobe_events is opened with O_APPEND: a plain open truncates it and would delete
 * every other probe on the system. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pl011.h"
#include "probes.h"

#define GROUP "s2vmm"
#define BUFFER_KB "16384" /* room for ~200k events: a 1 GiB 4K-backed guest touched fully */

static const char *const tracefs_dirs[] = {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"};

static int write_file(const struct probes *p, const char *file, const char *text, int flags)
{
	char path[128];
	int fd, ok;

	snprintf(path, sizeof(path), "%s/%s", p->dir, file);
	fd = open(path, O_WRONLY | O_CLOEXEC | flags);
	if (fd < 0)
		return -1;
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	close(fd);
	return ok ? 0 : -1;
}

static void note(struct probes *p, const char *what)
{
	if (!p->note[0])
		snprintf(p->note, sizeof(p->note), "%s (errno %d)", what, errno);
}

void probes_open(struct probes *p)
{
	char filter[48];

	memset(p, 0, sizeof(*p));
	for (unsigned i = 0; i < sizeof(tracefs_dirs) / sizeof(tracefs_dirs[0]); i++) {
		char probe[128];

		snprintf(probe, sizeof(probe), "%s/trace", tracefs_dirs[i]);
		if (access(probe, W_OK) == 0) {
			snprintf(p->dir, sizeof(p->dir), "%s", tracefs_dirs[i]);
			break;
		}
	}
	if (!p->dir[0]) {
		note(p, "no_writable_tracefs:faults_and_unmap_absent");
		return;
	}
	/* Timestamps on CLOCK_MONOTONIC; a big enough buffer; only our own thread's events. */
	write_file(p, "trace_clock", "mono", O_TRUNC);
	write_file(p, "buffer_size_kb", BUFFER_KB, O_TRUNC);
	snprintf(filter, sizeof(filter), "common_pid == %d", (int)getpid());

	if (write_file(p, "events/kvm/kvm_guest_fault/filter", filter, O_TRUNC) ||
	    write_file(p, "events/kvm/kvm_guest_fault/enable", "1", O_TRUNC))
		note(p, "no_kvm_guest_fault_tracepoint:faults_absent");
	else
		p->faults = true;

	/* A stale pair from a killed run would make the adds fail: remove it first. */
	write_file(p, "events/" GROUP "/enable", "0", O_TRUNC);
	write_file(p, "kprobe_events", "-:" GROUP "/unmap_in\n", O_APPEND);
	write_file(p, "kprobe_events", "-:" GROUP "/unmap_out\n", O_APPEND);
	if (write_file(p, "kprobe_events", "p:" GROUP "/unmap_in stage2_unmap_vm\n", O_APPEND) ||
	    write_file(p, "kprobe_events", "r:" GROUP "/unmap_out stage2_unmap_vm\n", O_APPEND) ||
	    write_file(p, "events/" GROUP "/filter", filter, O_TRUNC) ||
	    write_file(p, "events/" GROUP "/enable", "1", O_TRUNC))
		note(p, "no_kprobe_on_stage2_unmap_vm:unmap_absent");
	else
		p->unmap = true;
	write_file(p, "tracing_on", "1", O_TRUNC);
}

void probes_follow_threads(struct probes *p, const int *tids, unsigned n)
{
	char filter[256];
	size_t len = 0;

	if (!p->faults)
		return;
	for (unsigned i = 0; i < n && len < sizeof(filter); i++)
		len += (size_t)snprintf(filter + len, sizeof(filter) - len, "%scommon_pid == %d",
					i ? " || " : "", tids[i]);
	if (len >= sizeof(filter) || write_file(p, "events/kvm/kvm_guest_fault/filter", filter, O_TRUNC)) {
		/* the faults of some vCPUs would go uncounted: say so rather than undercount */
		p->faults = false;
		note(p, "cannot_filter_faults_by_vcpu_thread:faults_absent");
	}
}

void probes_begin(struct probes *p)
{
	if (p->faults || p->unmap)
		write_file(p, "trace", "", O_TRUNC); /* opening `trace` with O_TRUNC clears the buffer */
}

/* The timestamp field ("   12.345678: ") just before the event name at ev. */
static u64 stamp_us(const char *line, const char *ev)
{
	const char *end = ev, *start;

	while (end > line && (end[-1] == ' ' || end[-1] == ':'))
		end--;
	start = end;
	while (start > line && ((start[-1] >= '0' && start[-1] <= '9') || start[-1] == '.'))
		start--;
	char *dot;
	u64 sec = strtoull(start, &dot, 10);

	return *dot == '.' ? sec * 1000000 + strtoull(dot + 1, NULL, 10) : sec * 1000000;
}

/* "# entries-in-buffer/entries-written: 5/5   #P:1": fewer kept than written = events lost. */
static bool lost_events(const char *line)
{
	unsigned long long kept, written;

	return sscanf(line, "# entries-in-buffer/entries-written: %llu/%llu", &kept, &written) == 2 &&
	       kept != written;
}

void probes_collect(struct probes *p, u64 ram_lo, u64 ram_hi, u64 db_lo, u64 db_hi,
		    enum gic_kind gic, struct probe_counts *out)
{
	char path[128], line[512];
	u64 in_us = 0;
	bool in_open = false, lost = false;
	FILE *f;

	memset(out, 0, sizeof(*out));
	if (!p->faults && !p->unmap)
		return;
	snprintf(path, sizeof(path), "%s/trace", p->dir);
	f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		const char *ev;

		if (line[0] == '#') {
			lost |= lost_events(line);
			continue;
		}
		if ((ev = strstr(line, " kvm_guest_fault: ipa "))) {
			u64 ipa = strtoull(ev + strlen(" kvm_guest_fault: ipa "), NULL, 0);

			if (ipa >= ram_lo && ipa < ram_hi)
				out->ram_faults++;
			else if (ipa >= db_lo && ipa < db_hi)
				out->mmio_faults++;
			else if (pl011_contains(ipa) || vgic_contains(gic, ipa))
				continue; /* a device's register access, not a fault (as in s2hv) */
			else
				out->stray_faults++;
		} else if ((ev = strstr(line, " unmap_in: "))) {
			in_us = stamp_us(line, ev);
			in_open = true;
		} else if ((ev = strstr(line, " unmap_out: ")) && in_open) {
			u64 us = stamp_us(line, ev) - in_us;

			out->unmaps++;
			out->unmap_us += us;
			out->unmap_max_us = us > out->unmap_max_us ? us : out->unmap_max_us;
			in_open = false;
		}
	}
	fclose(f);
	out->faults_known = p->faults && !lost;
	out->unmap_known = p->unmap && !lost;
	if (lost && !p->lost) {
		p->lost = true;
		snprintf(p->note, sizeof(p->note), "trace_buffer_overflowed:counts_absent");
	}
}

void probes_close(struct probes *p)
{
	if (!p->dir[0])
		return;
	if (p->faults)
		write_file(p, "events/kvm/kvm_guest_fault/enable", "0", O_TRUNC);
	if (p->unmap) {
		write_file(p, "events/" GROUP "/enable", "0", O_TRUNC);
		write_file(p, "kprobe_events", "-:" GROUP "/unmap_in\n", O_APPEND);
		write_file(p, "kprobe_events", "-:" GROUP "/unmap_out\n", O_APPEND);
	}
}
