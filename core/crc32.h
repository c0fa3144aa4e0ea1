/* CRC-32 (IEEE 802.3, as zlib's crc32) for @s2b record checksums. Shared by s2hv and s2bench. */
#ifndef S2_CRC32_H
#define S2_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* Continue a CRC: start with crc = 0. */
uint32_t crc32_update(uint32_t crc, const void *data, size_t len);
/* The 8 lowercase hex digits at S, as a record or a frame writes its CRC: 0, or -1 for any other
 * byte among them. */
int crc32_parse_hex(const char *s, uint32_t *out);

#endif
