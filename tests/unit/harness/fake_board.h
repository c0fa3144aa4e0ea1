/* A stand-in for s2hv in tests: prints the records a run with BOOTARGS would print, with real
 * CRCs, so the harness can be tested without QEMU (fake emulator) or a board (pty). */
#ifndef S2B_TEST_FAKE_BOARD_H
#define S2B_TEST_FAKE_BOARD_H

#include <stdio.h>

struct fake_run {
	unsigned boots;     /* from s2b.boots */
	unsigned delay_ms;  /* sleep before each boot record (to kill a run mid-way) */
	int hang;           /* print hello, then never finish */
	char strategy[32];
	char guest[32];
	char seed[24];      /* from s2b.seed: echoed in cfg, so config_match.c sees the run asked for */
};

/* Reads s2b.boots / s2b.strategy / s2b.guest / s2b.seed from BOOTARGS into RUN (defaults
 * 5/unmap/hello/1). */
void fake_run_from_bootargs(struct fake_run *run, const char *bootargs);

/* Writes the run's console (records, guest relays, CRLF line ends) to OUT, flushing per line. */
void fake_board_emit(FILE *out, const struct fake_run *run);

/* One record line with its CRC, without the line end. */
void fake_record(char *buf, size_t len, const char *body);

#endif
