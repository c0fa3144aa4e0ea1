/* See cmdline.h. */
#include <string.h>
#include "cmdline.h"

static bool space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

bool cmdline_complete(const char *words)
{
	size_t n = strlen(words), k = strlen(CMDLINE_END);

	while (n && space(words[n - 1]))
		n--;
	return n >= k && !memcmp(words + n - k, CMDLINE_END, k) && (n == k || space(words[n - k - 1]));
}
