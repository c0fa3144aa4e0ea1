/* A LAVA server's REST API (api/v0.2, as lavacli and LAVA's web UI use it) over libcurl: check a
 * device type, submit a job, read its state, fetch its log. Every failure leaves one line in
 * api->err saying why: a bad URL, a server that does not answer, a refused token (HTTP 401/403),
 * an unknown device type, an answer that is not LAVA's JSON. */
#ifndef S2B_HARNESS_LAVA_API_H
#define S2B_HARNESS_LAVA_API_H

#include <stddef.h>

struct lava_api {
	void *curl;   /* CURL * */
	void *headers; /* struct curl_slist *: Authorization, Accept */
	char *base;   /* "http://host:port/api/v0.2/" */
	char err[768];
};

struct lava_job_info {
	char state[32], health[32];
	char failure[256]; /* failure_comment, "" when none */
};

/* Reads the API token from the first line of PATH (surrounding blanks dropped). */
int lava_api_read_token(const char *path, char *token, size_t len, char *err, size_t errlen);

/* SERVER: the lab's base URL, http:// or https:// ("http://lava.example/", a lavacli ".../RPC2"
 * is taken as its base too). No request is made yet. */
int lava_api_open(struct lava_api *api, const char *server, const char *token);
void lava_api_close(struct lava_api *api);

/* GET devicetypes/T/: the token is good, the server answers, and knows device type T. */
int lava_api_check_device_type(struct lava_api *api, const char *device_type);
/* POST jobs/ {"definition": YAML}: *JOB = the new job's id. */
int lava_api_submit(struct lava_api *api, const char *yaml, unsigned long long *job);
/* GET jobs/JOB/. */
int lava_api_job(struct lava_api *api, unsigned long long job, struct lava_job_info *info);
/* GET jobs/JOB/logs/: the YAML log (*LOG malloc'd, *LEN bytes, NUL-terminated); a job that
 * logged nothing has an empty log (LAVA answers 404). At most MAX bytes. */
int lava_api_log(struct lava_api *api, unsigned long long job, size_t max, char **log, size_t *len);

#endif
