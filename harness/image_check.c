/* See image_check.h. */
#include "image_check.h"

#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define IMAGE_HEADER_LEN 64
#define IMAGE_MAGIC_OFFSET 56
static const unsigned char image_magic[4] = { 'A', 'R', 'M', 0x64 };

int image_check(const char *path, char *err, size_t errlen)
{
	unsigned char h[IMAGE_HEADER_LEN];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f) {
		snprintf(err, errlen, "hypervisor image %s: %s", path, strerror(errno));
		return -1;
	}
	n = fread(h, 1, sizeof(h), f);
	int failed = ferror(f);
	fclose(f);
	if (failed) /* e.g. a directory */
		snprintf(err, errlen, "hypervisor image %s: cannot read it", path);
	else if (n < sizeof(h))
		snprintf(err, errlen, "hypervisor image %s: %zu bytes, shorter than an arm64 Image header",
			 path, n);
	else if (memcmp(h + IMAGE_MAGIC_OFFSET, image_magic, sizeof(image_magic)))
		snprintf(err, errlen, "hypervisor image %s: not an arm64 Image (no ARM\\x64 magic at byte 56; "
			 "build/s2hv.img is one)", path);
	else
		return 0;
	return -1;
}

int image_check_runs(const char *image, const struct planned_run *runs, size_t n)
{
	char err[600];

	for (size_t i = 0; i < n; i++) {
		/* qemu-* back-ends pass it to -kernel; kvm-* only take its directory, serial boots what
		 * --reset-cmd deploys. */
		if (strncmp(runs[i].cfg.board, "qemu-", 5))
			continue;
		if (image_check(image, err, sizeof(err))) {
			cli_error("%s", err);
			return EXIT_USAGE;
		}
		return 0;
	}
	return 0;
}
