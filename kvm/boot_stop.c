/* See boot_stop.h. The flag is set before immediate_exit and the signal, and a kicked thread
 * reads it after KVM_RUN returned: whichever of the two reaches it, it sees the flag (seq_cst
 * atomics). */
#include <signal.h>
#include <string.h>
#include "boot_stop.h"

static void on_kick(int sig)
{
	(void)sig; /* the EINTR out of KVM_RUN is the whole point */
}

void boot_stop_install(void)
{
	/* SA_RESTART: a kick that lands outside KVM_RUN (reading the trace, printing records) must
	 * not cut those calls short; KVM_RUN returns EINTR regardless, as ppoll does. */
	struct sigaction sa = {.sa_handler = on_kick, .sa_flags = SA_RESTART};

	sigemptyset(&sa.sa_mask);
	sigaction(BOOT_STOP_SIGNAL, &sa, NULL);
}

void boot_stop_reset(struct boot_stop *st)
{
	static pthread_mutex_t init = PTHREAD_MUTEX_INITIALIZER;

	memset(st, 0, sizeof(*st));
	st->lock = init;
	atomic_init(&st->stopping, false);
}

void boot_stop_register(struct boot_stop *st, pthread_t thread, struct kvm_run *run)
{
	pthread_mutex_lock(&st->lock);
	if (st->n < BOOT_STOP_MAX_THREADS) {
		st->threads[st->n] = thread;
		st->runs[st->n] = run;
		st->n++;
	}
	pthread_mutex_unlock(&st->lock);
}

enum boot_exit boot_stop_all(struct boot_stop *st, enum boot_exit exit)
{
	enum boot_exit first;

	pthread_mutex_lock(&st->lock);
	if (!atomic_load(&st->stopping)) {
		st->exit = exit;
		atomic_store(&st->stopping, true);
	}
	first = st->exit;
	for (unsigned i = 0; i < st->n; i++) {
		if (pthread_equal(st->threads[i], pthread_self()))
			continue;
		st->runs[i]->immediate_exit = 1;
		pthread_kill(st->threads[i], BOOT_STOP_SIGNAL);
	}
	pthread_mutex_unlock(&st->lock);
	return first;
}

bool boot_stopping(struct boot_stop *st)
{
	return atomic_load(&st->stopping);
}

enum boot_exit boot_stop_outcome(struct boot_stop *st)
{
	enum boot_exit exit;

	pthread_mutex_lock(&st->lock);
	exit = st->exit;
	pthread_mutex_unlock(&st->lock);
	return exit;
}
