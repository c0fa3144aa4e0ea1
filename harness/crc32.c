/* Slicing-by-8 CRC-32 (reflected polynomial 0xEDB88320): `parse` must check every record line at
 * over a million lines per second, and a byte-at-a-time table is the hot spot of that loop. */
#include "crc32.h"

#include <string.h>

static uint32_t table[8][256];

static void build_tables(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		table[0][i] = c;
	}
	for (uint32_t i = 0; i < 256; i++)
		for (int t = 1; t < 8; t++)
			table[t][i] = (table[t - 1][i] >> 8) ^ table[0][table[t - 1][i] & 0xff];
}

uint32_t crc32_update(uint32_t crc, const void *data, size_t len)
{
	static int ready;
	const uint8_t *p = data;

	if (!ready) { /* single-threaded harness: a plain flag is enough */
		build_tables();
		ready = 1;
	}
	crc = ~crc;
	while (len >= 8) { /* little-endian hosts only (x86-64, arm64) */
		uint32_t lo, hi;
		memcpy(&lo, p, 4);
		memcpy(&hi, p + 4, 4);
		lo ^= crc;
		crc = table[7][lo & 0xff] ^ table[6][(lo >> 8) & 0xff] ^ table[5][(lo >> 16) & 0xff] ^
		      table[4][lo >> 24] ^ table[3][hi & 0xff] ^ table[2][(hi >> 8) & 0xff] ^
		      table[1][(hi >> 16) & 0xff] ^ table[0][hi >> 24];
		p += 8;
		len -= 8;
	}
	while (len--)
		crc = table[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}
