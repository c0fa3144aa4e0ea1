/* kvm/boot_stop.c: the first vCPU thread to end a boot names its outcome, and every other vCPU
 * thread is kicked out of its blocking "KVM_RUN" whether it is already inside or not yet there.
 * Real threads and a real signal; the stand-in for KVM_RUN does what KVM does with
 * immediate_exit and signals: it returns EINTR at once if immediate_exit is set, else blocks
 * with the kick signal unblocked (ppoll) until one arrives. */
#include <criterion/criterion.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <signal.h>
#include <unistd.h>
#include "../../../kvm/boot_stop.h"

#define THREADS 4

static struct boot_stop st;
static struct kvm_run runs[THREADS];
static int never_readable[2];
static pthread_barrier_t registered;
static enum boot_exit seen[THREADS];

/* KVM_RUN's stand-in: 0 never happens here (nothing to exit for), -1 with EINTR when kicked. */
static int fake_kvm_run(struct kvm_run *run)
{
	sigset_t unblocked;
	struct pollfd pfd = {.fd = never_readable[0], .events = POLLIN};

	if (run->immediate_exit) {
		errno = EINTR;
		return -1;
	}
	pthread_sigmask(SIG_SETMASK, NULL, &unblocked);
	sigdelset(&unblocked, BOOT_STOP_SIGNAL);
	return ppoll(&pfd, 1, NULL, &unblocked);
}

static void *vcpu_thread(void *arg)
{
	unsigned i = (unsigned)(uintptr_t)arg;

	boot_stop_register(&st, pthread_self(), &runs[i]);
	pthread_barrier_wait(&registered);
	while (!boot_stopping(&st))
		if (fake_kvm_run(&runs[i]) < 0 && errno == EINTR)
			runs[i].immediate_exit = 0; /* as kvm/vcpu.c's vcpu_run does */
	seen[i] = boot_stop_outcome(&st);
	return NULL;
}

static void setup(void)
{
	sigset_t kick;

	boot_stop_install();
	/* blocked outside ppoll, so a kick before a thread blocks stays pending for it */
	sigemptyset(&kick);
	sigaddset(&kick, BOOT_STOP_SIGNAL);
	pthread_sigmask(SIG_BLOCK, &kick, NULL);
	cr_assert_eq(pipe(never_readable), 0);
	boot_stop_reset(&st);
	memset(runs, 0, sizeof(runs));
}

Test(boot_stop, first_outcome_wins_and_every_other_thread_leaves_kvm_run, .init = setup, .timeout = 20)
{
	pthread_t t[THREADS];

	pthread_barrier_init(&registered, NULL, THREADS);
	/* thread 0 is this one, the boot vCPU's; 1..3 block in their KVM_RUN */
	boot_stop_register(&st, pthread_self(), &runs[0]);
	for (unsigned i = 1; i < THREADS; i++)
		cr_assert_eq(pthread_create(&t[i], NULL, vcpu_thread, (void *)(uintptr_t)i), 0);
	pthread_barrier_wait(&registered);
	cr_assert_not(boot_stopping(&st));

	cr_assert_eq(boot_stop_all(&st, BOOT_RESET), BOOT_RESET);
	for (unsigned i = 1; i < THREADS; i++) {
		cr_assert_eq(pthread_join(t[i], NULL), 0);
		cr_assert_eq(seen[i], BOOT_RESET, "vCPU %u sees the outcome of the boot", i);
	}
	/* the kicked threads kicked nobody in turn: one of them could be joined already */
	cr_assert_eq(runs[0].immediate_exit, 0, "a kicked thread never kicks");
	cr_assert_eq(boot_stop_all(&st, BOOT_OFF), BOOT_RESET, "a later outcome does not replace the first");
	cr_assert_eq(boot_stop_outcome(&st), BOOT_RESET);
}

Test(boot_stop, a_new_boot_starts_running_and_the_caller_never_kicks_itself, .init = setup)
{
	boot_stop_register(&st, pthread_self(), &runs[0]);
	boot_stop_all(&st, BOOT_OFF);
	cr_assert_eq(runs[0].immediate_exit, 0);
	cr_assert(boot_stopping(&st));
	boot_stop_reset(&st);
	cr_assert_not(boot_stopping(&st));
	cr_assert_eq(boot_stop_all(&st, BOOT_RESET), BOOT_RESET);
}
