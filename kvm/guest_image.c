/* See guest_image.h. */
#include <endian.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "errors.h"
#include "guest_image.h"
#include "../core/lib.h"

#define ARM64_IMAGE_MAGIC 0x644d5241u /* "ARM\x64", little-endian, at byte 56 */
#define LEGACY_TEXT_OFFSET 0x80000ULL /* image_size 0: "text_offset 0x80000", size unknown */

static u64 header_u64(const struct guest_image *img, size_t off)
{
	u64 v;

	memcpy(&v, img->data + off, sizeof(v));
	return le64toh(v);
}

/* Where the image goes (guest_image.h); returns the bytes from the RAM base it may use (~0 when
 * a header's numbers overflow: too big for any RAM). */
static u64 place(struct guest_image *img)
{
	u64 image_size, end;

	img->arm64_image = img->size >= 64 && (u32)header_u64(img, 56) == ARM64_IMAGE_MAGIC;
	img->load_offset = 0;
	if (!img->arm64_image)
		return img->size;
	img->load_offset = header_u64(img, 8);
	image_size = header_u64(img, 16);
	if (!image_size) {
		img->load_offset = LEGACY_TEXT_OFFSET;
		image_size = img->size;
	}
	if (__builtin_add_overflow(img->load_offset, MAX(image_size, (u64)img->size), &end))
		return ~0ULL;
	return end;
}

/* <dir>/<name>.cmdline into img->cmdline; no file = an empty command line. */
static int read_cmdline(struct guest_image *img, const char *dir, const char *name)
{
	char path[256];
	size_t n;
	FILE *f;

	img->cmdline[0] = 0;
	snprintf(path, sizeof(path), "%s/%s.cmdline", dir, name);
	f = fopen(path, "rbe");
	if (!f)
		return 0;
	n = fread(img->cmdline, 1, sizeof(img->cmdline), f);
	fclose(f);
	if (n > GUEST_CMDLINE_MAX)
		return error_bad_arg("s2b.guest", "guest_cmdline_longer_than_1023_bytes");
	img->cmdline[n] = 0;
	if (strlen(img->cmdline) != n)
		return error_bad_arg("s2b.guest", "guest_cmdline_holds_a_nul_byte");
	for (char *c = img->cmdline; *c; c++)
		if (*c == '\n')
			*c = ' ';
	return 0;
}

int guest_image_read(struct guest_image *img, const char *dir, const char *name, u64 ram_size)
{
	char path[256];
	FILE *f;
	long n;

	img->data = NULL;
	img->size = 0;
	snprintf(path, sizeof(path), "%s/%s.bin", dir, name);
	f = fopen(path, "rbe");
	if (!f)
		return error_bad_arg("s2b.guest", "unknown_guest");
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return error_bad_arg("s2b.guest", "unreadable_guest_image");
	}
	/* Same rule as s2hv's bench guests: the image may use at most half of RAM (checked again
	 * below with an Image's own size and offset). */
	if ((u64)n > ram_size / 2) {
		fclose(f);
		return error_bad_arg("s2b.mem", "too_small_for_guest");
	}
	img->data = malloc((size_t)n);
	if (!img->data || fread(img->data, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(img->data);
		img->data = NULL;
		return error_bad_arg("s2b.guest", "unreadable_guest_image");
	}
	fclose(f);
	img->size = (size_t)n;
	if (place(img) > ram_size / 2) {
		guest_image_free(img);
		return error_bad_arg("s2b.mem", "too_small_for_guest");
	}
	if (read_cmdline(img, dir, name)) {
		guest_image_free(img);
		return -1;
	}
	return 0;
}

void guest_image_free(struct guest_image *img)
{
	free(img->data);
	img->data = NULL;
}
