/* CRC-32 (IEEE 802.3, the same as zlib's crc32) that protects every @s2b record. */
#ifndef S2B_HARNESS_CRC32_H
#define S2B_HARNESS_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* crc32_update(0, buf, n) is the CRC of buf; chain calls to continue a running CRC. */
uint32_t crc32_update(uint32_t crc, const void *data, size_t len);

#endif
