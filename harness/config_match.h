/* Did the board run what the harness asked for? The run's `cfg` record against the requested
 * config, so a board that booted something else never gets rows under the requested labels
 * (docs/protocol.md, "Run status": config_mismatch). */
#ifndef S2B_HARNESS_CONFIG_MATCH_H
#define S2B_HARNESS_CONFIG_MATCH_H

#include <stddef.h>

#include "runconfig.h"

/* 0 when GOT (the cfg record's keys over run_config_defaults(), as the collector keeps them)
 * is ASKED in every key the hypervisor is sent (strategy .. trace, vcpus); keys the board left
 * out (ABSENT: runs.csv column bits, collect.h's cfg_absent) and the harness's own keys (board,
 * oracle, rep) are not compared. Else 1, with WHY = "config_mismatch:KEY:ASKED_vs_GOT" for the
 * first key that differs. */
int config_mismatch(const struct run_config *asked, const struct run_config *got, unsigned absent,
		    char *why, size_t len);

#endif
