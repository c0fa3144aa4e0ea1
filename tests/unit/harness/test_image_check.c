/* `run --image` must be an arm64 Image: anything else is refused before any run, exit 2. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image_check.h"
#include "support.h"

static char err[700];

/* A file of LEN bytes: zeros, with the arm64 Image magic at byte 56 when MAGIC. */
static char *image_file(const char *dir, const char *name, size_t len, int magic)
{
	char *p, buf[128] = { 0 };
	cr_assert(asprintf(&p, "%s/%s", dir, name) > 0 && len <= sizeof(buf));
	if (magic)
		memcpy(buf + 56, "ARM\x64", 4);
	FILE *f = fopen(p, "wb");
	cr_assert(f);
	fwrite(buf, 1, len, f);
	fclose(f);
	return p;
}

Test(image_check, only_an_arm64_image_header_passes)
{
	char *dir = make_tmpdir("image-check"), *text;
	cr_assert(asprintf(&text, "%s/hostname", dir) > 0);
	write_text(text, "myhost\n");
	cr_expect_eq(image_check(text, err, sizeof(err)), -1);
	cr_expect(strstr(err, "shorter than an arm64 Image header"), "%s", err);
	char *zeros = image_file(dir, "zeros", 64, 0);
	cr_expect_eq(image_check(zeros, err, sizeof(err)), -1);
	cr_expect(strstr(err, "not an arm64 Image (no ARM\\x64 magic at byte 56"), "%s", err);
	cr_expect_eq(image_check(dir, err, sizeof(err)), -1, "a directory");
	cr_expect_eq(image_check("/nonexistent/img", err, sizeof(err)), -1);
	cr_expect(strstr(err, "No such file"), "%s", err);
	cr_expect_eq(image_check(image_file(dir, "hdr", 64, 1), err, sizeof(err)), 0, "%s", err);
	char built[600];
	snprintf(built, sizeof(built), "%s/s2hv.img", build_dir());
	cr_expect_eq(image_check(built, err, sizeof(err)), 0, "the image make builds: %s", err);
}

Test(image_check, run_refuses_a_bad_image_before_any_run_with_exit_2)
{
	char *dir = make_tmpdir("image-run"), *suite, *bad, *out, out_dir[600], env_qemu[600];
	cr_assert(asprintf(&suite, "%s/t.suite", dir) > 0 && asprintf(&bad, "%s/hostname", dir) > 0);
	write_text(suite, "strategy = unmap\nboots = 2\n");
	write_text(bad, "a text file, as /etc/hostname is; long enough to hold an Image header: .....\n");
	snprintf(out_dir, sizeof(out_dir), "%s/res", dir);
	snprintf(env_qemu, sizeof(env_qemu), "S2B_QEMU=%s", fake_qemu_path());
	char *env[] = { env_qemu, NULL };
	char *args[] = { "run", suite, "--out", out_dir, "--image", bad, NULL };
	cr_expect_eq(run_s2bench(args, env, &out), 2, "%s", out);
	cr_expect(strstr(out, "s2bench: hypervisor image ") && strstr(out, "not an arm64 Image"), "%s", out);
	cr_expect_eq(strchr(out, '\n'), out + strlen(out) - 1, "one line: %s", out);
	cr_expect_null(read_text(out_dir), "nothing written");
	char path[700];
	snprintf(path, sizeof(path), "%s/runs.csv", out_dir);
	cr_expect_null(read_text(path), "no run");
	free(out);
	char *good = image_file(dir, "good.img", 64, 1);
	char *args_ok[] = { "run", suite, "--out", out_dir, "--image", good, NULL };
	cr_expect_eq(run_s2bench(args_ok, env, &out), 0, "a header is enough for the fake emulator: %s", out);
	free(out);
}
