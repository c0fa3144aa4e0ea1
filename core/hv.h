/* The portable body of s2hv, called by the arch's boot code once the machine is known. */
#ifndef S2_HV_H
#define S2_HV_H

#include "cpu_features.h"
#include "platform.h"

#define S2HV_VERSION "0.1.0"

/* Emit hello/cfg, run the reboot loop, emit done. Returns when the run is over. */
void hv_run(const struct platform *plat, const struct cpu_features *cpu, pa_t image_start, pa_t image_end);

/* An `error` record with just a code and a message. */
void report_error(const char *code, const char *msg);
/* The final `done` record. */
void report_done(const char *status, u64 boots);

#endif
