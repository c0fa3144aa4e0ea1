/* `s2bench run` and its children's lifetimes, against the fake emulator: no emulator outlives a
 * SIGKILLed s2bench, a console that closes early does not stop the timeout or SIGINT, a flooding
 * console is cut at --log-cap, an emulator's stderr is never console. Every wait is a bounded poll
 * for a condition; a test that gives up kills what it started. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "support.h"

#define MAX_PIDS 8

static char *env_kv(const char *k, const char *v)
{
	char *e;
	cr_assert(asprintf(&e, "%s=%s", k, v) > 0);
	return e;
}

static double mono_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Polls COND(ARG) every 20 ms for at most LIMIT_S seconds. */
static int wait_until(int (*cond)(void *), void *arg, double limit_s)
{
	double end = mono_s() + limit_s;
	while (!cond(arg)) {
		if (mono_s() > end)
			return 0;
		usleep(20000);
	}
	return 1;
}

/* What the fake emulators wrote into FAKE_QEMU_PIDS: their pids, helpers' pids, pipe inodes. */
struct fakes {
	const char *dir;
	size_t want, n;
	pid_t pid[MAX_PIDS], helper[MAX_PIDS];
	unsigned long ino[MAX_PIDS];
};

static int fakes_read(void *arg)
{
	struct fakes *f = arg;
	DIR *d = opendir(f->dir);
	struct dirent *e;
	f->n = 0;
	while (d && (e = readdir(d)) && f->n < MAX_PIDS) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		char path[700], *text;
		snprintf(path, sizeof(path), "%s/%s", f->dir, e->d_name);
		if (!(text = read_text(path)))
			continue;
		int helper = 0;
		sscanf(text, "%d %lu", &helper, &f->ino[f->n]);
		f->pid[f->n] = atoi(e->d_name);
		f->helper[f->n++] = helper;
		free(text);
	}
	if (d)
		closedir(d);
	return f->n >= f->want;
}

static int fakes_all_gone(void *arg)
{
	struct fakes *f = arg;
	for (size_t i = 0; i < f->n; i++)
		if (!process_gone(f->pid[i]) || (f->helper[i] && !process_gone(f->helper[i])))
			return 0;
	return 1;
}

/* A test that failed must not leave hung fakes behind for the rest of `make test`. */
static void fakes_kill(struct fakes *f)
{
	fakes_read(f);
	for (size_t i = 0; i < f->n; i++) {
		kill(f->pid[i], SIGKILL);
		if (f->helper[i])
			kill(f->helper[i], SIGKILL);
	}
}

struct child {
	pid_t pid;
	int status; /* exit status once exited */
};

static int child_exited(void *arg)
{
	struct child *c = arg;
	int st;
	if (waitpid(c->pid, &st, WNOHANG) != c->pid)
		return 0;
	c->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	return 1;
}

/* Waits at most LIMIT_S for s2bench; if it does not exit, kills it and its fakes and fails. */
static int finish_s2bench(pid_t pid, struct fakes *f, double limit_s)
{
	struct child c = { pid, -1 };
	if (wait_until(child_exited, &c, limit_s))
		return c.status;
	kill(pid, SIGKILL);
	wait_exit(pid);
	fakes_kill(f);
	cr_assert_fail("s2bench did not exit within %.0f s", limit_s);
	return -1;
}

struct fd_probe {
	pid_t pid;
	unsigned long ino;
};

/* Has PID closed every descriptor of the pipe with inode INO? */
static int pipe_closed(void *arg)
{
	struct fd_probe *p = arg;
	char dir[64], want[64];
	snprintf(dir, sizeof(dir), "/proc/%d/fd", (int)p->pid);
	snprintf(want, sizeof(want), "pipe:[%lu]", p->ino);
	DIR *d = opendir(dir);
	struct dirent *e;
	int open_still = 0;
	while (d && (e = readdir(d))) {
		char path[400], target[128];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		ssize_t n = readlink(path, target, sizeof(target) - 1);
		if (n > 0) {
			target[n] = '\0';
			open_still |= !strcmp(target, want);
		}
	}
	if (d)
		closedir(d);
	return !open_still;
}

static char *pids_dir(const char *dir)
{
	char *p;
	cr_assert(asprintf(&p, "%s/pids", dir) > 0);
	mkdir(p, 0755);
	return p;
}

Test(lifetime, sigkill_of_s2bench_kills_every_emulator_and_its_helpers, .timeout = 90)
{
	char *dir = make_tmpdir("life-kill"), out_dir[600], log[600];
	char *s = write_suite(dir, "strategy = unmap clean\n");
	struct fakes f = { .dir = pids_dir(dir), .want = 2 };
	snprintf(out_dir, sizeof(out_dir), "%s/res", dir);
	snprintf(log, sizeof(log), "%s/out.txt", dir);
	char *args[] = { "run", s, "-j", "2", "--timeout", "600", "--out", out_dir, "--image", fake_image(dir), NULL };
	char *env[] = { env_kv("S2B_QEMU", fake_qemu_path()), "FAKE_QEMU_HANG=1",
			env_kv("FAKE_QEMU_PIDS", f.dir), NULL };
	pid_t pid = start_s2bench(args, env, log);
	if (!wait_until(fakes_read, &f, 30)) {
		kill(pid, SIGKILL);
		wait_exit(pid);
		fakes_kill(&f);
		cr_assert_fail("the two fake emulators never started: %s", read_text(log));
	}
	kill(pid, SIGKILL);
	wait_exit(pid);
	int gone = wait_until(fakes_all_gone, &f, 20);
	fakes_kill(&f);
	cr_assert(gone, "an emulator or its helper outlived the SIGKILLed s2bench");
	cr_expect_eq(f.n, 2);
	cr_expect(f.helper[0] && f.helper[1], "each fake left a helper in its group");
}

Test(lifetime, a_run_whose_console_closed_early_still_times_out, .timeout = 90)
{
	char *dir = make_tmpdir("life-eof"), out_dir[600], log[600];
	char *s = write_suite(dir, "strategy = unmap\n");
	struct fakes f = { .dir = pids_dir(dir), .want = 1 };
	snprintf(out_dir, sizeof(out_dir), "%s/res", dir);
	snprintf(log, sizeof(log), "%s/out.txt", dir);
	char *args[] = { "run", s, "--timeout", "2", "--out", out_dir, "--image", fake_image(dir), NULL };
	char *env[] = { env_kv("S2B_QEMU", fake_qemu_path()), "FAKE_QEMU_EOF_HANG=1",
			env_kv("FAKE_QEMU_PIDS", f.dir), NULL };
	pid_t pid = start_s2bench(args, env, log);
	cr_assert_eq(finish_s2bench(pid, &f, 40), 0, "%s", read_text(log));
	struct csv_rows runs;
	load_csv(out_dir, "runs.csv", &runs);
	cr_assert_eq(runs.nrows, 1);
	cr_expect_str_eq(csv_cell(&runs, 0, "status"), "timeout");
	cr_expect_str_eq(csv_cell(&runs, 0, "error"), "timeout_after_2s");
	cr_expect_str_eq(csv_cell(&runs, 0, "exit_code"), "137", "SIGKILL");
	fakes_read(&f);
	int gone = wait_until(fakes_all_gone, &f, 20);
	fakes_kill(&f);
	cr_expect(gone, "the emulator was killed");
}

Test(lifetime, sigint_after_the_console_closed_stops_with_130, .timeout = 90)
{
	char *dir = make_tmpdir("life-eof-int"), out_dir[600], log[600];
	char *s = write_suite(dir, "strategy = unmap\n");
	struct fakes f = { .dir = pids_dir(dir), .want = 1 };
	snprintf(out_dir, sizeof(out_dir), "%s/res", dir);
	snprintf(log, sizeof(log), "%s/out.txt", dir);
	char *args[] = { "run", s, "--timeout", "3600", "--out", out_dir, "--image", fake_image(dir), NULL };
	char *env[] = { env_kv("S2B_QEMU", fake_qemu_path()), "FAKE_QEMU_EOF_HANG=1",
			env_kv("FAKE_QEMU_PIDS", f.dir), NULL };
	pid_t pid = start_s2bench(args, env, log);
	/* SIGINT only once s2bench has seen the console's EOF (closed its end of the pipe) */
	struct fd_probe probe = { pid, 0 };
	if (wait_until(fakes_read, &f, 30)) {
		probe.ino = f.ino[0];
		wait_until(pipe_closed, &probe, 30);
	}
	int ready = f.n == 1 && pipe_closed(&probe);
	kill(pid, SIGINT);
	int rc = finish_s2bench(pid, &f, 20);
	fakes_kill(&f);
	cr_assert(ready, "the fake started and s2bench closed the console");
	cr_expect_eq(rc, 130, "%s", read_text(log));
	cr_expect(strstr(read_text(log), "interrupted"), "%s", read_text(log));
}

/* `run` of one unmap run whose fake emulator floods (FLOOD = FAKE_QEMU_FLOOD: "1" its console,
 * "stderr" its stderr) under --log-cap CAP; its one runs.csv row in *RUNS, its result dir in OUT. */
static void run_flooding(const char *name, const char *cap, const char *flood, struct fakes *f,
			 char out[600], struct csv_rows *runs)
{
	char *dir = make_tmpdir(name), log[600], flood_env[64];
	char *s = write_suite(dir, "strategy = unmap\n");
	f->dir = pids_dir(dir);
	f->want = 1;
	snprintf(out, 600, "%s/res", dir);
	snprintf(log, sizeof(log), "%s/out.txt", dir);
	snprintf(flood_env, sizeof(flood_env), "FAKE_QEMU_FLOOD=%s", flood);
	char *args[] = { "run", s, "--timeout", "600", "--log-cap", (char *)cap, "--out", out,
			 "--image", fake_image(dir), NULL };
	char *env[] = { env_kv("S2B_QEMU", fake_qemu_path()), flood_env,
			env_kv("FAKE_QEMU_PIDS", f->dir), NULL };
	pid_t pid = start_s2bench(args, env, log);
	cr_assert_eq(finish_s2bench(pid, f, 60), 0, "%s", read_text(log));
	load_csv(out, "runs.csv", runs);
	cr_assert_eq(runs->nrows, 1, "the run has its row: %s", read_text(log));
	cr_expect(strstr(read_text(log), csv_cell(runs, 0, "status")),
		  "the progress line shows the status: %s", read_text(log));
}

Test(limits, a_flooding_console_is_cut_at_the_log_cap, .timeout = 90)
{
	char out_dir[600], console[800];
	struct fakes f = { 0 };
	struct csv_rows runs;
	run_flooding("limit-flood", "1M", "1", &f, out_dir, &runs);
	cr_expect_str_eq(csv_cell(&runs, 0, "status"), "log_full");
	cr_expect_str_eq(csv_cell(&runs, 0, "error"), "console_log_reached_1M_cap");
	cr_expect_str_eq(csv_cell(&runs, 0, "exit_code"), "137", "the emulator was killed");
	cr_expect_str_eq(csv_cell(&runs, 0, "hv_version"), "0.0.9-fake", "what came before is kept");
	snprintf(console, sizeof(console), "%s/logs/%s.log", out_dir, csv_cell(&runs, 0, "run_id"));
	struct stat st;
	cr_assert_eq(stat(console, &st), 0);
	cr_expect_eq(st.st_size, 1 << 20, "the log stops exactly at the cap");
	fakes_read(&f);
	int gone = wait_until(fakes_all_gone, &f, 20);
	fakes_kill(&f);
	cr_expect(gone);
}

Test(limits, a_flooding_stderr_is_bounded_by_the_log_cap, .timeout = 90)
{
	char out_dir[600], path[800];
	struct fakes f = { 0 };
	struct csv_rows runs;
	run_flooding("limit-flood-err", "64K", "stderr", &f, out_dir, &runs);
	cr_expect_str_eq(csv_cell(&runs, 0, "status"), "crash");
	cr_expect_str_eq(csv_cell(&runs, 0, "exit_code"), "153", "SIGXFSZ");
	snprintf(path, sizeof(path), "%s/logs/%s.stderr", out_dir, csv_cell(&runs, 0, "run_id"));
	struct stat st;
	cr_assert_eq(stat(path, &st), 0);
	cr_expect_leq(st.st_size, 64 << 10, "stderr stops at the cap");
	fakes_kill(&f);
}

/* Usage errors: exit 2, one line naming the option, nothing run. */
static void expect_usage_error(const char *opt, const char *value, const char *want)
{
	char *dir = make_tmpdir("limit-usage"), *out, out_dir[600];
	char *s = write_suite(dir, "strategy = unmap\n");
	snprintf(out_dir, sizeof(out_dir), "%s/res", dir);
	char *args[] = { "run", s, (char *)opt, (char *)value, "--out", out_dir, "--image", fake_image(dir), NULL };
	char *env[] = { env_kv("S2B_QEMU", fake_qemu_path()), NULL };
	cr_expect_eq(run_s2bench(args, env, &out), 2, "%s %s: %s", opt, value, out);
	cr_expect(strstr(out, want), "%s %s: got '%s', want '%s'", opt, value, out, want);
	cr_expect_eq(strchr(out, '\n'), out + strlen(out) - 1, "one line: %s", out);
	char path[700];
	snprintf(path, sizeof(path), "%s/runs.csv", out_dir);
	cr_expect_null(read_text(path), "nothing ran");
}

Test(limits, bad_option_values_are_usage_errors)
{
	expect_usage_error("-j", "0", "s2bench: -j 0: ");
	expect_usage_error("-j", "x", "s2bench: -j x: ");
	expect_usage_error("--timeout", "0", "s2bench: --timeout 0: ");
	expect_usage_error("--timeout", "-5", "s2bench: --timeout -5: ");
	expect_usage_error("--log-cap", "0", "s2bench: --log-cap 0: ");
	expect_usage_error("--log-cap", "12Q", "s2bench: --log-cap 12Q: ");
	expect_usage_error("--board", "nosuch", "s2bench: --board nosuch: ");
}

Test(limits, an_emulators_stderr_is_kept_apart_and_its_last_line_explains_a_failure)
{
	char *dir = make_tmpdir("limit-stderr"), *out, out_dir[600], path[800];
	char *s = write_suite(dir, "strategy = unmap\n");
	snprintf(out_dir, sizeof(out_dir), "%s/res", dir);
	char *args[] = { "run", s, "--out", out_dir, "--image", fake_image(dir), NULL };
	char *env[] = { env_kv("S2B_QEMU", fake_qemu_path()),
			"FAKE_QEMU_FAIL=qemu-system-aarch64: fatal: cannot do that", NULL };
	cr_assert_eq(run_s2bench(args, env, &out), 0, "%s", out);
	struct csv_rows runs;
	load_csv(out_dir, "runs.csv", &runs);
	cr_assert_eq(runs.nrows, 1);
	cr_expect_str_eq(csv_cell(&runs, 0, "status"), "crash");
	cr_expect_str_eq(csv_cell(&runs, 0, "exit_code"), "1");
	cr_expect_str_eq(csv_cell(&runs, 0, "error"),
			 "no_done_record_exit_1: qemu-system-aarch64: fatal: cannot do that");
	cr_expect_str_eq(csv_cell(&runs, 0, "boots"), "0", "a record on stderr is not a record");
	cr_expect_str_eq(csv_cell(&runs, 0, "bad_crc"), "0");
	snprintf(path, sizeof(path), "%s/logs/%s.log", out_dir, csv_cell(&runs, 0, "run_id"));
	char *console = read_text(path);
	cr_assert(console);
	cr_expect(!strstr(console, "fatal") && !strstr(console, "boot idx"),
		  "stderr is not in the console log: %s", console);
	snprintf(path, sizeof(path), "%s/logs/%s.stderr", out_dir, csv_cell(&runs, 0, "run_id"));
	char *err = read_text(path);
	cr_expect(err && strstr(err, "fatal: cannot do that"), "stderr has its own file");
}
