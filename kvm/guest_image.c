/* See guest_image.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "errors.h"
#include "guest_image.h"

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
	/* Same rule as s2hv: the image may use at most half of RAM. */
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
