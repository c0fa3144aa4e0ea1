/* Text put together by hand where snprintf was parse's hot spot (a format parse per call): run ids,
 * runs.csv cells, the fields a record fills. Each writes exactly what the printf it replaces did.
 * Inline, header only: every user (s2bench, the fuzz targets) gets it without a link change. */
#ifndef S2B_HARNESS_STRPUT_H
#define S2B_HARNESS_STRPUT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* snprintf(DST, SIZE, "%s", SRC ? SRC : ""): at most SIZE - 1 bytes and a NUL (SIZE > 0). */
static inline void str_copy(char *dst, size_t size, const char *src)
{
	size_t n = src ? strnlen(src, size - 1) : 0;

	memcpy(dst, src ? src : "", n);
	dst[n] = '\0';
}

/* Appends SRC (no NUL) at P; returns the end. */
static inline char *str_put(char *p, const char *src)
{
	size_t n = strlen(src);

	memcpy(p, src, n);
	return p + n;
}

/* Appends V in decimal ("%" PRIu64, no NUL) at P, which has room for 20 bytes; returns the end. */
static inline char *str_put_u64(char *p, uint64_t v)
{
	char digits[20];
	int n = 0;

	do
		digits[n++] = (char)('0' + v % 10);
	while (v /= 10);
	while (n)
		*p++ = digits[--n];
	return p;
}

/* V in decimal and a NUL in BUF: snprintf(BUF, 21, "%" PRIu64, V). Returns BUF. */
static inline const char *str_u64(char buf[21], uint64_t v)
{
	*str_put_u64(buf, v) = '\0';
	return buf;
}

/* V as 16 lowercase hex digits and a NUL: "%016" PRIx64. */
static inline void str_hex16(char out[17], uint64_t v)
{
	for (int i = 15; i >= 0; i--, v >>= 4)
		out[i] = "0123456789abcdef"[v & 15];
	out[16] = '\0';
}

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
