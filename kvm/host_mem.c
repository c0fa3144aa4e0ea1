/* See host_mem.h. MemAvailable, not MemFree: it counts page cache the kernel can reclaim, and
 * (being the kernel's own estimate) no tmpfs/initramfs pages, which it cannot. */
#include <stdio.h>
#include "host_mem.h"
#include "../core/proto.h"

#define RESERVE (48ULL << 20) /* 16 MiB trace buffer + s2vmm + kernel slack */

u64 host_mem_needed(u64 ram_size)
{
	return ram_size + ram_size / 256 + RESERVE;
}

/* MemAvailable in bytes, or ~0 if the kernel does not say. */
static u64 mem_available(void)
{
	FILE *f = fopen("/proc/meminfo", "re");
	char line[128];
	unsigned long long kb;
	u64 bytes = ~0ULL;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %llu kB", &kb) == 1) {
			bytes = (u64)kb << 10;
			break;
		}
	if (f)
		fclose(f);
	return bytes;
}

int host_mem_check(u64 ram_size)
{
	u64 avail = mem_available(), need = host_mem_needed(ram_size);
	struct record r;

	if (avail == ~0ULL || need <= avail)
		return 0;
	rec_begin(&r, "error");
	rec_str(&r, "code", "no_memory");
	rec_str(&r, "msg", "guest_ram_exceeds_host_memory_available");
	rec_str(&r, "key", "s2b.mem");
	rec_u64(&r, "host_needed", need);
	rec_u64(&r, "host_available", avail);
	rec_end(&r);
	return -1;
}
