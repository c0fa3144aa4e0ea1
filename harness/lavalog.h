/* LAVA job logs: every entry is one line, a YAML flow mapping written by lava_common/log.py
 * (yaml.dump, double-quoted style): {"dt": "...", "lvl": "LEVEL", "msg": "..."[, "ns": "..."]},
 * one per line on lava-run's stdout and as "- {...}" items in the server's YAML log.
 *
 * The dispatcher logs what the target prints at two levels (lava_dispatcher/shell.py,
 * ShellLogger.write): "target" while an action reads the console, "feedback" while it drains a
 * connection outside one (listen_feedback: the finalize read-feedback, interactive and shell
 * tests reading other namespaces). A line is logged whole at the level current when its newline
 * arrives, so the end of a run (`done`) can come at either level. Both are console output. */
#ifndef S2B_HARNESS_LAVALOG_H
#define S2B_HARNESS_LAVALOG_H

#include <stddef.h>

enum lava_line { LAVA_NOT, LAVA_TARGET, LAVA_OTHER };

/* If LINE (LEN bytes, NUL-terminated) is a LAVA log entry of console output, rewrites it in
 * place to the console text (escapes decoded, LAVA's own quoting undone), updates *LEN and
 * returns LAVA_TARGET. Other LAVA entries (dispatcher messages, results): LAVA_OTHER. Anything
 * else is left alone: LAVA_NOT. */
enum lava_line lava_unwrap(char *line, size_t *len);

/* If LINE is the job's own result entry ("lvl": "results", msg {"case": "job", "error_msg": ...},
 * what the dispatcher logs when a job fails), rewrites it in place to the decoded error message
 * (never longer), updates *LEN and returns 1; else 0 and LINE is untouched. */
int lava_job_error(char *line, size_t *len);

#endif
