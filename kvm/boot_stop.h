/* Ending one boot of an N-vCPU guest: the first vCPU thread whose exit ends the boot (a reset,
 * a power-off, an error) names the outcome, and every other vCPU thread is kicked out of
 * KVM_RUN — `immediate_exit` for one about to enter it, a signal for one inside it (KVM's
 * api.rst, "immediate_exit") — and sees that the boot is over. */
#ifndef S2VMM_BOOT_STOP_H
#define S2VMM_BOOT_STOP_H

#include <linux/kvm.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include "../core/boot_exit.h"

#define BOOT_STOP_MAX_THREADS 8

struct boot_stop {
	atomic_bool stopping;
	enum boot_exit exit;   /* the first outcome: valid once stopping */
	pthread_mutex_t lock;  /* orders the first outcome against later ones */
	unsigned n;
	pthread_t threads[BOOT_STOP_MAX_THREADS];
	struct kvm_run *runs[BOOT_STOP_MAX_THREADS];
};

/* The signal that kicks a thread out of KVM_RUN (its handler does nothing: the EINTR is all).
 * Installed once; threads that must not take the watchdog's SIGALRM block it themselves. */
#define BOOT_STOP_SIGNAL SIGUSR1
void boot_stop_install(void);
/* A new boot: nobody stopping, no thread registered. */
void boot_stop_reset(struct boot_stop *st);
/* The calling thread runs `run`'s vCPU this boot. At most BOOT_STOP_MAX_THREADS. */
void boot_stop_register(struct boot_stop *st, pthread_t thread, struct kvm_run *run);
/* End the boot with `exit` unless it has ended already, and kick every registered thread but the
 * caller. Returns the boot's outcome (the first one). */
enum boot_exit boot_stop_all(struct boot_stop *st, enum boot_exit exit);
bool boot_stopping(struct boot_stop *st);
/* The boot's outcome, once boot_stopping: what a kicked thread returns. It kicks nobody: the
 * thread that ended the boot did, and a thread already joined must never be signalled. */
enum boot_exit boot_stop_outcome(struct boot_stop *st);

#endif
