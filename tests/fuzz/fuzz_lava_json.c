/* libFuzzer target for the reader of LAVA's REST answers (harness/lava_json.c) and the job
 * state mapping (harness/lava_state.c):
 *  - no read outside the answer (an exact-size copy: ASan sees one byte past it);
 *  - a member found means the whole text is valid JSON; a string read is NUL-terminated inside
 *    its buffer, however small;
 *  - a string written by lava_json_put_string reads back exactly (any bytes but NUL);
 *  - any state/health pair maps to a phase; only a finished job has a status, one of LAVA's. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lava_json.h"
#include "lava_state.h"

static void read_members(const char *json, size_t n)
{
	static const char *const keys[] = { "state", "health", "failure_comment", "detail",
					    "message", "name", "job_ids", "id" };
	int valid = lava_json_valid(json, n);
	char small[5], big[4096];

	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		unsigned long long v;
		memset(small, 'x', sizeof(small));
		if (lava_json_string(json, n, keys[k], small, sizeof(small)) == 0 &&
		    (!valid || memchr(small, '\0', sizeof(small)) == NULL))
			abort();
		if (lava_json_string(json, n, keys[k], big, sizeof(big)) == 0 && !valid)
			abort();
		if (lava_json_uint(json, n, keys[k], &v) == 0 && (!valid || v > (1ull << 53)))
			abort();
	}
}

static void round_trip(const char *text)
{
	char *buf = NULL;
	size_t len = 0, n = strlen(text);
	FILE *f = open_memstream(&buf, &len);
	char *out = malloc(n + 1);

	if (!f || !out)
		abort();
	fputs("{\"definition\": ", f);
	lava_json_put_string(f, text);
	fputc('}', f);
	fclose(f);
	if (!lava_json_valid(buf, len) || lava_json_string(buf, len, "definition", out, n + 1) ||
	    strcmp(out, text) != 0)
		abort();
	free(out);
	free(buf);
}

static void verdict(const char *text)
{
	const char *nl = strchr(text, '\n');
	char state[64];

	if (!nl || (size_t)(nl - text) >= sizeof(state))
		return;
	memcpy(state, text, (size_t)(nl - text));
	state[nl - text] = '\0';
	struct lava_verdict v = lava_job_verdict(state, nl + 1);
	if (v.status && (v.phase != LAVA_PHASE_DONE || (strcmp(v.status, "lava_incomplete") &&
							 strcmp(v.status, "lava_canceled"))))
		abort();
	if (v.phase == LAVA_PHASE_DONE && strcmp(state, "Finished"))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1);

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	read_members(copy, size); /* reads SIZE bytes only: the NUL below is not part of it */
	copy[size] = '\0';
	round_trip(copy);
	verdict(copy);
	free(copy);
	return 0;
}
