/*
 * Configuration over the console (docs/protocol.md): booted with `s2b.config=console`, s2hv
 * runs no suite from its bootargs but as many runs as the harness sends it, one `@s2b-cfg`
 * frame each (config_frame.h), in one power-on.
 */
#ifndef S2_CONFIG_CONSOLE_H
#define S2_CONFIG_CONSOLE_H

#include "cpu_features.h"
#include "platform.h"

/* The bootargs hold the word `s2b.config=...` (any value: a wrong one is refused by the serve). */
bool config_console_wanted(const char *bootargs);

/* Check the command line (only `s2b.config=console` and `s2b.board=NAME`), then forever: `ready`,
 * wait for a good frame (nak the bad ones), `ack`, the run of its words (hv_run_words), tear it
 * down. Returns, to power off, on a refused command line, a console that cannot receive, or a
 * run after which a vCPU would not stop. */
void config_console_serve(const struct platform *plat, const struct cpu_features *cpu,
			  pa_t img_start, pa_t img_end);

#endif
