/* See watchdog.h. ITIMER_REAL and SIGALRM: the secondary vCPUs' threads block it (kvm/vmm.c),
 * so the signal lands on the main thread, the boot vCPU's, in KVM_RUN. SA_RESTART keeps other syscalls (console writes) whole; KVM_RUN itself
 * returns EINTR regardless. */
#include <signal.h>
#include <stddef.h>
#include <sys/time.h>
#include "timebase.h"
#include "watchdog.h"

static struct kvm_run *volatile kicked_run;
static u64 deadline_ns;

static void on_tick(int sig)
{
	struct kvm_run *run = kicked_run;

	(void)sig;
	if (run)
		run->immediate_exit = 1;
}

static void set_timer(long ms)
{
	struct itimerval t = {
		.it_interval = {ms / 1000, (ms % 1000) * 1000},
		.it_value = {ms / 1000, (ms % 1000) * 1000},
	};

	setitimer(ITIMER_REAL, &t, NULL);
}

void watchdog_start(struct kvm_run *run, u64 timeout_s)
{
	static bool installed;

	if (!installed) {
		struct sigaction sa = {.sa_handler = on_tick, .sa_flags = SA_RESTART};

		sigemptyset(&sa.sa_mask);
		sigaction(SIGALRM, &sa, NULL);
		installed = true;
	}
	deadline_ns = mono_ns() + timeout_s * 1000000000ULL;
	kicked_run = run;
	set_timer(WATCHDOG_TICK_MS);
}

void watchdog_stop(void)
{
	set_timer(0);
	if (kicked_run)
		kicked_run->immediate_exit = 0;
	kicked_run = NULL;
}

bool watchdog_expired(void)
{
	return mono_ns() >= deadline_ns;
}
