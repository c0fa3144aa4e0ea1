/* What a LAVA job's state and health (REST api/v0.2/jobs/ID/, the display names of
 * lava_scheduler_app's TestJob.STATE_CHOICES and HEALTH_CHOICES) mean for s2bench: wait, fetch
 * the log, or give up on the job. Pure; tests/unit/harness/test_lava_json.c and the fuzzer cover it. */
#ifndef S2B_HARNESS_LAVA_STATE_H
#define S2B_HARNESS_LAVA_STATE_H

enum lava_phase {
	LAVA_PHASE_BAD,     /* a state or health this s2bench does not know: stop, say which */
	LAVA_PHASE_QUEUED,  /* Submitted, Scheduling, Scheduled */
	LAVA_PHASE_RUNNING, /* Running, Canceling */
	LAVA_PHASE_DONE,    /* Finished: fetch the log */
};

struct lava_verdict {
	enum lava_phase phase;
	/* DONE only: NULL when the job is Complete (the records decide the status, as `parse`
	 * does), else the runs.csv status of the whole run: "lava_incomplete", "lava_canceled". */
	const char *status;
};

struct lava_verdict lava_job_verdict(const char *state, const char *health);

/* "queued", "running", "finished": the word the progress lines use. */
const char *lava_phase_name(enum lava_phase p);

#endif
