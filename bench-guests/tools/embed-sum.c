/*
 * embed-sum IMAGE.bin: write the Fletcher-64 of all but the last 8 bytes of a guest image into
 * those last 8 bytes (little-endian). The guest linker script (lib/guest.ld) places the
 * `image_sum` slot last, so the guest can check at run time that it sees the image the loader
 * wrote. The slot must still hold 0: running the tool twice is an error, not a silent no-op.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/fletcher64.h"

int main(int argc, char **argv)
{
	FILE *f;
	long size = -1;
	uint8_t *buf;
	uint32_t *words;
	uint64_t slot = 0, sum;
	struct fletcher64 fl = FLETCHER64_INIT;

	if (argc != 2) {
		fprintf(stderr, "usage: %s IMAGE.bin\n", argv[0]);
		return 2;
	}
	f = fopen(argv[1], "r+b");
	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 8 || size % 8 || fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "%s: %s: %s\n", argv[0], argv[1],
			f && size >= 0 ? "size must be a non-zero multiple of 8" : strerror(errno));
		return 1;
	}
	buf = malloc((size_t)size);
	words = malloc((size_t)size);
	if (!buf || !words || fread(buf, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "%s: %s: read failed\n", argv[0], argv[1]);
		return 1;
	}
	memcpy(&slot, buf + size - 8, 8);
	if (slot) {
		fprintf(stderr, "%s: %s: checksum slot is not zero (already embedded?)\n", argv[0], argv[1]);
		return 1;
	}
	for (long i = 0; i < (size - 8) / 4; i++) /* the guest reads little-endian words */
		words[i] = (uint32_t)buf[4 * i] | (uint32_t)buf[4 * i + 1] << 8 |
			   (uint32_t)buf[4 * i + 2] << 16 | (uint32_t)buf[4 * i + 3] << 24;
	fletcher64_words(&fl, words, (size_t)(size - 8) / 4);
	sum = fletcher64_final(&fl);
	for (int i = 0; i < 8; i++)
		buf[size - 8 + i] = (uint8_t)(sum >> (8 * i));
	if (fseek(f, size - 8, SEEK_SET) || fwrite(buf + size - 8, 1, 8, f) != 8 || fclose(f)) {
		fprintf(stderr, "%s: %s: write failed\n", argv[0], argv[1]);
		return 1;
	}
	free(buf);
	free(words);
	return 0;
}
