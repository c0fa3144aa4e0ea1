/* The few C library functions the core uses: libc on the host, core/lib/ when freestanding. */
#ifndef S2_LIB_H
#define S2_LIB_H

#include <stdarg.h>
#include <string.h>
#include "types.h"

/* snprintf subset: %s %c %d %u %x %lu %lx %llu %llx %ld %lld %p, width/zero-pad for numbers. */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Parse a decimal or 0x-hex u64 with optional K/M/G suffix. Returns false on any junk. */
bool parse_u64(const char *s, size_t len, bool allow_suffix, u64 *out);

#endif
