/* The plugin prints its verdict without a CRC (it is not the console); the harness seals it. */
#include "oracle_record.h"

#include "../core/crc32.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SUMMARY "@oracle violations="

int oracle_record_from_log(const char *text, size_t len, char *out, size_t outlen)
{
	const size_t plen = sizeof(SUMMARY) - 1;

	for (size_t at = 0; at + plen <= len;) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = (nl ? (size_t)(nl - text) : len) - at;
		if (n >= plen && !memcmp(text + at, SUMMARY, plen)) {
			/* "@oracle k=v ..." → "@s2b oracle k=v ..." */
			int body = snprintf(out, outlen, "@s2b oracle %.*s", (int)(n - 8), text + at + 8);
			if (body < 0 || (size_t)body + 10 >= outlen)
				return -1;
			uint32_t crc = crc32_update(0, out, (size_t)body);
			return body + snprintf(out + body, outlen - (size_t)body, " *%08x", crc);
		}
		at += n + 1;
	}
	return -1;
}

int oracle_record_from_file(const char *path, char *out, size_t outlen)
{
	FILE *f = fopen(path, "r");
	char buf[1 << 16]; /* the summary is among the log's first lines: -d plugin logs nothing else */
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	return oracle_record_from_log(buf, n, out, outlen);
}
