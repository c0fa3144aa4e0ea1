/* What every s2bench command shares: one-line errors and the command table. */
#ifndef S2B_HARNESS_CLI_H
#define S2B_HARNESS_CLI_H

#define EXIT_USAGE 2
#define EXIT_DISK_FULL 3     /* run: a log or row could not be written (ENOSPC, EDQUOT) */
#define EXIT_OLD_RESULTS 4   /* run: --out holds runs an older s2bench made that cannot resume */
#define EXIT_INTERRUPTED 130 /* run: SIGINT or SIGTERM */

/* Prints "s2bench: <message>" on stderr; returns 1 so callers can `return cli_error(...)`. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same message for a bad option or argument; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A whole decimal option value in 1..MAX (a count, seconds, a baud rate) into *OUT; -1 if not. */
int cli_parse_count(const char *s, unsigned *out, unsigned long max);

int cmd_list(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_lava(int argc, char **argv);
int cmd_crossover(int argc, char **argv); /* links reports/ (results, model) */
int cmd_calibrate(int argc, char **argv);

#endif
