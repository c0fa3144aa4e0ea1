/* The back-end registry: suite `board` names → back-ends, from boards.h. */
#include "board.h"
#include "boards.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "process.h"

#define BOARD_DESC(id, name, host, lava_cpu, summary) { name, &board_##id, lava_cpu },
const struct board_desc board_descs[] = { S2B_BOARDS(BOARD_DESC) };
const size_t board_desc_count = sizeof(board_descs) / sizeof(board_descs[0]);

const struct board_desc *board_desc_find(const char *name)
{
	for (size_t i = 0; i < board_desc_count; i++)
		if (strcmp(board_descs[i].name, name) == 0)
			return &board_descs[i];
	return NULL;
}

const struct board_ops *board_find(const char *name)
{
	const struct board_desc *d = board_desc_find(name);

	return d ? d->ops : NULL;
}

void board_build_dir(const struct run_options *opt, char *buf, size_t len)
{
	const char *slash = strrchr(opt->image, '/');
	snprintf(buf, len, "%.*s", slash ? (int)(slash - opt->image) : 1, slash ? opt->image : ".");
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
