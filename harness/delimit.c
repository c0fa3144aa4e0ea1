/* The run delimiting rule of docs/protocol.md ("Runs"). A run is hello, cfg, then fault/metric/
 * error/boot (or calib) records, then done; a record that cannot come next in the current run starts the
 * next one, so a lost hello (bad CRC) never merges two runs. */
#include "delimit.h"

#include <stdlib.h>
#include <string.h>

static int kind_is(const struct record *rec, const char *k)
{
	return strcmp(rec->kind, k) == 0;
}

/* idx= / boot= values were checked by proto_check_record: numbers that fit in 64 bits. */
static uint64_t num(const struct record *rec, const char *key)
{
	const char *v = record_get(rec, key);
	return v ? strtoull(v, NULL, 0) : 0;
}

/* A boot index (boot's idx, fault/metric's boot) against the boots the run already has. */
static enum rec_fit boot_fit(const struct run_shape *r, uint64_t idx)
{
	uint64_t next = r->have_boot ? r->last_idx + 1 : 0;

	if (idx < next)
		/* going back to boot 0 is a cold boot: a new run whose hello and cfg were lost */
		return idx == 0 ? FIT_NEW_RUN : FIT_REJECT;
	if (r->have_cfg && idx >= r->boots_req)
		return FIT_REJECT;
	return FIT_ACCEPT;
}

enum rec_fit run_fit(const struct run_shape *r, const struct record *rec)
{
	if (kind_is(rec, "hello"))
		return r->records ? FIT_NEW_RUN : FIT_ACCEPT;
	if (r->refused) /* an unknown protocol: nothing is read until the next hello */
		return FIT_ACCEPT;
	if (kind_is(rec, "cfg"))
		return r->have_cfg || r->have_body || r->have_done ? FIT_NEW_RUN : FIT_ACCEPT;
	int known = kind_is(rec, "boot") || kind_is(rec, "fault") || kind_is(rec, "metric") ||
		    kind_is(rec, "error") || kind_is(rec, "calib") || kind_is(rec, "done");
	if (!known)
		return FIT_ACCEPT; /* unknown kinds are ignored, wherever they are */
	if (r->have_done) /* nothing follows done in its own run */
		return FIT_NEW_RUN;
	if (kind_is(rec, "boot"))
		return boot_fit(r, num(rec, "idx"));
	if (kind_is(rec, "fault") || kind_is(rec, "metric"))
		return boot_fit(r, num(rec, "boot"));
	return FIT_ACCEPT;
}

void run_shape_add(struct run_shape *r, const struct record *rec)
{
	r->records++;
	if (kind_is(rec, "hello")) {
		r->have_hello = 1;
		r->refused = proto_major(record_get(rec, "proto")) != PROTO_MAJOR;
		return;
	}
	if (r->refused)
		return;
	if (kind_is(rec, "cfg")) {
		r->have_cfg = 1;
		r->boots_req = num(rec, "boots");
	} else if (kind_is(rec, "boot")) {
		r->have_body = r->have_boot = 1;
		r->last_idx = num(rec, "idx");
	} else if (kind_is(rec, "fault") || kind_is(rec, "metric") || kind_is(rec, "calib")) {
		r->have_body = 1;
	} else if (kind_is(rec, "done")) {
		r->have_done = 1;
	}
}
