/* LAVA's job state and health → what s2bench does next (lava_state.h). The names are the
 * display values the REST serializer writes (get_state_display, get_health_display). */
#include "lava_state.h"

#include <string.h>

static int one_of(const char *s, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(s, *names) == 0)
			return 1;
	return 0;
}

struct lava_verdict lava_job_verdict(const char *state, const char *health)
{
	static const char *const queued[] = { "Submitted", "Scheduling", "Scheduled", NULL };
	static const char *const running[] = { "Running", "Canceling", NULL };
	static const char *const healths[] = { "Unknown", "Complete", "Incomplete", "Canceled", NULL };
	struct lava_verdict v = { LAVA_PHASE_BAD, NULL };

	if (!one_of(health, healths))
		return v;
	if (one_of(state, queued))
		v.phase = LAVA_PHASE_QUEUED;
	else if (one_of(state, running))
		v.phase = LAVA_PHASE_RUNNING;
	else if (strcmp(state, "Finished") == 0 && strcmp(health, "Complete") == 0)
		v.phase = LAVA_PHASE_DONE;
	else if (strcmp(state, "Finished") == 0 && strcmp(health, "Incomplete") == 0)
		v = (struct lava_verdict){ LAVA_PHASE_DONE, "lava_incomplete" };
	else if (strcmp(state, "Finished") == 0 && strcmp(health, "Canceled") == 0)
		v = (struct lava_verdict){ LAVA_PHASE_DONE, "lava_canceled" };
	/* Finished with health Unknown: LAVA sets the health as it finishes, never after */
	return v;
}

const char *lava_phase_name(enum lava_phase p)
{
	switch (p) {
	case LAVA_PHASE_QUEUED: return "queued";
	case LAVA_PHASE_RUNNING: return "running";
	case LAVA_PHASE_DONE: return "finished";
	default: return "unknown";
	}
}
