/* LAVA logs: each console line is a JSON object {"dt": ..., "lvl": "target", "msg": "..."}, one
 * per line on lava-run's stdout and as "- {...}" items in the server's YAML log. */
#ifndef S2B_HARNESS_LAVALOG_H
#define S2B_HARNESS_LAVALOG_H

#include <stddef.h>

enum lava_line { LAVA_NOT, LAVA_TARGET, LAVA_OTHER };

/* If LINE is a LAVA log entry from the target, rewrites it in place to the console text (JSON
 * escapes decoded) and updates *LEN: LAVA_TARGET. Dispatcher entries: LAVA_OTHER. Anything
 * else is left alone: LAVA_NOT. */
enum lava_line lava_unwrap(char *line, size_t *len);

#endif
