/* Number parsing for bootargs: decimal or 0x-hex, optional K/M/G suffix, no junk allowed. */
#include "../lib.h"

bool parse_u64(const char *s, size_t len, bool allow_suffix, u64 *out)
{
	u64 v = 0, base = 10, shift = 0;
	size_t i = 0;

	if (len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16, i = 2;
	if (allow_suffix && len > i + 1) {
		switch (s[len - 1]) {
		case 'K': case 'k': shift = 10; len--; break;
		case 'M': case 'm': shift = 20; len--; break;
		case 'G': case 'g': shift = 30; len--; break;
		}
	}
	if (i == len)
		return false;
	for (; i < len; i++) {
		char c = s[i];
		u64 d = (c >= '0' && c <= '9') ? (u64)(c - '0')
			: (base == 16 && c >= 'a' && c <= 'f') ? (u64)(c - 'a' + 10)
			: (base == 16 && c >= 'A' && c <= 'F') ? (u64)(c - 'A' + 10) : 99;

		if (d >= base || v > (~0ULL - d) / base)
			return false;
		v = v * base + d;
	}
	if (shift && v > (~0ULL >> shift))
		return false;
	*out = v << shift;
	return true;
}
