/* The coherence plugin's verdict (`@oracle violations=N ...` in QEMU's log, docs/oracle.md) as an
 * `oracle` record of the run (docs/protocol.md), so a run's log holds its verdict and `parse`
 * reads it like any other record. */
#ifndef S2B_HARNESS_ORACLE_RECORD_H
#define S2B_HARNESS_ORACLE_RECORD_H

#include <stddef.h>

/* The plugin's summary line in TEXT (LEN bytes, e.g. a run's .stderr file) as a CRC-sealed
 * "@s2b oracle violations=N ... *crc" into OUT (no '\n'). Returns its length, or -1 when TEXT
 * holds no summary line or the record would not fit in OUT. */
int oracle_record_from_log(const char *text, size_t len, char *out, size_t outlen);

/* Same, from the file PATH; -1 when it cannot be read. */
int oracle_record_from_file(const char *path, char *out, size_t outlen);

#endif
