/* LAVA job definitions (harness/lava.c), shared by `s2bench lava` (files) and `s2bench lava
 * submit` (harness/lava_submit.c, straight to a server). */
#ifndef S2B_HARNESS_LAVA_H
#define S2B_HARNESS_LAVA_H

#include <stddef.h>
#include <stdio.h>

#include "matrix.h"
#include "suite.h"

struct lava_job_opts {
	const char *device_type, *image_url;
	unsigned timeout_min; /* the suite's per-run timeout, whole minutes */
};

/* --image-url and --device-type as YAML can hold them (ASCII); else one line on stderr, 1. */
int lava_job_opts_check(const struct lava_job_opts *o);

/* Loads SUITE for LAVA and walks it once: *N = its runs (identical points once), refusing
 * `oracle = on` runs; *TIMEOUT_MIN from its timeout. The runs are not kept: walk them with
 * matrix_iter (board NULL), which gives them in the same order every time. S to suite_free. On
 * error: one line on stderr, nothing to free, 1. */
int lava_suite_load(const char *path, struct suite *s, size_t *n, unsigned *timeout_min);

/* Run R's job definition (YAML). */
void lava_job_write(FILE *f, const struct lava_job_opts *o, const struct planned_run *r);

int cmd_lava_submit(int argc, char **argv);

#endif
