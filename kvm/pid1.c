/* See pid1.h. Failures are ignored on purpose: what is missing shows up later as a clear error
 * (no /dev/kvm) or an absent field with a note (no tracefs), which is more useful than stopping. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include "pid1.h"

#define SYSLOG_ACTION_CONSOLE_LEVEL 8

static void mount_at(const char *type, const char *dir)
{
	mkdir(dir, 0755);
	mount(type, dir, type, 0, NULL);
}

void pid1_setup(void)
{
	int fd;

	mount_at("proc", "/proc");
	mount_at("sysfs", "/sys");
	mount_at("devtmpfs", "/dev");
	mount_at("tracefs", "/sys/kernel/tracing");
	/* The kernel found no /dev/console in an initramfs without device nodes: open it now. */
	fd = open("/dev/console", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	/* core/console already ends lines with "\r\n"; the tty's ONLCR would make it "\r\r\n". */
	struct termios t;

	if (tcgetattr(1, &t) == 0) {
		t.c_oflag &= ~(tcflag_t)OPOST;
		tcsetattr(1, TCSANOW, &t);
	}
	klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 1); /* only emergencies on the console */
}

void pid1_cmdline(char *buf, size_t size)
{
	FILE *f = fopen("/proc/cmdline", "re");
	size_t n = 0;

	if (f) {
		n = fread(buf, 1, size - 1, f);
		fclose(f);
	}
	buf[n] = 0;
}

void pid1_power_off(void)
{
	fflush(NULL);
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}
