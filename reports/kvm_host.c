/* What a KVM host ran: the host kernel and KVM's mode, from the run's `hello` record in its
 * log (DIR/logs/RUN_ID.log or a log pack, harness/logpack.h: s2vmm writes it; runs.csv
 * has no column for them). */
#include "kvm_host.h"

#include "../harness/logpack.h"
#include "../harness/protocol.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void kvm_host_describe(const char *dir, const char *run_id, char *out, size_t len)
{
	snprintf(out, len, "kernel ?, kvm_mode ?"); /* no log, or no hello in it */
	FILE *f = log_open(dir, run_id, NULL);
	if (!f)
		return;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	struct record rec;
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if (proto_parse_line(line, (size_t)n, &rec) != LINE_RECORD || strcmp(rec.kind, "hello"))
			continue;
		const char *kernel = record_get(&rec, "kernel"), *mode = record_get(&rec, "kvm_mode");
		snprintf(out, len, "kernel %s, kvm_mode %s", kernel ? kernel : "?", mode ? mode : "?");
		break;
	}
	free(line);
	fclose(f);
}
