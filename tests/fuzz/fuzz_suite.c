/* libFuzzer target for suite files: any text either is refused with a "t.suite..." message, or
 * parses into a suite within the run limit whose expansion has unique ids and only bootargs the
 * board's own hypervisor parser accepts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "hvkeys.h"
#include "matrix.h"
#include "suite.h"

static int by_id(const void *a, const void *b)
{
	return strcmp(((const struct planned_run *)a)->run_id, ((const struct planned_run *)b)->run_id);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), err[512], why[160];
	struct planned_run *runs;
	struct suite s;

	memcpy(text, data, size);
	text[size] = '\0';
	err[0] = 0;
	if (suite_parse("t.suite", text, &s, err, sizeof(err))) {
		if (strncmp(err, "t.suite", 7))
			abort(); /* every refusal names the file */
		free(text);
		return 0;
	}
	if (!s.name[0] || strlen(s.name) > SUITE_NAME_MAX || s.nruns < 1 || s.nruns > SUITE_MAX_RUNS)
		abort();
	size_t n = matrix_expand(&s, &runs);
	if (n < 1 || n > s.nruns)
		abort();
	for (size_t i = 0; i < n; i += n > 256 ? n / 128 : 1) { /* big expansions: a sample */
		const struct catalog_entry *b = catalog_find(catalog_boards, runs[i].cfg.board);
		if (!b || hv_board_parse(b, runs[i].bootargs, why, sizeof(why)))
			abort(); /* the suite check let through what the hypervisor refuses */
	}
	qsort(runs, n, sizeof(*runs), by_id);
	for (size_t i = 1; i < n; i++)
		if (!strcmp(runs[i - 1].run_id, runs[i].run_id))
			abort(); /* identical points must have been merged */
	free(runs);
	suite_free(&s);
	free(text);
	return 0;
}
