/*
 * boot-reloc: the mailing-list scenario. Like a kernel that relocates itself early, with its
 * MMU off it copies its own image to the middle of RAM - checksumming every word it reads -,
 * jumps into the copy, overwrites the original location, and checksums the copy. The loader
 * restores the original on every reboot: a host that does not make that rewrite visible to the
 * MMU-off guest hands it stale words (a failed checksum) or stale code (a crash).
 *
 * The copy runs because guests are built -mcmodel=tiny: every reference is PC-relative.
 */
#include "lib/cache.h"
#include "lib/exception.h"
#include "lib/fletcher64.h"
#include "lib/image.h"
#include "lib/inject.h"
#include "lib/params.h"

#define RELOC_ALIGN (2UL << 20)

/* In .bss, which is copied with the image: the copy finds it at its own address. */
static struct {
	uintptr_t from, to; /* image start, original and copy */
	u64 boot;
} reloc;

static inline uintptr_t in_copy(const void *p)
{
	return (uintptr_t)p - reloc.from + reloc.to;
}

/* Copy n bytes (multiple of 4) as 32-bit words, returning the Fletcher-64 of what was read. */
static u64 copy_and_checksum(uintptr_t to, uintptr_t from, size_t n)
{
	struct fletcher64 f = FLETCHER64_INIT;

	for (size_t i = 0; i < n; i += 4) {
		u32 w = *(const volatile u32 *)(from + i);

		fletcher64_word(&f, w);
		*(volatile u32 *)(to + i) = w;
	}
	return fletcher64_final(&f);
}

static bool check_sum(const char *what, u64 sum)
{
	if (sum != image_sum)
		s2b_printf("boot-reloc: %s checksum 0x%lx, built 0x%lx\n", what, sum, image_sum);
	return s2b_check(sum == image_sum, sum, image_sum);
}

/* Runs in the copy, on the copy's stack. */
static _Noreturn void relocated_main(void)
{
	size_t image = (size_t)(__image_end - __image_start);

	exception_vectors_install(); /* the original vectors are about to be overwritten */
	/* PC-relative, so in the copy this is the copy's start: proof that we run there. */
	s2b_check((uintptr_t)__image_start == reloc.to, (uintptr_t)__image_start, reloc.to);

	/* Overwrite the original image: zero words are UDF, so running it next boot traps. */
	for (size_t i = 0; i < image; i += 8)
		*(volatile u64 *)(reloc.from + i) = 0;

	inject_corrupt(__image_start + image_checked_size() - 1);
	check_sum("relocated image", checksum_bytes(__image_start, image_checked_size()));
	s2b_mark_ready();
	s2b_report("reloc_to", reloc.to);
	s2b_printf("boot-reloc: boot %lu runs at %p, original at %p overwritten\n", reloc.boot,
		   (void *)__image_start, (void *)reloc.from);
	psci_reset();
}

void guest_main(void)
{
	struct guest_params gp;
	size_t footprint = (size_t)(__footprint_end - __image_start);
	void (*entry)(void);
	uintptr_t sp;

	guest_params_read(&gp);
	reloc.from = (uintptr_t)__image_start;
	reloc.to = (gp.ram_base + gp.ram_size / 2 + RELOC_ALIGN - 1) & ~(RELOC_ALIGN - 1);
	reloc.boot = gp.boot;
	if (!s2b_check(reloc.to >= reloc.from + footprint && reloc.to + footprint <= gp.ram_base + gp.ram_size,
		       reloc.to, gp.ram_size))
		return;

	s2b_mark_begin("copy");
	check_sum("original image", copy_and_checksum(reloc.to, reloc.from, image_checked_size()));
	*(volatile u64 *)in_copy((const void *)&image_sum) = image_sum;
	/* .bss last: it holds `reloc` and the transport, which the copy needs as they are now. */
	copy_and_checksum(in_copy(__bss_start), (uintptr_t)__bss_start, (size_t)(__bss_end - __bss_start));
	/* The copy's instructions were written as data: make them visible to fetch. */
	icache_sync_range(reloc.to, reloc.to + (size_t)(__image_end - __image_start));
	s2b_mark_end("copy");

	entry = (void (*)(void))in_copy((const void *)relocated_main);
	sp = in_copy(__stack_top);
	__asm__ volatile("mov sp, %1\n\tbr %0" : : "r"(entry), "r"(sp) : "memory");
	__builtin_unreachable();
}
