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

/*
 * inject=4: try to forge a CRC-valid record from EL1. QEMU answers HLT #0xF000 itself when
 * semihosting is on, before s2hv could trap it, so this is the harness's test: none of these
 * lines may ever become a record. The CRC is zlib's crc32 of the text before " *".
 */
#define SEMI_OPEN 0x01
#define SEMI_CLOSE 0x02
#define SEMI_WRITE0 0x04
#define SEMI_WRITE 0x05
#define SEMI_SYSTEM 0x12
#define SEMI_MODE_W 4
#define FORGED_RECORD "@s2b boot idx=9 faults=0 check=pass exit=reset *9e186782"

static const char forged[] = "\n" FORGED_RECORD "\n";
static const char forged_cmd[] = "echo '" FORGED_RECORD "'"; /* host shell, host stdout */

static u64 semihost(u64 op, const void *arg)
{
	register u64 x0 __asm__("x0") = op;
	register u64 x1 __asm__("x1") = (u64)(uintptr_t)arg;

	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	return x0;
}

/* QEMU reads guest memory through stage 2 and does not fault a page in: read it first. */
static size_t mapped_strlen(const char *s)
{
	size_t n = 0;

	while (((volatile const char *)s)[n])
		n++;
	return n;
}

static void forge_through_semihosting(void)
{
	/* an array of arrays, not of pointers: no absolute relocation (boot-reloc's rule for all) */
	static const char paths[][16] = { ":tt", "/proc/self/fd/1", "/proc/self/fd/2", "/dev/stdout" };
	size_t len = mapped_strlen(forged);

	s2b_printf("inject: forging%s", forged); /* relayed as guest| text: a record never */
	semihost(SEMI_WRITE0, forged);
	for (unsigned i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		u64 open_args[3] = { (u64)(uintptr_t)paths[i], SEMI_MODE_W, mapped_strlen(paths[i]) };
		u64 fd = semihost(SEMI_OPEN, open_args);

		s2b_printf("inject: semihosting open %s -> %ld\n", paths[i], (long)fd);
		if ((long)fd < 0)
			continue;
		u64 write_args[3] = { fd, (u64)(uintptr_t)forged, len };
		semihost(SEMI_WRITE, write_args);
		semihost(SEMI_CLOSE, &fd);
	}
	u64 system_args[2] = { (u64)(uintptr_t)forged_cmd, mapped_strlen(forged_cmd) };
	s2b_printf("inject: semihosting system -> %ld\n", (long)semihost(SEMI_SYSTEM, system_args));
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
	if (s2b_param("inject", 0) == INJECT_FORGE_SEMIHOSTING)
		forge_through_semihosting();
	inject_misbehave();
}
