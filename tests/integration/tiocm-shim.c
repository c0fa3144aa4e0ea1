/* LD_PRELOAD shim for tests/integration/reset-examples.sh: a pty has no modem control lines
 * (TIOCMBIS fails with ENOTTY), so this stands in for a USB-serial adapter's. Each TIOCMBIS /
 * TIOCMBIC is appended to $TIOCM_SHIM_LOG as "set|clear dtr|rts MONOTONIC_NS" and succeeds;
 * each clock_nanosleep is logged as "sleep REQUESTED_NS MONOTONIC_NS" and really sleeps. Every
 * other ioctl goes to libc. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <time.h>

static long long now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void log_line(const char *fmt, ...)
{
	const char *path = getenv("TIOCM_SHIM_LOG");
	FILE *f = path ? fopen(path, "a") : NULL;
	if (!f)
		return;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fclose(f);
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	va_start(ap, request);
	void *arg = va_arg(ap, void *);
	va_end(ap);
	if (request == TIOCMBIS || request == TIOCMBIC) {
		int bits = *(int *)arg;
		log_line("%s %s %lld\n", request == TIOCMBIS ? "set" : "clear",
			 bits == TIOCM_DTR ? "dtr" : bits == TIOCM_RTS ? "rts" : "other", now_ns());
		return 0;
	}
	int (*real)(int, unsigned long, ...) = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
	return real(fd, request, arg);
}

int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req, struct timespec *rem)
{
	int (*real)(clockid_t, int, const struct timespec *, struct timespec *) =
		(int (*)(clockid_t, int, const struct timespec *, struct timespec *))dlsym(RTLD_NEXT,
											     "clock_nanosleep");
	log_line("sleep %lld %lld\n", req->tv_sec * 1000000000LL + req->tv_nsec, now_ns());
	return real(clock, flags, req, rem);
}
