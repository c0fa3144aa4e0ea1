/* Fake qemu-system-aarch64 for harness tests: takes QEMU's arguments, prints what s2hv would for
 * the -append bootargs. Environment knobs: FAKE_QEMU_HANG=1 (never finishes, and leaves a
 * grandchild holding the console, whose pid goes to FAKE_QEMU_CHILD_PID if set),
 * FAKE_QEMU_DELAY_MS=N (before each boot). */
#include "fake_board.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *bootargs = "";
	struct fake_run run;

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
		pid_t child = fork();
		if (child == 0) { /* a helper in the same group, holding the console pipe open */
			for (;;)
				pause();
		}
		const char *pidfile = getenv("FAKE_QEMU_CHILD_PID");
		FILE *f = pidfile ? fopen(pidfile, "w") : NULL;
		if (f) {
			fprintf(f, "%d\n", (int)child);
			fclose(f);
		}
	}
	fake_board_emit(stdout, &run);
	return 0;
}
