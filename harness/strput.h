/* Text put together by hand where snprintf was parse's hot spot (a format parse per call): run ids,
 * runs.csv cells, the fields a record fills. Each writes exactly what the printf it replaces did. */
#ifndef S2B_HARNESS_STRPUT_H
#define S2B_HARNESS_STRPUT_H

#include <stddef.h>
#include <stdint.h>

/* snprintf(DST, SIZE, "%s", SRC ? SRC : ""): at most SIZE - 1 bytes and a NUL (SIZE > 0). */
void str_copy(char *dst, size_t size, const char *src);

/* Appends SRC (no NUL) at P; returns the end. */
char *str_put(char *p, const char *src);

/* Appends V in decimal ("%" PRIu64, no NUL) at P, which has room for 20 bytes; returns the end. */
char *str_put_u64(char *p, uint64_t v);

/* V in decimal and a NUL in BUF: snprintf(BUF, 21, "%" PRIu64, V). Returns BUF. */
const char *str_u64(char buf[21], uint64_t v);

/* V as 16 lowercase hex digits and a NUL: "%016" PRIx64. */
void str_hex16(char out[17], uint64_t v);

/* strcmp(A, B) == 0 for the short words records and tables are made of (keys, kinds, column
 * names): inline, where a strcmp call per key was a tenth of parse's time. */
static inline int str_eq(const char *a, const char *b)
{
	while (*a == *b) {
		if (!*a)
			return 1;
		a++, b++;
	}
	return 0;
}

#endif
