/* See bundle.h. Byte-wise little-endian reads: the bundle's fields need no particular alignment. */
#include "bundle.h"
#include "arch.h"
#include "lib.h"

#define BUNDLE_MAGIC "S2BUNDLE"
#define BUNDLE_VERSION 1
#define HEADER_SIZE 16
#define ENTRY_SIZE 32

static u64 le(const u8 *p, unsigned bytes)
{
	u64 v = 0;

	while (bytes--)
		v = (v << 8) | p[bytes];
	return v;
}

const char *bundle_find(const struct platform *plat, struct bundle *bn)
{
	u64 total = plat->initrd_end - plat->initrd_start, count;
	const u8 *base;

	memset(bn, 0, sizeof(*bn));
	if (plat->initrd_end <= plat->initrd_start)
		return "no_bundle";
	base = arch_pa_to_va(plat->initrd_start);
	if (total < HEADER_SIZE || memcmp(base, BUNDLE_MAGIC, 8) || le(base + 8, 4) != BUNDLE_VERSION)
		return "bad_bundle";
	count = le(base + 12, 4);
	if (count > (total - HEADER_SIZE) / ENTRY_SIZE)
		return "bad_bundle";
	for (u64 i = 0; i < count; i++) {
		const u8 *e = base + HEADER_SIZE + i * ENTRY_SIZE;
		u64 kind = le(e, 4), off = le(e + 8, 8), size = le(e + 16, 8);

		if (off > total || size > total - off)
			return "bad_bundle";
		if (kind > 0 && kind < BUNDLE_KINDS && size) {
			bn->part[kind].data = base + off;
			bn->part[kind].size = size;
		}
	}
	return bn->part[BUNDLE_KERNEL].data ? NULL : "no_kernel";
}
