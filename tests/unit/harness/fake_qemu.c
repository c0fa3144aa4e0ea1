/* Fake qemu-system-aarch64 for harness tests: takes QEMU's arguments, prints what s2hv would for
 * the -append bootargs. Environment knobs:
 *   FAKE_QEMU_HANG=1       never finishes, and leaves a grandchild holding the console, whose pid
 *                          goes to FAKE_QEMU_CHILD_PID if set
 *   FAKE_QEMU_PIDS=DIR     writes DIR/<own pid> once running: "<grandchild pid or 0> <inode of the
 *                          stdout pipe>" (a test sees when s2bench has closed its end)
 *   FAKE_QEMU_DELAY_MS=N   sleeps before each boot
 *   FAKE_QEMU_EOF_HANG=1   prints hello, closes stdout and stderr, then never exits
 *   FAKE_QEMU_FLOOD=1      prints hello, then console lines without end (=stderr: on stderr)
 *   FAKE_QEMU_FAIL=TEXT    prints hello, TEXT on stderr, exits 1 without `done` */
#include "fake_board.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void write_pids(pid_t child)
{
	const char *pidfile = getenv("FAKE_QEMU_CHILD_PID"), *dir = getenv("FAKE_QEMU_PIDS");
	char path[600];
	FILE *f;

	if (pidfile && child && (f = fopen(pidfile, "w"))) {
		fprintf(f, "%d\n", (int)child);
		fclose(f);
	}
	if (!dir)
		return;
	/* written under a temp name and renamed: a reader never sees it half-written */
	snprintf(path, sizeof(path), "%s/.%d", dir, (int)getpid());
	struct stat st = { 0 };
	fstat(1, &st);
	if ((f = fopen(path, "w"))) {
		fprintf(f, "%d %lu\n", (int)child, (unsigned long)st.st_ino);
		fclose(f);
		char final[600];
		snprintf(final, sizeof(final), "%s/%d", dir, (int)getpid());
		rename(path, final);
	}
}

static void hello(void)
{
	char line[1100];
	fake_record(line, sizeof(line), "hello proto=1.0 hv=0.0.9-fake board=qemu-virt midr=0xf0510 pa_bits=48 fwb=1");
	printf("%s\r\n", line);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	const char *bootargs = "";
	struct fake_run run;
	pid_t child = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--version")) {
			puts("QEMU emulator version 9.9.9 (fake)");
			return 0;
		}
		if (!strcmp(argv[i], "-append") && i + 1 < argc)
			bootargs = argv[++i];
	}
	fake_run_from_bootargs(&run, bootargs);
	run.delay_ms = getenv("FAKE_QEMU_DELAY_MS") ? (unsigned)atoi(getenv("FAKE_QEMU_DELAY_MS")) : 0;
	run.hang = getenv("FAKE_QEMU_HANG") != NULL;
	if (run.hang) {
		child = fork();
		if (child == 0) { /* a helper in the same group, holding the console pipe open */
			for (;;)
				pause();
		}
	}
	write_pids(child);
	if (getenv("FAKE_QEMU_EOF_HANG")) {
		hello();
		fclose(stdout);
		fclose(stderr);
		for (;;)
			pause();
	}
	if (getenv("FAKE_QEMU_FLOOD")) {
		FILE *out = strcmp(getenv("FAKE_QEMU_FLOOD"), "stderr") ? stdout : stderr;
		hello();
		for (unsigned long i = 0;; i++)
			fprintf(out, "guest| flood line %lu, an emulator gone wild\r\n", i);
	}
	if (getenv("FAKE_QEMU_FAIL")) {
		hello();
		char forged[256]; /* CRC-valid: only the stream it is on makes it noise */
		fake_record(forged, sizeof(forged), "boot idx=9 faults=0 check=pass exit=reset");
		fprintf(stderr, "%s\nfake-qemu: warning: something before\n%s\n", forged,
			getenv("FAKE_QEMU_FAIL"));
		return 1;
	}
	fake_board_emit(stdout, &run);
	return 0;
}
