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

Test(serial, runs_on_a_pty_board_with_reset_cmd_and_stops_at_done, .timeout = 60)
{
	char *dir = make_tmpdir("serial"), *out, slave_name[128], suite[600], out_dir[600],
	     reset[800];
	struct board b = { 0 };
	int slave;
	struct termios raw;

	cfmakeraw(&raw);
	cr_assert_eq(openpty(&b.master, &slave, slave_name, &raw, NULL), 0);
	snprintf(b.fifo, sizeof(b.fifo), "%s/reset.fifo", dir);
	cr_assert_eq(mkfifo(b.fifo, 0600), 0);
	pthread_t t;
	pthread_create(&t, NULL, board_main, &b);

	snprintf(suite, sizeof(suite), "%s/serial.suite", dir);
	write_text(suite, "board = serial\nstrategy = unmap clean\nguest = touch\nboots = 3\n");
	snprintf(out_dir, sizeof(out_dir), "%s/res", dir);
	snprintf(reset, sizeof(reset), "printf '%%s\\n' \"$S2B_BOOTARGS\" > %s", b.fifo);
	char *args[] = { "run", suite, "--console", slave_name, "--baud", "115200", "--reset-cmd",
			 reset, "--out", out_dir, "--timeout", "30", "-j", "4", NULL };
	int rc = run_s2bench(args, NULL, &out);

	FILE *q = fopen(b.fifo, "w"); /* stop the board */
	fputs("quit\n", q);
	fclose(q);
	pthread_join(t, NULL);
	cr_assert_eq(rc, 0, "%s", out);
	cr_expect_eq(b.resets, 2, "one reset per run, one run at a time");

	struct csv_rows runs, boots;
	load_csv(out_dir, "runs.csv", &runs);
	load_csv(out_dir, "boots.csv", &boots);
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
	close(slave);
	close(b.master);
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
