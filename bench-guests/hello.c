/*
 * hello: the minimal guest. It proves a reboot gives it the pristine image: it checks its image
 * checksum and a page of known words in its own image, then overwrites that page (so a reboot
 * that does not make the loader's rewrite visible is caught next boot), touches a few pages of
 * RAM, marks ready and asks for reset.
 */
#include "lib/image.h"
#include "lib/inject.h"
#include "lib/pattern.h"

#define HELLO_TOUCH_PAGES 4
#define PAGE_SIZE 4096

static u64 pattern_page[PATTERN_WORDS] __attribute__((section(".page.data.hello"), aligned(PAGE_SIZE))) =
	PATTERN_PAGE_INIT;

static bool verify_pattern(void)
{
	unsigned bad;

	inject_corrupt(&pattern_page[PATTERN_WORDS / 2]);
	bad = pattern_first_mismatch(pattern_page);
	if (bad == PATTERN_WORDS)
		return s2b_check(true, PATTERN_WORD(0), PATTERN_WORD(0));
	s2b_printf("pattern word %u is 0x%lx, expected 0x%lx\n", bad, pattern_page[bad], PATTERN_WORD(bad));
	return s2b_check(false, pattern_page[bad], PATTERN_WORD(bad));
}

/* Overwrite the pattern with words that differ from it everywhere: only the loader restores it. */
static void clobber_pattern(u64 boot)
{
	for (unsigned i = 0; i < PATTERN_WORDS; i++)
		pattern_page[i] = ~PATTERN_WORD(i) ^ boot;
}

/* A write and a read-back in the first word of a few pages past the image. */
static bool touch_pages(u64 boot)
{
	volatile u64 *p = (volatile u64 *)__footprint_end;

	for (unsigned i = 0; i < HELLO_TOUCH_PAGES; i++) {
		u64 want = (u64)(uintptr_t)&p[i * PAGE_SIZE / 8] ^ boot;

		p[i * PAGE_SIZE / 8] = want;
		if (p[i * PAGE_SIZE / 8] != want)
			return s2b_check(false, p[i * PAGE_SIZE / 8], want);
	}
	return true;
}

void guest_main(void)
{
	u64 boot = s2b_param("boot", 0);

	s2b_printf("hello from boot %lu (%s transport)\n", boot, s2b_doorbell ? "doorbell" : "hvc");
	image_verify();
	verify_pattern();
	clobber_pattern(boot);
	touch_pages(boot);
	s2b_mark_ready();
	s2b_report("touched", HELLO_TOUCH_PAGES);
	inject_misbehave();
}
