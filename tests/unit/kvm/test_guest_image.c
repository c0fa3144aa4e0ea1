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
