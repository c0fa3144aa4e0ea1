/* libFuzzer target for suite files: any text either is refused with a "t.suite..." message, or
 * parses into a suite within the run limit whose walk (its first WALK_MAX runs) has unique ids and
 * only bootargs the board's own hypervisor parser accepts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "hvkeys.h"
#include "matrix.h"
#include "suite.h"

/* Runs walked per input at most: a suite may expand to SUITE_MAX_RUNS (1 M), a walk of seconds;
 * its first runs are checked like a small suite's. */
#define WALK_MAX 10000

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), err[512], why[160];
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
	struct matrix_iter it;
	struct planned_run run;
	struct id_set ids = { 0 };
	size_t n = 0, step = s.nruns > 256 ? (size_t)s.nruns / 128 : 1; /* big suites: a sample */
	matrix_iter_start(&it, &s, NULL);
	for (; n < WALK_MAX && matrix_iter_next(&it, &run); n++) {
		if (id_set_has_id(&ids, run.run_id) || id_set_add_id(&ids, run.run_id))
			abort(); /* identical points must have been merged; ids are 16 hex digits */
		const struct catalog_entry *b = catalog_find(catalog_boards, run.cfg.board);
		if (n % step == 0 && (!b || hv_board_parse(b, run.bootargs, why, sizeof(why))))
			abort(); /* the suite check let through what the hypervisor refuses */
	}
	if (n < 1 || n > s.nruns)
		abort();
	matrix_iter_end(&it);
	id_set_free(&ids);
	suite_free(&s);
	free(text);
	return 0;
}
