/* `s2bench run` end to end against the fake emulator: results, timeouts, resume after a kill,
 * and the one-line errors. No test waits for a fixed time: they wait for files or exits. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run_session.h"
#include "support.h"

static char *env_qemu(void)
{
	static char e[600];
	snprintf(e, sizeof(e), "S2B_QEMU=%s", fake_qemu_path());
	return e;
}

Test(run, every_run_gets_a_row_boots_and_a_console_log)
{
	char *dir = make_tmpdir("run-basic"), *out, out_dir[600];
	char *s = write_suite(dir, "strategy = unmap clean\nguest = hello touch\nboots = 3\n");
	snprintf(out_dir, sizeof(out_dir), "%s/res", dir);
	char *args[] = { "run", s, "-j", "2", "--out", out_dir, "--image", fake_image(dir), NULL };
	char *env[] = { env_qemu(), NULL };
	cr_assert_eq(run_s2bench(args, env, &out), 0, "%s", out);
	struct csv_rows runs, boots, metrics;
	load_csv(out_dir, "runs.csv", &runs);
	load_csv(out_dir, "boots.csv", &boots);
	load_csv(out_dir, "metrics.csv", &metrics);
	cr_assert_eq(runs.nrows, 4);
	cr_expect_eq(boots.nrows, 12);
	cr_expect_eq(metrics.nrows, 12);
	for (size_t i = 0; i < runs.nrows; i++) {
		char log[800];
		cr_expect_str_eq(csv_cell(&runs, i, "status"), "ok");
		cr_expect_str_eq(csv_cell(&runs, i, "exit_code"), "0");
		cr_expect_str_eq(csv_cell(&runs, i, "qemu_version"), "9.9.9");
		cr_expect_str_eq(csv_cell(&runs, i, "hv_version"), "0.0.9-fake");
		snprintf(log, sizeof(log), "%s/logs/%s.log", out_dir, csv_cell(&runs, i, "run_id"));
		char *text = read_text(log);
		cr_expect(text && strstr(text, "@s2b done status=ok"), "console log %s", log);
	}
	cr_expect(strstr(out, "[4/4]"), "plain progress lines when not a tty: %s", out);
}

Test(run, a_hung_run_is_killed_with_its_group_and_recorded_as_timeout)
{
	char *dir = make_tmpdir("run-timeout"), *out, out_dir[600], pidfile[600], env_pid[700];
	char *s = write_suite(dir, "strategy = unmap\n");
	snprintf(out_dir, sizeof(out_dir), "%s/res", dir);
	snprintf(pidfile, sizeof(pidfile), "%s/child.pid", dir);
	snprintf(env_pid, sizeof(env_pid), "FAKE_QEMU_CHILD_PID=%s", pidfile);
	char *args[] = { "run", s, "--timeout", "1", "--out", out_dir, "--image", fake_image(dir), NULL };
	char *env[] = { env_qemu(), "FAKE_QEMU_HANG=1", env_pid, NULL };
	cr_assert_eq(run_s2bench(args, env, &out), 0, "%s", out);
	struct csv_rows runs;
	load_csv(out_dir, "runs.csv", &runs);
	cr_assert_eq(runs.nrows, 1);
	cr_expect_str_eq(csv_cell(&runs, 0, "status"), "timeout");
	cr_expect_str_eq(csv_cell(&runs, 0, "error"), "timeout_after_1s");
	cr_expect_str_eq(csv_cell(&runs, 0, "exit_code"), "137", "SIGKILL");
	char *pid = read_text(pidfile);
	cr_assert(pid, "the fake emulator wrote its helper's pid");
	/* SIGKILL is delivered asynchronously: poll (bounded) rather than look once */
	int gone = 0;
	for (int i = 0; i < 500 && !(gone = process_gone(atoi(pid))); i++)
		usleep(20000);
	cr_expect(gone, "the emulator's helper process was killed too");
}

/* Kill -9 the harness while runs are in flight, leave what a kill inside a commit would leave
 * (a torn last line, rows of an unfinished run), re-run: every run exactly once. */
Test(run, resume_after_sigkill_keeps_finished_runs_and_redoes_the_rest, .timeout = 120)
{
	char *dir = make_tmpdir("run-resume"), *out, out_dir[600], log[600], runs_csv[700];
	char *s = write_suite(dir, "strategy = unmap lazy clean fwb none\nguest = hello touch\nboots = 4\n");
	snprintf(out_dir, sizeof(out_dir), "%s/res", dir);
	snprintf(log, sizeof(log), "%s/first.txt", dir);
	snprintf(runs_csv, sizeof(runs_csv), "%s/runs.csv", out_dir);
	char *args[] = { "run", s, "-j", "2", "--out", out_dir, "--image", fake_image(dir), NULL };
	char *slow_env[] = { env_qemu(), "FAKE_QEMU_DELAY_MS=100", NULL };

	pid_t pid = start_s2bench(args, slow_env, log);
	struct csv_rows runs;
	for (;;) { /* until at least two runs are committed */
		usleep(20000);
		if (load_csv(out_dir, "runs.csv", &runs) == 0 && runs.nrows >= 2)
			break;
		free_csv(&runs);
	}
	kill(pid, SIGKILL);
	wait_exit(pid);
	load_csv(out_dir, "runs.csv", &runs);
	size_t kept = runs.nrows;
	cr_assert(kept < 10, "killed before the end (%zu runs done)", kept);
	char first_id[32];
	snprintf(first_id, sizeof(first_id), "%s", csv_cell(&runs, 0, "run_id"));

	/* what a kill in the middle of store_commit() can leave behind */
	char path[700];
	snprintf(path, sizeof(path), "%s/boots.csv", out_dir);
	FILE *f = fopen(path, "a");
	fputs("0123456789abcdef,0,,,,3,,,,,,,,,,,pass,reset,\n0123456789abcdef,1,,", f);
	fclose(f);
	f = fopen(runs_csv, "a");
	fputs("fedcba9876543210,default,qemu-virt,unm", f);
	fclose(f);

	char *env[] = { env_qemu(), NULL };
	cr_assert_eq(run_s2bench(args, env, &out), 0, "%s", out);
	char want[64];
	snprintf(want, sizeof(want), "%zu already in", kept);
	cr_expect(strstr(out, want), "finished runs are skipped: %s", out);
	cr_expect(strstr(out, "set aside"), "repair is reported: %s", out);

	struct csv_rows boots;
	free_csv(&runs);
	load_csv(out_dir, "runs.csv", &runs);
	load_csv(out_dir, "boots.csv", &boots);
	cr_expect_eq(runs.nrows, 10);
	cr_expect_eq(runs.bad_rows + boots.bad_rows, 0, "no torn rows");
	cr_expect_str_eq(csv_cell(&runs, 0, "run_id"), first_id, "the first finished run was kept");
	cr_expect_eq(boots.nrows, 40, "4 boots per run, none duplicated, no orphan rows");
	for (size_t i = 0; i < runs.nrows; i++) {
		cr_expect_str_eq(csv_cell(&runs, i, "status"), "ok");
		for (size_t j = i + 1; j < runs.nrows; j++)
			cr_expect_str_neq(csv_cell(&runs, i, "run_id"), csv_cell(&runs, j, "run_id"));
	}
	for (size_t i = 0; i < boots.nrows; i++)
		cr_expect_str_neq(csv_cell(&boots, i, "run_id"), "0123456789abcdef");
}

Test(run, sigint_stops_with_130_and_a_rerun_finishes)
{
	char *dir = make_tmpdir("run-sigint"), *out, out_dir[600], log[600];
	char *s = write_suite(dir, "strategy = unmap lazy clean fwb\nboots = 3\n");
	snprintf(out_dir, sizeof(out_dir), "%s/res", dir);
	snprintf(log, sizeof(log), "%s/first.txt", dir);
	char *args[] = { "run", s, "-j", "1", "--out", out_dir, "--image", fake_image(dir), NULL };
	char *slow_env[] = { env_qemu(), "FAKE_QEMU_DELAY_MS=200", NULL };
	pid_t pid = start_s2bench(args, slow_env, log);
	struct csv_rows runs;
	for (;;) {
		usleep(20000);
		if (load_csv(out_dir, "runs.csv", &runs) == 0 && runs.nrows >= 1)
			break;
		free_csv(&runs);
	}
	kill(pid, SIGINT);
	cr_expect_eq(wait_exit(pid), 130);
	char *text = read_text(log);
	cr_expect(strstr(text, "interrupted"), "%s", text);
	char *env[] = { env_qemu(), NULL };
	cr_assert_eq(run_s2bench(args, env, &out), 0, "%s", out);
	free_csv(&runs);
	load_csv(out_dir, "runs.csv", &runs);
	cr_expect_eq(runs.nrows, 4);
}

/* Setup errors: exactly one line on stderr, non-zero exit, no CSV written. */
static void expect_one_line_error(char *const args[], char *const env[], const char *want,
				  const char *out_dir)
{
	char *out, path[700];
	cr_expect_eq(run_s2bench(args, env, &out), 1, "%s", out);
	cr_expect(strstr(out, want), "got '%s', want '%s'", out, want);
	cr_expect_eq(strchr(out, '\n'), out + strlen(out) - 1, "one line: %s", out);
	if (out_dir) {
		snprintf(path, sizeof(path), "%s/runs.csv", out_dir);
		cr_expect_null(read_text(path), "no CSV after a setup error");
	}
}

Test(run, missing_qemu_image_bad_suite_unwritable_out)
{
	char *dir = make_tmpdir("run-errors"), out_dir[600], ro[600];
	char *s = write_suite(dir, "strategy = unmap\n");
	snprintf(out_dir, sizeof(out_dir), "%s/res", dir);
	char *img = fake_image(dir);
	char *a1[] = { "run", s, "--out", out_dir, "--image", img, "--qemu", "/nonexistent/qemu", NULL };
	expect_one_line_error(a1, NULL, "s2bench: QEMU not found: '/nonexistent/qemu'", out_dir);
	char *env[] = { env_qemu(), NULL };
	char *a2[] = { "run", s, "--out", out_dir, "--image", "/nonexistent/s2hv.img", NULL };
	expect_one_line_error(a2, env, "s2bench: hypervisor image /nonexistent/s2hv.img: No such file", out_dir);
	char bad[600];
	snprintf(bad, sizeof(bad), "%s/bad.suite", dir);
	write_text(bad, "strategy = unmap\nguest = helo\n");
	char *a3[] = { "run", bad, "--out", out_dir, "--image", img, NULL };
	char want[700];
	snprintf(want, sizeof(want), "s2bench: %s:2:9: guest 'helo': unknown name", bad);
	expect_one_line_error(a3, env, want, out_dir);
	snprintf(ro, sizeof(ro), "%s/ro", dir);
	mkdir(ro, 0555);
	snprintf(out_dir, sizeof(out_dir), "%s/ro/res", dir);
	if (geteuid() == 0) /* root writes anywhere: use a path under a regular file instead */
		snprintf(out_dir, sizeof(out_dir), "%s/res", s);
	char *a4[] = { "run", s, "--out", out_dir, "--image", img, NULL };
	expect_one_line_error(a4, env, "s2bench: ", NULL);
}

/* `run --dry-run` of SUITE_TEXT: what it printed (it must succeed). */
static char *dry_run(const char *name, const char *suite_text)
{
	char *dir = make_tmpdir(name), *out;
	char *s = write_suite(dir, suite_text);
	char *args[] = { "run", s, "--dry-run", "--qemu", "/nonexistent/qemu", NULL };
	cr_assert_eq(run_s2bench(args, NULL, &out), 0, "%.300s", out);
	return out;
}

Test(run, dry_run_prints_the_matrix_and_runs_nothing)
{
	char *out = dry_run("run-dry", "strategy = unmap clean\nmem = 64M 128M\nreps = 2\n");
	cr_expect(strstr(out, "\n8 runs\n"), "%s", out);
	cr_expect(strstr(out, " clean ") && strstr(out, " 128M "), "%s", out);
}

/* A suite walked in batches (run_session.h RUN_SESSION_BATCH): more runs than two batches all run,
 * once each, and a second `run` finds them all done. */
Test(run, a_suite_of_several_batches_runs_every_run_once_then_resumes_with_none_to_do,
     .timeout = 300)
{
	char *dir = make_tmpdir("run-batches"), *out, out_dir[600];
	const unsigned n = 2 * RUN_SESSION_BATCH + 88;
	char text[128];
	snprintf(text, sizeof(text), "strategy = unmap\nguest = hello\nboots = 2\nreps = %u\n", n);
	char *s = write_suite(dir, text);
	snprintf(out_dir, sizeof(out_dir), "%s/res", dir);
	char *args[] = { "run", s, "-j", "2", "--out", out_dir, "--image", fake_image(dir), NULL };
	char *env[] = { env_qemu(), NULL };
	cr_assert_eq(run_s2bench(args, env, &out), 0, "%s", out);
	struct csv_rows runs;
	load_csv(out_dir, "runs.csv", &runs);
	cr_assert_eq(runs.nrows, n);
	char *seen = calloc(n, 1);
	for (size_t i = 0; i < runs.nrows; i++) {
		unsigned rep = (unsigned)atoi(csv_cell(&runs, i, "rep"));
		cr_assert_lt(rep, n);
		cr_assert_not(seen[rep], "rep %u ran twice", rep);
		seen[rep] = 1;
	}
	free(seen);
	free(out);
	cr_assert_eq(run_s2bench(args, env, &out), 0, "%s", out);
	snprintf(text, sizeof(text), "%u runs, %u already in", n, n);
	cr_expect(strstr(out, text) && strstr(out, "0 to do"), "%s", out);
}

Test(run, dry_run_of_a_suite_past_the_old_10k_limit)
{
	char *out = dry_run("run-dry-big", "strategy = unmap clean\nreps = 10001\n");
	cr_expect(strstr(out, "\n20002 runs\n"), "%.300s", out);
}
