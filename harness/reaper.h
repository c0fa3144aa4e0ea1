/* Children die with s2bench, even when it is SIGKILLed: a watcher process in its own session holds
 * one end of a socket pair whose other end only we hold. When we die it reads EOF and the
 * watcher SIGKILLs every process group still registered (an emulator's helpers, the QEMU a
 * runner script started), then exits. PR_SET_PDEATHSIG (process.c) covers the direct child;
 * this covers the rest of its group. */
#ifndef S2B_HARNESS_REAPER_H
#define S2B_HARNESS_REAPER_H

#include <sys/types.h>

/* Starts the watcher once (later calls do nothing). -1 if it could not be started. */
int reaper_start(void);
/* In a forked child, before exec: registers the child's process group. Async-signal-safe. */
void reaper_register_self(void);
/* The group PGID was reaped: the watcher must not kill that id (it may be reused). */
void reaper_forget(pid_t pgid);

#endif
