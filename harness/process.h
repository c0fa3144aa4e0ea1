/* Child processes: each in its own process group (a timeout kills the whole group), and none
 * outlives s2bench: the direct child has PR_SET_PDEATHSIG, its group is registered with the
 * reaper (reaper.h). Spawn from the main thread only: PDEATHSIG fires when the *thread* that
 * forked exits, and s2bench's main thread lives exactly as long as s2bench. */
#ifndef S2B_HARNESS_PROCESS_H
#define S2B_HARNESS_PROCESS_H

#include <stddef.h>
#include <sys/types.h>

struct spawn_io {
	const char *err_path;         /* stderr to this file (created/truncated); NULL: into the pipe */
	unsigned long long fsize_max; /* RLIMIT_FSIZE of the child (bounds err_path too); 0: none */
};

/* Starts ARGV[0] (searched in PATH) with stdin = /dev/null and stdout (and stderr unless IO says
 * otherwise) = a pipe whose read end is returned in *OUT_FD (non-blocking, close-on-exec). IO may
 * be NULL. Returns the pid (= its process group) or -1 with errno set (also when exec fails). ENV
 * = NULL keeps the current environment. */
pid_t spawn_piped(char *const argv[], char *const env[], const struct spawn_io *io, int *out_fd);

/* Waits for PID and converts its status: exit code, or 128 + signal number. */
int spawn_wait(pid_t pid);
/* Like spawn_wait without blocking: 1 and *CODE when PID has exited, 0 while it runs, -1 error. */
int spawn_try_wait(pid_t pid, int *code);
/* A descriptor that polls readable when PID exits (pidfd), or -1 where the kernel has none. */
int spawn_exit_fd(pid_t pid);

/* SIGKILLs PID's whole process group (emulators may have helpers). */
void spawn_kill_group(pid_t pid);

/* Runs ARGV and copies the first line of its output into BUF (empty on failure). */
void spawn_first_line(char *const argv[], char *buf, size_t len);

/* Runs ARGV to completion, its output copied to our stderr (a helper's messages are the user's),
 * for at most TIMEOUT_S seconds: then its process group is killed. Returns its exit status
 * (0 = success) as soon as it exits, even if a background child still holds its output; -1 with
 * errno when it could not be started; SPAWN_TIMED_OUT when it was killed for the time. */
#define SPAWN_TIMED_OUT (-2)
int spawn_run_to_stderr(char *const argv[], unsigned timeout_s);

/* Finds PROG: a path is checked as is, a bare name is looked up in PATH. 0 if executable. */
int spawn_find(const char *prog);

#endif
