/*
 * s2vmm: a minimal VMM over KVM arm64 that runs s2bench's guest images and prints @s2b records.
 *   s2vmm [--guest-dir DIR] s2b.guest=touch s2b.boots=5 ...   (a host with /dev/kvm)
 *   /init in the KVM host initramfs: the same words come from the kernel command line.
 * See docs/kvm.md.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cmdline.h"
#include "console_stdout.h"
#include "errors.h"
#include "pid1.h"
#include "records.h"
#include "vmm.h"

#define DEFAULT_GUEST_DIR "build/guests"
#define INITRAMFS_GUEST_DIR "/guests"

static int usage(const char *bad)
{
	fprintf(stderr, "s2vmm: unexpected argument '%s'\n"
			"usage: s2vmm [--guest-dir DIR] [s2b.key=value ...]   (see docs/kvm.md)\n", bad);
	return 2;
}

int main(int argc, char **argv)
{
	static char words[4096];
	const char *guest_dir = DEFAULT_GUEST_DIR;
	size_t len = 0;
	int status;

	if (getpid() == 1) {
		pid1_setup();
		console_stdout_init();
		pid1_cmdline(words, sizeof(words));
		if (cmdline_complete(words)) {
			vmm_run(words, INITRAMFS_GUEST_DIR);
		} else {
			error_bad_arg("s2b", "kernel_command_line_cut_at_2047_chars");
			rec_done("error", 0, false, 0);
		}
		pid1_power_off();
	}
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--guest-dir") && i + 1 < argc) {
			guest_dir = argv[++i];
			continue;
		}
		if (strncmp(argv[i], "s2b.", 4))
			return usage(argv[i]);
		len += (size_t)snprintf(words + len, sizeof(words) - len, "%s ", argv[i]);
		if (len >= sizeof(words))
			return usage("(arguments too long)");
	}
	console_stdout_init();
	status = vmm_run(words, guest_dir);
	fflush(stdout);
	return status;
}
