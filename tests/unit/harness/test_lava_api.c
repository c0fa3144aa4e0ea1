/* The REST client (harness/lava_api.c) against a canned HTTP server on 127.0.0.1: what a request
 * sends, how each answer reads, and the one line each failure leaves (a refused token, an unknown
 * device type, a server that is not LAVA, an answer too large, no server at all). The answers
 * are shaped like lava-server 2023.01's (tests/fuzz/corpus/lava_json/). */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lava_api.h"
#include "support.h"

/* One connection, one canned answer; the request it got is kept. */
struct canned {
	int fd;
	unsigned short port;
	const char *answer; /* status line and headers up to the body, e.g. "404 Not Found" */
	const char *body;
	char request[8192];
	pthread_t thread;
};

static void *serve(void *arg)
{
	struct canned *c = arg;
	struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
	/* a client that never comes (a broken test) fails the test instead of hanging it */
	int conn = poll(&pfd, 1, 60000) == 1 ? accept(c->fd, NULL, NULL) : -1;
	size_t got = 0;
	char head[512];

	if (conn < 0)
		return NULL;
	/* headers, then a body of Content-Length bytes */
	for (;;) {
		ssize_t n = read(conn, c->request + got, sizeof(c->request) - 1 - got);
		if (n <= 0)
			break;
		got += (size_t)n;
		c->request[got] = '\0';
		char *end = strstr(c->request, "\r\n\r\n");
		const char *cl = strcasestr(c->request, "Content-Length:");
		if (end && (!cl || got >= (size_t)(end + 4 - c->request) + strtoul(cl + 15, NULL, 10)))
			break;
	}
	int n = snprintf(head, sizeof(head),
			 "HTTP/1.1 %s\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
			 "Connection: close\r\n\r\n",
			 c->answer, strlen(c->body));
	/* MSG_NOSIGNAL: a client that has gone (the probe below) is no SIGPIPE */
	if (send(conn, head, (size_t)n, MSG_NOSIGNAL) < 0 ||
	    send(conn, c->body, strlen(c->body), MSG_NOSIGNAL) < 0)
		perror("canned server");
	close(conn);
	return NULL;
}

/* The listening socket, on a free port of 127.0.0.1. */
static void canned_open(struct canned *c)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);

	c->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	cr_assert_geq(c->fd, 0);
	cr_assert_eq(bind(c->fd, (struct sockaddr *)&a, sizeof(a)), 0);
	cr_assert_eq(listen(c->fd, 1), 0);
	cr_assert_eq(getsockname(c->fd, (struct sockaddr *)&a, &len), 0);
	c->port = ntohs(a.sin_port);
}

/* Answers the next connection with ANSWER and BODY, in a thread; served() waits for it. */
static void serve_once(struct canned *c, const char *answer, const char *body)
{
	c->answer = answer;
	c->body = body;
	c->request[0] = '\0';
	cr_assert_eq(pthread_create(&c->thread, NULL, serve, c), 0);
}

static void served(struct canned *c)
{
	pthread_join(c->thread, NULL);
}

static void open_api(struct lava_api *api, const struct canned *c, const char *suffix)
{
	char url[128];
	snprintf(url, sizeof(url), "http://127.0.0.1:%u%s", c->port, suffix);
	cr_assert_eq(lava_api_open(api, url, "TOKEN123"), 0, "%s", api->err);
}

Test(lava_api, device_type_check_sends_the_token_and_reads_the_name)
{
	struct canned c;
	struct lava_api api;

	canned_open(&c);
	serve_once(&c, "200 OK", "{\"name\":\"qemu\",\"architecture\":null,\"display\":true}");
	open_api(&api, &c, "/RPC2");
	cr_expect_eq(lava_api_check_device_type(&api, "qemu"), 0, "%s", api.err);
	served(&c);
	cr_expect(strstr(c.request, "GET /api/v0.2/devicetypes/qemu/ HTTP/1.1\r\n"), "%s", c.request);
	cr_expect(strstr(c.request, "\r\nAuthorization: Token TOKEN123\r\n"), "%s", c.request);
	lava_api_close(&api);
	close(c.fd);
}

Test(lava_api, each_refusal_is_one_line)
{
	static const struct {
		const char *answer, *body, *device_type, *says;
	} cases[] = {
		{ "403 Forbidden", "{\"detail\":\"Invalid token.\"}", "qemu",
		  "the server refused the token (HTTP 403: Invalid token.)" },
		{ "401 Unauthorized", "{\"detail\":\"Invalid token.\"}", "qemu",
		  "refused the token (HTTP 401" },
		{ "404 Not Found", "{\"detail\":\"Not found.\"}", "nosuch",
		  "device type 'nosuch' is unknown to http://127.0.0.1:" },
		{ "404 Not Found", "<html>Not Found</html>", "qemu",
		  "HTTP 404 without JSON: is --server a LAVA server?" },
		{ "200 OK", "<html>hello</html>", "qemu", "not LAVA's answer" },
		{ "500 Internal Server Error", "<html>oops</html>", "qemu",
		  "HTTP 500: (not LAVA's JSON: is --server a LAVA server?)" },
		{ "502 Bad Gateway", "{\"detail\":\"line one\\nline two\"}", "qemu",
		  "HTTP 502: line one line two" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct canned c;
		struct lava_api api;
		canned_open(&c);
		serve_once(&c, cases[i].answer, cases[i].body);
		open_api(&api, &c, "/");
		cr_expect_eq(lava_api_check_device_type(&api, cases[i].device_type), -1, "%zu", i);
		served(&c);
		cr_expect(strstr(api.err, cases[i].says), "%zu: %s", i, api.err);
		cr_expect_null(strchr(api.err, '\n'), "%s", api.err);
		lava_api_close(&api);
		close(c.fd);
	}
}

Test(lava_api, submit_posts_the_definition_as_json)
{
	struct canned c;
	struct lava_api api;
	unsigned long long job = 0;

	canned_open(&c);
	serve_once(&c, "201 Created", "{\"message\":\"job(s) successfully submitted\",\"job_ids\":[42]}");
	open_api(&api, &c, "");
	cr_assert_eq(lava_api_submit(&api, "device_type: \"qemu\"\njob_name: x\n", &job), 0, "%s", api.err);
	served(&c);
	cr_expect_eq(job, 42);
	cr_expect(strstr(c.request, "POST /api/v0.2/jobs/ HTTP/1.1\r\n"), "%s", c.request);
	cr_expect(strstr(c.request, "\r\nContent-Type: application/json\r\n"), "%s", c.request);
	cr_expect(strstr(c.request, "\r\n\r\n{\"definition\": \"device_type: \\\"qemu\\\"\\u000ajob_name: x\\u000a\"}"),
		  "%s", c.request);

	serve_once(&c, "400 Bad Request", "{\"message\":\"job submission failed: 'actions'.\"}");
	cr_expect_eq(lava_api_submit(&api, "x", &job), -1);
	served(&c);
	cr_expect(strstr(api.err, "jobs/ (submitting a job): HTTP 400: job submission failed: 'actions'."), "%s", api.err);

	serve_once(&c, "201 Created", "{\"message\":\"ok\"}");
	cr_expect_eq(lava_api_submit(&api, "x", &job), -1);
	served(&c);
	cr_expect(strstr(api.err, "HTTP 201 without a job id"), "%s", api.err);
	lava_api_close(&api);
	close(c.fd);
}

Test(lava_api, job_state_and_log)
{
	struct canned c;
	struct lava_api api;
	struct lava_job_info info;
	char *log;
	size_t len;

	canned_open(&c);
	serve_once(&c, "200 OK", "{\"id\":7,\"state\":\"Finished\",\"health\":\"Canceled\",\"failure_comment\":null}");
	open_api(&api, &c, "/");
	cr_assert_eq(lava_api_job(&api, 7, &info), 0, "%s", api.err);
	served(&c);
	cr_expect(strstr(c.request, "GET /api/v0.2/jobs/7/ HTTP/1.1\r\n"));
	cr_expect_str_eq(info.state, "Finished");
	cr_expect_str_eq(info.health, "Canceled");
	cr_expect_str_eq(info.failure, "");

	serve_once(&c, "200 OK", "{\"id\":7}");
	cr_expect_eq(lava_api_job(&api, 7, &info), -1);
	served(&c);
	cr_expect(strstr(api.err, "no state and health"), "%s", api.err);

	serve_once(&c, "200 OK", "- {\"dt\": \"x\", \"lvl\": \"target\", \"msg\": \"@s2b\"}\n");
	cr_assert_eq(lava_api_log(&api, 7, 1024, &log, &len), 0, "%s", api.err);
	served(&c);
	cr_expect(strstr(c.request, "GET /api/v0.2/jobs/7/logs/ HTTP/1.1\r\n"));
	cr_expect_eq(len, 46);
	cr_expect_str_eq(log, "- {\"dt\": \"x\", \"lvl\": \"target\", \"msg\": \"@s2b\"}\n");
	free(log);

	serve_once(&c, "404 Not Found", "{\"detail\":\"Not found.\"}");
	cr_assert_eq(lava_api_log(&api, 7, 1024, &log, &len), 0, "an empty log: %s", api.err);
	served(&c);
	cr_expect_eq(len, 0);
	cr_expect_str_eq(log, "");
	free(log);

	serve_once(&c, "200 OK", "0123456789abcdef");
	cr_expect_eq(lava_api_log(&api, 7, 15, &log, &len), -1);
	served(&c);
	cr_expect(strstr(api.err, "the answer is larger than 15 bytes"), "%s", api.err);
	cr_expect_null(log);
	lava_api_close(&api);
	close(c.fd);
}

Test(lava_api, no_server_and_bad_urls)
{
	struct canned c;
	struct lava_api api;

	canned_open(&c);
	close(c.fd); /* a port that was just free: nothing listens there now */
	open_api(&api, &c, "/");
	cr_expect_eq(lava_api_check_device_type(&api, "qemu"), -1);
	cr_expect(strstr(api.err, "cannot connect (is the LAVA server up?)"), "%s", api.err);
	lava_api_close(&api);

	static const char *const bad[] = { "ftp://lab/", "lab:8000", "http://", "http://a b/",
					   "http://lab/?x=1" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_expect_eq(lava_api_open(&api, bad[i], "T"), -1, "%s", bad[i]);
		cr_expect(strstr(api.err, bad[i]), "%s: %s", bad[i], api.err);
		lava_api_close(&api);
	}
}

Test(lava_api, token_file)
{
	char *dir = make_tmpdir("lava-token"), path[1024], token[64], err[256];

	snprintf(path, sizeof(path), "%s/token", dir);
	write_text(path, "  abcDEF123 \r\nsecond line\n");
	cr_assert_eq(lava_api_read_token(path, token, sizeof(token), err, sizeof(err)), 0, "%s", err);
	cr_expect_str_eq(token, "abcDEF123");
	static const char *const bad[] = { "", "\n", "   \n", "abc def\n", "abc\x01\n" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_text(path, bad[i]);
		cr_expect_eq(lava_api_read_token(path, token, sizeof(token), err, sizeof(err)), -1, "%zu", i);
		cr_expect(strstr(err, "--token-file"), "%s", err);
	}
	write_text(path, "0123456789012345678901234567890123456789012345678901234567890123456789\n");
	cr_expect_eq(lava_api_read_token(path, token, sizeof(token), err, sizeof(err)), -1);
	cr_expect(strstr(err, "token longer than 63 bytes"), "%s", err);
	snprintf(path, sizeof(path), "%s/none", dir);
	cr_expect_eq(lava_api_read_token(path, token, sizeof(token), err, sizeof(err)), -1);
	cr_expect(strstr(err, "No such file"), "%s", err);
	free(dir);
}
