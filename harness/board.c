/* The back-end registry: suite `board` names → back-ends. */
#include "board.h"

#include <string.h>
#include <unistd.h>

#include "process.h"

const struct board_ops *board_find(const char *name)
{
	static const struct board_ops *const all[] = {
		&board_qemu_virt, &board_qemu_virt_a72, &board_qemu_raspi3b, &board_serial,
		&board_kvm_qemu_n1, &board_kvm_qemu_a72, &board_kvm_qemu_max,
	};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (strcmp(all[i]->name, name) == 0)
			return all[i];
	return NULL;
}

int board_finish_spawned(struct board_job *job, int killed)
{
	/* kill before closing the console: a writer that sees the pipe close first dies of SIGPIPE,
	 * and the run would record that instead of the kill */
	if (!job->exited && killed)
		spawn_kill_group(job->pid);
	if (job->fd >= 0)
		close(job->fd);
	job->fd = -1;
	if (job->exited)
		return job->exit_code;
	return spawn_wait(job->pid);
}
