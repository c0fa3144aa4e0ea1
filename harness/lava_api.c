/* LAVA's REST API over libcurl (lava_api.h). Requests carry "Authorization: Token T", which
 * LAVA's LavaTokenAuthentication checks on every endpoint: a wrong token is refused (401) even
 * where an anonymous request would be let through, so the first request tells a bad token. */
#include "lava_api.h"

#include "lava_json.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSON_MAX (1u << 20) /* a job's detail holds its definition: kilobytes */
#define CONNECT_TIMEOUT_S 10L
#define REQUEST_TIMEOUT_S 120L
#define LOG_TIMEOUT_S 900L /* a log of a trace=faults run is hundreds of megabytes */

struct answer {
	long http;
	char *body;
	size_t len;       /* set by the memory stream when it is closed */
	size_t got, max;  /* bytes received so far, and the most taken */
	FILE *f;
	int too_big;
};

static int fail(struct lava_api *api, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct lava_api *api, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(api->err, sizeof(api->err), fmt, ap);
	va_end(ap);
	return -1;
}

int lava_api_read_token(const char *path, char *token, size_t len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char line[512];

	if (!f) {
		snprintf(err, errlen, "--token-file %s: %s", path, strerror(errno));
		return -1;
	}
	int got = fgets(line, sizeof(line), f) != NULL;
	fclose(f);
	char *p = line, *end;
	if (got) {
		while (*p == ' ' || *p == '\t')
			p++;
		end = p + strlen(p);
		while (end > p && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
	}
	if (!got || !*p) {
		snprintf(err, errlen, "--token-file %s: no token on its first line", path);
		return -1;
	}
	/* it goes into an HTTP header: printable ASCII without blanks, as LAVA's tokens are */
	for (const char *q = p; *q; q++)
		if (*q <= ' ' || *q >= 0x7f) {
			snprintf(err, errlen, "--token-file %s: the token holds a blank or non-ASCII byte", path);
			return -1;
		}
	if ((size_t)snprintf(token, len, "%s", p) >= len) {
		snprintf(err, errlen, "--token-file %s: token longer than %zu bytes", path, len - 1);
		return -1;
	}
	return 0;
}

static size_t on_data(char *data, size_t size, size_t n, void *ctx)
{
	struct answer *a = ctx;
	size_t bytes = size * n;

	if (a->got + bytes > a->max) {
		a->too_big = 1;
		return 0; /* libcurl stops the transfer: CURLE_WRITE_ERROR */
	}
	if (fwrite(data, 1, bytes, a->f) != bytes)
		return 0;
	a->got += bytes;
	return bytes;
}

/* METHOD PATH (relative to the API base), BODY as JSON when not NULL. Returns 0 with a->http
 * set whatever the status, -1 when no HTTP answer came (api->err says why). */
static int request(struct lava_api *api, const char *path, const char *body, size_t max,
		   long timeout_s, struct answer *a)
{
	CURL *c = api->curl;
	char *url = NULL;

	*a = (struct answer){ .max = max };
	if (asprintf(&url, "%s%s", api->base, path) < 0 ||
	    !(a->f = open_memstream(&a->body, &a->len))) {
		free(url);
		return fail(api, "out of memory");
	}
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, (struct curl_slist *)api->headers);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout_s);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, a);
	if (body) {
		curl_easy_setopt(c, CURLOPT_POST, 1L);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	}
	CURLcode rc = curl_easy_perform(c);
	if (fclose(a->f) && rc == CURLE_OK) /* sets a->body (NUL-terminated) and a->len */
		rc = CURLE_OUT_OF_MEMORY;
	a->f = NULL;
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a->http);
	if (rc == CURLE_OK) {
		free(url);
		return 0;
	}
	if (a->too_big)
		fail(api, "%s: the answer is larger than %zu bytes", url, max);
	else if (rc == CURLE_COULDNT_CONNECT)
		fail(api, "%s: cannot connect (is the LAVA server up?): %s", url, curl_easy_strerror(rc));
	else if (rc == CURLE_COULDNT_RESOLVE_HOST)
		fail(api, "%s: unknown host: %s", url, curl_easy_strerror(rc));
	else if (rc == CURLE_OPERATION_TIMEDOUT)
		fail(api, "%s: no answer within %lds", url, timeout_s);
	else
		fail(api, "%s: %s", url, curl_easy_strerror(rc));
	free(url);
	free(a->body);
	a->body = NULL;
	return -1;
}

/* A non-2xx answer as one line: LAVA's own "detail" (REST framework) or "message" (submission)
 * when the body has one. */
static int http_error(struct lava_api *api, const char *what, const struct answer *a)
{
	char msg[256] = "";

	if (lava_json_string(a->body, a->len, "detail", msg, sizeof(msg)) &&
	    lava_json_string(a->body, a->len, "message", msg, sizeof(msg)))
		snprintf(msg, sizeof(msg), "%s", lava_json_valid(a->body, a->len) ? "(no message)"
						  : "(not LAVA's JSON: is --server a LAVA server?)");
	for (char *p = msg; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	if (a->http == 401 || a->http == 403)
		return fail(api, "%s%s: the server refused the token (HTTP %ld: %s)", api->base, what,
			    a->http, msg);
	return fail(api, "%s%s: HTTP %ld: %s", api->base, what, a->http, msg);
}

int lava_api_open(struct lava_api *api, const char *server, const char *token)
{
	*api = (struct lava_api){ 0 };
	size_t n = strlen(server);

	if (strncmp(server, "http://", 7) && strncmp(server, "https://", 8))
		return fail(api, "--server %s: not an http:// or https:// URL", server);
	CURLU *u = curl_url();
	char *host = NULL;
	int bad = !u || curl_url_set(u, CURLUPART_URL, server, 0) != CURLUE_OK ||
		  curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !*host ||
		  strpbrk(server, " \t\r\n?#");
	curl_free(host);
	curl_url_cleanup(u);
	if (bad)
		return fail(api, "--server %s: not a valid URL", server);
	while (n && server[n - 1] == '/')
		n--;
	if (n >= 5 && strncmp(server + n - 5, "/RPC2", 5) == 0) /* a lavacli identity's URI */
		n -= 5;
	char *auth = NULL;
	if (asprintf(&api->base, "%.*s/api/v0.2/", (int)n, server) < 0 ||
	    asprintf(&auth, "Authorization: Token %s", token) < 0 || !(api->curl = curl_easy_init())) {
		free(auth);
		return fail(api, "out of memory");
	}
	struct curl_slist *h = curl_slist_append(NULL, auth);
	free(auth);
	if (h && (!curl_slist_append(h, "Accept: application/json") ||
		  !curl_slist_append(h, "Content-Type: application/json"))) {
		curl_slist_free_all(h);
		h = NULL;
	}
	if (!h)
		return fail(api, "out of memory");
	api->headers = h;
	return 0;
}

void lava_api_close(struct lava_api *api)
{
	if (api->curl)
		curl_easy_cleanup(api->curl);
	curl_slist_free_all(api->headers);
	free(api->base);
	*api = (struct lava_api){ 0 };
}

int lava_api_check_device_type(struct lava_api *api, const char *device_type)
{
	struct answer a;
	char *path = curl_easy_escape(api->curl, device_type, 0);
	char *rel = NULL;
	char name[128];

	if (!path || asprintf(&rel, "devicetypes/%s/", path) < 0) {
		curl_free(path);
		return fail(api, "out of memory");
	}
	curl_free(path);
	int rc = request(api, rel, NULL, JSON_MAX, REQUEST_TIMEOUT_S, &a);
	if (!rc && a.http == 404 && lava_json_valid(a.body, a.len)) /* REST framework's own 404 */
		rc = fail(api, "device type '%s' is unknown to %s (HTTP 404)", device_type, api->base);
	else if (!rc && a.http == 404)
		rc = fail(api, "%s: HTTP 404 without JSON: is --server a LAVA server?", api->base);
	else if (!rc && a.http != 200)
		rc = http_error(api, rel, &a);
	else if (!rc && (lava_json_string(a.body, a.len, "name", name, sizeof(name)) ||
			 strcmp(name, device_type)))
		rc = fail(api, "%s%s: not LAVA's answer (is --server a LAVA server?)", api->base, rel);
	free(rel);
	free(a.body);
	return rc;
}

int lava_api_submit(struct lava_api *api, const char *yaml, unsigned long long *job)
{
	struct answer a;
	char *body = NULL;
	size_t blen = 0;
	FILE *f = open_memstream(&body, &blen);

	if (!f)
		return fail(api, "out of memory");
	fputs("{\"definition\": ", f);
	lava_json_put_string(f, yaml);
	fputs("}", f);
	if (fclose(f)) {
		free(body);
		return fail(api, "out of memory");
	}
	int rc = request(api, "jobs/", body, JSON_MAX, REQUEST_TIMEOUT_S, &a);
	free(body);
	if (!rc && a.http != 201)
		rc = http_error(api, "jobs/ (submitting a job)", &a);
	else if (!rc && lava_json_uint(a.body, a.len, "job_ids", job))
		rc = fail(api, "%sjobs/: HTTP 201 without a job id (not LAVA's answer?)", api->base);
	free(a.body);
	return rc;
}

int lava_api_job(struct lava_api *api, unsigned long long job, struct lava_job_info *info)
{
	struct answer a;
	char rel[64];

	snprintf(rel, sizeof(rel), "jobs/%llu/", job);
	*info = (struct lava_job_info){ 0 };
	int rc = request(api, rel, NULL, JSON_MAX, REQUEST_TIMEOUT_S, &a);
	if (!rc && a.http != 200)
		rc = http_error(api, rel, &a);
	else if (!rc && (lava_json_string(a.body, a.len, "state", info->state, sizeof(info->state)) ||
			 lava_json_string(a.body, a.len, "health", info->health, sizeof(info->health))))
		rc = fail(api, "%s%s: no state and health in the answer (not LAVA's?)", api->base, rel);
	else if (!rc)
		lava_json_string(a.body, a.len, "failure_comment", info->failure, sizeof(info->failure));
	free(a.body);
	return rc;
}

int lava_api_log(struct lava_api *api, unsigned long long job, size_t max, char **log, size_t *len)
{
	struct answer a;
	char rel[64];

	snprintf(rel, sizeof(rel), "jobs/%llu/logs/", job);
	*log = NULL;
	*len = 0;
	int rc = request(api, rel, NULL, max, LOG_TIMEOUT_S, &a);
	if (!rc && a.http == 404) { /* LAVA's answer to an empty log (the job exists) */
		a.body[0] = '\0';
		a.len = 0;
	} else if (!rc && a.http != 200) {
		rc = http_error(api, rel, &a);
	}
	if (rc) {
		free(a.body);
		return -1;
	}
	*log = a.body;
	*len = a.len;
	return 0;
}
