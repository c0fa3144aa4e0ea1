/* The serial back-end with a pty pair standing in for a board: the harness opens the slave side
 * as its console, the test plays the board on the master side. --reset-cmd "power-cycles" the
 * board by handing it the bootargs through a FIFO, as a real script would through TFTP. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <pthread.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "fake_board.h"
#include "support.h"

struct board {
	int master;
	char fifo[600];
	int resets;
};

/* Each reset: boot-loader chatter, the run for the bootargs received, then idle chatter that
 * the harness must not wait for. */
static void *board_main(void *arg)
{
	struct board *b = arg;
	FILE *console = fdopen(dup(b->master), "w");
	for (;;) {
		FILE *fifo = fopen(b->fifo, "r");
		char bootargs[1024];
		if (!fifo || !fgets(bootargs, sizeof(bootargs), fifo))
			break;
		fclose(fifo);
		if (!strncmp(bootargs, "quit", 4))
			break;
		struct fake_run run;
		fake_run_from_bootargs(&run, bootargs);
		b->resets++;
		fprintf(console, "U-Boot 2023.01\r\nHit any key to stop autoboot: 0\r\n");
		fake_board_emit(console, &run);
		fprintf(console, "board idle, still talking\r\n");
		fflush(console);
	}
	fclose(console);
	return NULL;
}

/* A pty board with its thread running, and the suite (unmap and clean, 3 touch boots) it runs. */
struct pty_setup {
	struct board b;
	int slave;
	pthread_t thread;
	char *dir, slave_name[128], suite[600], out_dir[600];
};

static void pty_board_start(struct pty_setup *s, const char *name)
{
	struct termios raw;

	memset(s, 0, sizeof(*s));
	s->dir = make_tmpdir(name);
	cfmakeraw(&raw);
	cr_assert_eq(openpty(&s->b.master, &s->slave, s->slave_name, &raw, NULL), 0);
	snprintf(s->b.fifo, sizeof(s->b.fifo), "%s/reset.fifo", s->dir);
	cr_assert_eq(mkfifo(s->b.fifo, 0600), 0);
	pthread_create(&s->thread, NULL, board_main, &s->b);
	snprintf(s->suite, sizeof(s->suite), "%s/serial.suite", s->dir);
	write_text(s->suite, "board = serial\nstrategy = unmap clean\nguest = touch\nboots = 3\n");
	snprintf(s->out_dir, sizeof(s->out_dir), "%s/res", s->dir);
}

/* `s2bench run` of the suite on the pty with RESET as --reset-cmd; output in *OUT. */
static int pty_board_run(struct pty_setup *s, const char *reset, char **out)
{
	char *args[] = { "run", s->suite, "--console", s->slave_name, "--baud", "115200",
			 "--reset-cmd", (char *)reset, "--out", s->out_dir, "--timeout", "30", "-j", "4",
			 NULL };
	return run_s2bench(args, NULL, out);
}

static void pty_board_stop(struct pty_setup *s)
{
	FILE *q = fopen(s->b.fifo, "w");
	fputs("quit\n", q);
	fclose(q);
	pthread_join(s->thread, NULL);
	close(s->slave);
	close(s->b.master);
}

Test(serial, runs_on_a_pty_board_with_reset_cmd_and_stops_at_done, .timeout = 60)
{
	struct pty_setup s;
	char reset[800], *out;

	pty_board_start(&s, "serial");
	snprintf(reset, sizeof(reset), "printf '%%s\\n' \"$S2B_BOOTARGS\" > %s", s.b.fifo);
	int rc = pty_board_run(&s, reset, &out);
	pty_board_stop(&s);
	cr_assert_eq(rc, 0, "%s", out);
	cr_expect_eq(s.b.resets, 2, "one reset per run, one run at a time");
	cr_expect(strstr(out, "2 to do, 1 at a time"), "-j 4 asked, but a serial board runs one: %s",
		  out);

	struct csv_rows runs, boots;
	load_csv(s.out_dir, "runs.csv", &runs);
	load_csv(s.out_dir, "boots.csv", &boots);
	cr_assert_eq(runs.nrows, 2);
	cr_expect_eq(boots.nrows, 6);
	int st = csv_col(&runs, "status"), strat = csv_col(&runs, "strategy"),
	    board = csv_col(&runs, "board"), q_ver = csv_col(&runs, "qemu_version");
	for (size_t i = 0; i < 2; i++) {
		cr_expect_str_eq(runs.cell[i][st], "ok");
		cr_expect_str_eq(runs.cell[i][board], "serial");
		cr_expect_str_eq(runs.cell[i][q_ver], "", "no QEMU on a real board");
	}
	cr_expect_str_eq(runs.cell[0][strat], "unmap", "the bootargs reached the board");
	cr_expect_str_eq(runs.cell[1][strat], "clean");
}

/* The relay fails for the clean run until FLAG exists: that run is a crash (start_failed); the
 * same command run again redoes it, and only it, and the crash row is set aside. */
Test(serial, a_run_whose_reset_cmd_failed_is_redone_on_resume, .timeout = 60)
{
	struct pty_setup s;
	char reset[2000], flag[700], *out1, *out2;

	pty_board_start(&s, "serial-retry");
	snprintf(flag, sizeof(flag), "%s/relay-fixed", s.dir);
	snprintf(reset, sizeof(reset),
		 "case \"$S2B_BOOTARGS\" in *strategy=clean*) [ -e %s ] || exit 3;; esac; "
		 "printf '%%s\\n' \"$S2B_BOOTARGS\" > %s",
		 flag, s.b.fifo);
	int rc1 = pty_board_run(&s, reset, &out1);
	struct csv_rows first;
	load_csv(s.out_dir, "runs.csv", &first);
	write_text(flag, "");
	int rc2 = pty_board_run(&s, reset, &out2);
	pty_board_stop(&s);

	cr_assert_eq(rc1, 0, "%s", out1);
	cr_assert_eq(first.nrows, 2);
	cr_expect_str_eq(csv_cell(&first, 1, "status"), "crash");
	cr_expect_str_eq(csv_cell(&first, 1, "error"), "start_failed");
	cr_expect(strstr(out1, "--reset-cmd exited with status 3"), "%s", out1);

	cr_assert_eq(rc2, 0, "%s", out2);
	cr_expect(strstr(out2, "1 of runs whose board never started"), "%s", out2);
	cr_expect(strstr(out2, "2 runs, 1 already in"), "only the failed run is redone: %s", out2);
	cr_expect_eq(s.b.resets, 2, "unmap once, clean once (its failed reset reached no board)");
	struct csv_rows runs;
	load_csv(s.out_dir, "runs.csv", &runs);
	cr_assert_eq(runs.nrows, 2, "the crash row is replaced, not kept beside the new one");
	cr_expect_str_eq(csv_cell(&runs, 0, "strategy"), "unmap");
	cr_expect_str_eq(csv_cell(&runs, 1, "strategy"), "clean");
	cr_expect_str_eq(csv_cell(&runs, 1, "status"), "ok");
	free_csv(&first);
	free_csv(&runs);
}

/* A reset command that ignores $S2B_BOOTARGS: the board boots strategy=none guest=touch whatever
 * was asked. The run is config_mismatch, naming the first key that differs, and no boots row is
 * stored under the unmap/hello labels it asked for (issue 21). */
Test(serial, a_board_that_ran_another_config_gives_no_rows, .timeout = 60)
{
	struct pty_setup s;
	char reset[800], *out;

	pty_board_start(&s, "serial-mismatch");
	write_text(s.suite, "board = serial\nstrategy = unmap\nguest = hello\nboots = 3\n");
	snprintf(reset, sizeof(reset),
		 "printf '%%s\\n' 's2b.strategy=none s2b.guest=touch s2b.boots=3' > %s", s.b.fifo);
	int rc = pty_board_run(&s, reset, &out);
	pty_board_stop(&s);
	cr_assert_eq(rc, 0, "%s", out);
	cr_expect_eq(s.b.resets, 1);

	struct csv_rows runs, boots;
	load_csv(s.out_dir, "runs.csv", &runs);
	load_csv(s.out_dir, "boots.csv", &boots);
	cr_assert_eq(runs.nrows, 1);
	cr_expect_str_eq(csv_cell(&runs, 0, "status"), "config_mismatch");
	cr_expect_str_eq(csv_cell(&runs, 0, "error"), "config_mismatch:strategy:unmap_vs_none");
	cr_expect_str_eq(csv_cell(&runs, 0, "strategy"), "unmap", "the row says what was asked");
	cr_expect_eq(boots.nrows, 0, "no boots row under the requested labels");
	free_csv(&runs);
	free_csv(&boots);
}

Test(serial, missing_console_is_a_clear_error)
{
	char *dir = make_tmpdir("serial-err"), *out, suite[600];
	snprintf(suite, sizeof(suite), "%s/s.suite", dir);
	write_text(suite, "board = serial\n");
	char *args[] = { "run", suite, "--out", dir, NULL };
	cr_expect_eq(run_s2bench(args, NULL, &out), 1);
	cr_expect_str_eq(out, "s2bench: board serial needs --console TTY (and usually --reset-cmd)\n");
	char *args2[] = { "run", suite, "--out", dir, "--console", "/dev/nonexistent-tty", NULL };
	cr_expect_eq(run_s2bench(args2, NULL, &out), 1);
	cr_expect_str_eq(out, "s2bench: console /dev/nonexistent-tty: No such file or directory\n");
}
