/* kvm/guest_image.c: an image's own command line (<name>.cmdline) is what the guest gets, exactly;
 * none is empty; one that cannot be given is refused with one error record saying why. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../../kvm/guest_image.h"
#include "../core/console_capture.h"

static char dir[64];
static struct guest_image img;

static void setup(void)
{
	strcpy(dir, "/tmp/s2vmm-image-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	capture_console();
}

static void teardown(void)
{
	char cmd[96];

	guest_image_free(&img);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
}

static void put(const char *file, const void *bytes, size_t n)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(bytes, 1, n, f), n);
	fclose(f);
}

static int read_probe(void)
{
	put("probe.bin", "\x00\x00\x00\x14", 4);
	return guest_image_read(&img, dir, "probe", 64 << 20);
}

TestSuite(kvm_guest_image, .init = setup, .fini = teardown);

Test(kvm_guest_image, no_cmdline_file_is_an_empty_command_line)
{
	cr_assert_eq(read_probe(), 0);
	cr_assert_eq(img.size, 4);
	cr_assert_str_eq(img.cmdline, "");
}

Test(kvm_guest_image, cmdline_file_is_the_command_line_exactly)
{
	static const char line[] = "probe.words=a  b\tc s2b.boots=9";

	put("probe.cmdline", line, strlen(line));
	cr_assert_eq(read_probe(), 0);
	cr_assert_str_eq(img.cmdline, line);
}

Test(kvm_guest_image, newlines_become_spaces_as_in_s2hv)
{
	put("probe.cmdline", "a\nb\n", 4);
	cr_assert_eq(read_probe(), 0);
	cr_assert_str_eq(img.cmdline, "a b ");
}

Test(kvm_guest_image, longest_command_line_is_kept_whole)
{
	char line[GUEST_CMDLINE_MAX];

	memset(line, 'x', sizeof(line));
	put("probe.cmdline", line, sizeof(line));
	cr_assert_eq(read_probe(), 0);
	cr_assert_eq(strlen(img.cmdline), GUEST_CMDLINE_MAX);
}

Test(kvm_guest_image, too_long_command_line_is_refused)
{
	char line[GUEST_CMDLINE_MAX + 1];

	memset(line, 'x', sizeof(line));
	put("probe.cmdline", line, sizeof(line));
	cr_assert_eq(read_probe(), -1);
	cr_assert_null(img.data);
	cr_assert_not_null(strstr(console_out,
		"@s2b error code=bad_arg key=s2b.guest msg=guest_cmdline_longer_than_1023_bytes "));
}

Test(kvm_guest_image, nul_in_command_line_is_refused)
{
	put("probe.cmdline", "a\0b", 3);
	cr_assert_eq(read_probe(), -1);
	cr_assert_not_null(strstr(console_out,
		"@s2b error code=bad_arg key=s2b.guest msg=guest_cmdline_holds_a_nul_byte "));
}

/* A 64-byte arm64 Image header (booting.rst): text_offset at 8, image_size at 16, magic at 56. */
static int read_image(u64 text_offset, u64 image_size)
{
	u8 h[64] = {0};

	memcpy(h + 8, &text_offset, 8);
	memcpy(h + 16, &image_size, 8);
	memcpy(h + 56, "ARM\x64", 4);
	put("probe.bin", h, sizeof(h));
	return guest_image_read(&img, dir, "probe", 64 << 20);
}

Test(kvm_guest_image, raw_binary_goes_at_the_ram_base_with_the_doorbell)
{
	cr_assert_eq(read_probe(), 0);
	cr_assert(!img.arm64_image);
	cr_assert_eq(img.load_offset, 0);
}

Test(kvm_guest_image, arm64_image_goes_text_offset_above_the_base)
{
	cr_assert_eq(read_image(0x200000, 0x100000), 0);
	cr_assert(img.arm64_image);
	cr_assert_eq(img.load_offset, 0x200000);
}

Test(kvm_guest_image, image_size_zero_means_the_legacy_text_offset)
{
	cr_assert_eq(read_image(0, 0), 0);
	cr_assert_eq(img.load_offset, 0x80000);
}

Test(kvm_guest_image, image_needing_more_than_half_of_ram_is_refused)
{
	cr_assert_eq(read_image(0, 32 << 20), 0); /* exactly half */
	guest_image_free(&img);
	cr_assert_eq(read_image(0, (32 << 20) + 1), -1);
	cr_assert_not_null(strstr(console_out, "@s2b error code=bad_arg key=s2b.mem msg=too_small_for_guest "));
	cr_assert_eq(read_image(~0ULL - 0x1000, 0x100000), -1, "offset + size overflows");
	cr_assert_null(img.data);
}
