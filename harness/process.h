/* Child processes: posix_spawn in a new process group, so a timeout can kill the whole group. */
#ifndef S2B_HARNESS_PROCESS_H
#define S2B_HARNESS_PROCESS_H

#include <stddef.h>
#include <sys/types.h>

/* Starts ARGV[0] (searched in PATH) with stdin = /dev/null and stdout+stderr = a pipe whose read
 * end is returned in *OUT_FD (non-blocking, close-on-exec). Returns the pid (= its process group)
 * or -1 with errno set. ENV = NULL keeps the current environment. */
pid_t spawn_piped(char *const argv[], char *const env[], int *out_fd);

/* Waits for PID and converts its status: exit code, or 128 + signal number. */
int spawn_wait(pid_t pid);

/* SIGKILLs PID's whole process group (emulators may have helpers). */
void spawn_kill_group(pid_t pid);

/* Runs ARGV and copies the first line of its output into BUF (empty on failure). */
void spawn_first_line(char *const argv[], char *buf, size_t len);

/* Finds PROG: a path is checked as is, a bare name is looked up in PATH. 0 if executable. */
int spawn_find(const char *prog);

#endif
