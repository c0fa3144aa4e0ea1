/* The portable body of s2hv, called by the arch's boot code once the machine is known. */
#ifndef S2_HV_H
#define S2_HV_H

#include "cpu_features.h"
#include "platform.h"

#define S2HV_VERSION "0.1.0"

/* The run(s) the bootargs ask for: one run of their words, or, with `s2b.config=console`, runs
 * configured over the console until a reset (config_console.h). Returns to power off. */
void hv_run(const struct platform *plat, const struct cpu_features *cpu, pa_t image_start, pa_t image_end);
/* One run of the bootargs WORDS: hello/cfg, the reboot loop, done. True when the machine can run
 * another (every secondary CPU parked), false when a vCPU would not stop. */
bool hv_run_words(const struct platform *plat, const struct cpu_features *cpu, pa_t image_start,
		  pa_t image_end, const char *words);
/* After hv_run_words: leave the machine as a new run expects it (run_teardown.h). */
void hv_teardown(void);

struct bootarg_error;
/* A refused command line: hello, `error code=bad_arg key= msg=`, done status=error. */
void hv_report_bad_arg(const struct platform *plat, const struct cpu_features *cpu,
		       const struct bootarg_error *err);

/* An `error` record with just a code and a message. */
void report_error(const char *code, const char *msg);
/* The final `done` record. */
void report_done(const char *status, u64 boots);

#endif
