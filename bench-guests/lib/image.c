/* See image.h. */
#include "image.h"

#include "fletcher64.h"

/* Placed last in the loaded image by guest.ld; embed-sum overwrites the zero after linking. */
const volatile u64 image_sum __attribute__((section(".image_sum"), used)) = 0;

u64 checksum_bytes(const void *p, size_t size)
{
	struct fletcher64 f = FLETCHER64_INIT;

	fletcher64_words(&f, p, size / 4);
	return fletcher64_final(&f);
}

bool image_verify(void)
{
	u64 sum = checksum_bytes(__image_start, image_checked_size());
	bool ok = sum == image_sum;

	if (!ok)
		s2b_printf("image checksum mismatch: 0x%lx, built 0x%lx\n", sum, image_sum);
	return s2b_check(ok, sum, image_sum);
}
