/* The `extra` cell of boots.csv (k=v;k=v): the record keys with no column of their own, such as
 * s2vmm's init_ns, unmap_us and reboot_ns (docs/protocol.md). */
#ifndef S2B_REPORTS_EXTRA_KEYS_H
#define S2B_REPORTS_EXTRA_KEYS_H

/* KEY's value in EXTRA as a number, or ABSENT (NAN) when the key is missing, empty or not a
 * decimal number. A key matches whole: "unmap_us" never matches "unmap_us_max". */
double extra_value(const char *extra, const char *key);

#endif
