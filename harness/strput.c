/* See strput.h. */
#include "strput.h"

#include <string.h>

void str_copy(char *dst, size_t size, const char *src)
{
	size_t n = src ? strnlen(src, size - 1) : 0;

	memcpy(dst, src ? src : "", n);
	dst[n] = '\0';
}

char *str_put(char *p, const char *src)
{
	size_t n = strlen(src);

	memcpy(p, src, n);
	return p + n;
}

char *str_put_u64(char *p, uint64_t v)
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

const char *str_u64(char buf[21], uint64_t v)
{
	*str_put_u64(buf, v) = '\0';
	return buf;
}

void str_hex16(char out[17], uint64_t v)
{
	for (int i = 15; i >= 0; i--, v >>= 4)
		out[i] = "0123456789abcdef"[v & 15];
	out[16] = '\0';
}
