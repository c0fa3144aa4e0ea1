/* Reads one key of a boots.csv `extra` cell. */
#include "extra_keys.h"
#include "results.h"

#include <stdlib.h>
#include <string.h>

double extra_value(const char *extra, const char *key)
{
	size_t n = strlen(key);
	for (const char *p = extra; p && *p; p = strchr(p, ';'), p = p ? p + 1 : NULL) {
		if (strncmp(p, key, n) != 0 || p[n] != '=')
			continue;
		const char *v = p + n + 1;
		char *end;
		double x = strtod(v, &end);
		if (end == v || (*end && *end != ';'))
			return ABSENT;
		return x;
	}
	return ABSENT;
}
