/*
 * memsweep: large RAM, little touched. It writes a small record, with its MMU on, into each of
 * MEMSWEEP_PAGES pages spread evenly over RAM, and on the next boot - MMU off, so reading memory
 * past the caches - checks the previous boot's records are there (data a guest keeps across a warm
 * reboot, as pstore/ramoops does: the host must have cleaned them to memory). Eager reinit cost
 * then grows with mapped RAM while lazy unmap cost grows with these few pages. With
 * s2b.vcpus=N the N vCPUs write N contiguous parts of the records at once (lib/smp/), and the
 * boot vCPU checks them all, as the next boot does.
 */
#include "lib/image.h"
#include "lib/inject.h"
#include "lib/mmu.h"
#include "lib/params.h"
#include "lib/prng.h"
#include "lib/smp/smp.h"

#define MEMSWEEP_PAGES 16
#define PAGE_SIZE 4096UL
#define RECORD_WORDS 8 /* one 64-byte line per page */

struct sweep {
	uintptr_t first; /* page 0; page k at first + k * gap */
	u64 gap, seed;
};

static volatile u64 *record(const struct sweep *s, unsigned k)
{
	return (volatile u64 *)(s->first + k * s->gap);
}

static u64 record_word(const struct sweep *s, unsigned k, unsigned w, u64 boot)
{
	return mix64(s->seed ^ boot << 32 ^ (u64)k << 8 ^ w) ^ (uintptr_t)record(s, k);
}

/* First mismatching word of all records written in boot `boot`; false after a failed check. */
static bool records_verify(const struct sweep *s, u64 boot, const char *what)
{
	for (unsigned k = 0; k < MEMSWEEP_PAGES; k++) {
		for (unsigned w = 0; w < RECORD_WORDS; w++) {
			u64 got = record(s, k)[w], want = record_word(s, k, w, boot);

			if (got != want) {
				s2b_printf("memsweep: %s record %u word %u at %p is 0x%lx, expected 0x%lx\n", what, k,
					   w, (void *)&record(s, k)[w], got, want);
				return s2b_check(false, got, want);
			}
		}
	}
	return s2b_check(true, boot, boot);
}

static void records_write(const struct sweep *s, u64 boot, u64 lo, u64 hi)
{
	for (unsigned k = lo; k < hi; k++)
		for (unsigned w = 0; w < RECORD_WORDS; w++)
			record(s, k)[w] = record_word(s, k, w, boot);
}

static struct sweep sweep; /* read by every vCPU */
static u64 sweep_boot;
static unsigned vcpus;

static u64 write_vcpu(unsigned idx)
{
	u64 lo, hi;

	smp_slice(MEMSWEEP_PAGES, idx, vcpus, &lo, &hi);
	records_write(&sweep, sweep_boot, lo, hi);
	return hi - lo;
}

/* Every record of this boot, written by all vCPUs. */
static void records_write_all(const struct sweep *s, u64 boot)
{
	u64 written[SMP_MAX_VCPUS];

	if (vcpus == 1) {
		records_write(s, boot, 0, MEMSWEEP_PAGES);
		return;
	}
	sweep = *s;
	sweep_boot = boot;
	smp_run(vcpus, write_vcpu, written);
}

void guest_main(void)
{
	struct guest_params gp;
	struct sweep s;
	uintptr_t free_ram;

	guest_params_read(&gp);
	image_verify();
	/* Records sit in the top part of RAM, clear of the guest and its page tables (< 1 MiB). */
	s.first = (gp.ram_base + gp.ram_size / MEMSWEEP_PAGES) & ~(PAGE_SIZE - 1);
	s.gap = ((gp.ram_size - (s.first - gp.ram_base)) / MEMSWEEP_PAGES) & ~(PAGE_SIZE - 1);
	s.seed = gp.seed;
	if (gp.boot > 0)
		records_verify(&s, gp.boot - 1, "previous boot's");

	free_ram = mmu_enable(gp.ram_base, gp.ram_size);
	if (!s2b_check(free_ram != 0 && free_ram <= s.first, free_ram, s.first))
		return;
	vcpus = smp_vcpus();
	s2b_mark_begin("sweep");
	records_write_all(&s, gp.boot);
	s2b_mark_end("sweep");
	s2b_mark_ready();
	inject_corrupt((void *)&record(&s, MEMSWEEP_PAGES - 1)[RECORD_WORDS - 1]);
	records_verify(&s, gp.boot, "this boot's");
	s2b_report("pages", MEMSWEEP_PAGES);
	s2b_report("ram_mb", gp.ram_size >> 20);
	if (vcpus > 1)
		s2b_report("vcpus", vcpus);
	s2b_printf("memsweep: boot %lu, %u records every %lu KiB from %p in %lu MiB\n", gp.boot,
		   MEMSWEEP_PAGES, s.gap >> 10, (void *)s.first, gp.ram_size >> 20);
}
