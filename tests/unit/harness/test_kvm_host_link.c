/* The kvm-host board's link to its host (harness/kvm_host_link.c), with real shells: quoting
 * survives sh, exit statuses and stdin pass through, the deadline kills, content hashes tell
 * files apart, and a copy lands whole, once, through an ssh stand-in that runs the command in a
 * directory of its own. */
#include "kvm_host_link.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static void make_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/s2b-kvmhost-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void remove_dir(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_expect_eq(system(cmd), 0);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f, "%s", path);
	fputs(text, f);
	fclose(f);
}

static struct kvm_host_link local_link(void)
{
	struct run_options opt = { 0 };
	struct kvm_host_link l;
	char err[128];

	cr_assert_eq(kvm_host_link_init(&l, &opt, err, sizeof(err)), 0, "%s", err);
	return l;
}

Test(kvm_host_link, quoted_words_reach_the_shell_unchanged)
{
	const char *words[] = { "plain", "two words", "it's", "$HOME `id` \\ \"", "''", "" };
	struct kvm_host_link l = local_link();

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		char cmd[256] = "printf %s ", out[256];
		cr_assert_eq(kvm_host_quote(cmd, sizeof(cmd), words[i]), 0);
		cr_expect_eq(kvm_host_run(&l, cmd, NULL, 30, out, sizeof(out)), 0);
		cr_expect_str_eq(out, words[i]);
	}
	char small[8] = "";
	cr_expect_eq(kvm_host_quote(small, sizeof(small), "too long to fit"), -1);
}

Test(kvm_host_link, exit_status_and_stdin_pass_through, .init = make_dir, .fini = remove_dir)
{
	struct kvm_host_link l = local_link();
	char in[128], out[64];

	snprintf(in, sizeof(in), "%s/in", dir);
	write_file(in, "from stdin\n");
	cr_expect_eq(kvm_host_run(&l, "cat; exit 7", in, 30, out, sizeof(out)), 7);
	cr_expect_str_eq(out, "from stdin\n");
	cr_expect_eq(kvm_host_run(&l, "cat", NULL, 30, out, sizeof(out)), 0, "stdin is /dev/null");
	cr_expect_str_eq(out, "");
}

/* A command that never ends is killed at the deadline (-2), its whole group with it. */
Test(kvm_host_link, the_deadline_kills_a_hung_command, .timeout = 60)
{
	struct kvm_host_link l = local_link();
	char out[64], why[64];

	cr_expect_eq(kvm_host_run(&l, "echo started; sleep 1000 & wait", NULL, 1, out, sizeof(out)), -2);
	cr_expect_str_eq(out, "started\n");
	kvm_host_describe_exit(-2, 1, why, sizeof(why));
	cr_expect_str_eq(why, "no answer within 1s");
}

Test(kvm_host_link, content_hashes_tell_files_apart, .init = make_dir, .fini = remove_dir)
{
	char a[128], b[128], h1[17], h2[17], h3[17];
	const char *ab[] = { a, b, NULL }, *ba[] = { b, a, NULL }, *only_a[] = { a, NULL };

	snprintf(a, sizeof(a), "%s/a", dir);
	snprintf(b, sizeof(b), "%s/b", dir);
	write_file(a, "a");
	write_file(b, "bc");
	cr_assert_eq(kvm_host_content_hash(ab, h1), 0);
	write_file(a, "ab");
	write_file(b, "c");
	cr_assert_eq(kvm_host_content_hash(ab, h2), 0);
	cr_expect_str_neq(h1, h2, "a|bc and ab|c are other files");
	cr_assert_eq(kvm_host_content_hash(ba, h3), 0);
	cr_expect_str_neq(h2, h3);
	cr_assert_eq(kvm_host_content_hash(ab, h3), 0);
	cr_expect_str_eq(h2, h3, "the same content, the same name");
	cr_expect_eq(strlen(h1), 16u);
	const char *is_dir[] = { dir, NULL }; /* exists but cannot be read as a file */
	cr_expect_eq(kvm_host_content_hash(is_dir, h3), -1);
	unlink(b);
	cr_assert_eq(kvm_host_content_hash(ab, h3), 0, "a missing file counts as absent");
	cr_assert_eq(kvm_host_content_hash(only_a, h1), 0);
	cr_expect_str_eq(h1, h3);
}

/* An ssh stand-in: logs each call, then runs the command in DIR/remote as `ssh HOST CMD` would
 * in the login directory. */
static struct kvm_host_link fake_ssh_link(char *script, size_t len)
{
	char err[128];
	struct kvm_host_link l;

	snprintf(script, len, "%s/ssh", dir);
	FILE *f = fopen(script, "w");
	cr_assert_not_null(f);
	fprintf(f, "#!/bin/sh\nshift\necho \"$*\" >>'%s/calls'\nmkdir -p '%s/remote' && cd '%s/remote' "
		   "&& exec sh -c \"$*\"\n", dir, dir, dir);
	fclose(f);
	chmod(script, 0755);
	struct run_options opt = { .kvm_host = "user@host", .ssh_cmd = script };
	cr_assert_eq(kvm_host_link_init(&l, &opt, err, sizeof(err)), 0, "%s", err);
	return l;
}

static int lines_of(const char *path)
{
	FILE *f = fopen(path, "r");
	int n = 0, c;

	while (f && (c = fgetc(f)) != EOF)
		n += c == '\n';
	if (f)
		fclose(f);
	return n;
}

/* 1 when the stand-in's remote directory SUB holds no NAME.part* file. */
static int no_part_file_in(const char *sub)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "ls -a '%s/remote/%s' | grep -q part", dir, sub);
	return system(cmd) == 256; /* grep's exit 1: no such line */
}

Test(kvm_host_link, a_copy_lands_whole_and_once, .init = make_dir, .fini = remove_dir)
{
	char script[128], src[128], dst[160], calls[128], err[256], got[64] = "";
	struct kvm_host_link l = fake_ssh_link(script, sizeof(script));
	struct stat st;

	snprintf(src, sizeof(src), "%s/vmm", dir);
	snprintf(calls, sizeof(calls), "%s/calls", dir);
	write_file(src, "binary content\n");
	cr_assert_eq(kvm_host_upload(&l, src, ".cache/x/h1", "s2vmm", 1, 30, err, sizeof(err)), 0, "%s", err);
	snprintf(dst, sizeof(dst), "%s/remote/.cache/x/h1/s2vmm", dir);
	FILE *f = fopen(dst, "r");
	cr_assert_not_null(f, "copied to the remote directory");
	cr_expect_not_null(fgets(got, sizeof(got), f));
	fclose(f);
	cr_expect_str_eq(got, "binary content\n");
	cr_assert_eq(stat(dst, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0755, "s2vmm is executable");
	cr_expect_eq(no_part_file_in(".cache/x/h1"), 1, "no .part left behind");
	cr_expect_eq(kvm_host_upload(&l, src, ".cache/x/h1", "s2vmm", 1, 30, err, sizeof(err)), 0);
	cr_expect_eq(lines_of(calls), 1, "this process copies a file once");

	/* a file already on the host (another s2bench run: here another host name, so this
	 * process's memory of its copies does not answer) is found there and not sent again */
	write_file(src, "other content\n");
	cr_expect_eq(kvm_host_upload(&l, src, ".cache/x/h2", "g.bin", 0, 30, err, sizeof(err)), 0, "%s", err);
	write_file(src, "newer content\n");
	l.host = "user@same-host-other-name";
	cr_expect_eq(kvm_host_upload(&l, src, ".cache/x/h2", "g.bin", 0, 30, err, sizeof(err)), 0, "%s", err);
	cr_expect_eq(lines_of(calls), 3, "asked the host");
	snprintf(dst, sizeof(dst), "%s/remote/.cache/x/h2/g.bin", dir);
	cr_assert_eq(stat(dst, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0644);
	f = fopen(dst, "r");
	cr_assert_not_null(f);
	cr_expect_not_null(fgets(got, sizeof(got), f));
	fclose(f);
	cr_expect_str_eq(got, "other content\n", "the file already there stays");
}

Test(kvm_host_link, a_failed_copy_says_why, .init = make_dir, .fini = remove_dir)
{
	char err[256], script[128];
	struct run_options opt = { .kvm_host = "user@host" };
	struct kvm_host_link l;

	snprintf(script, sizeof(script), "%s/ssh", dir);
	write_file(script, "#!/bin/sh\necho 'ssh: connect to host host port 22: Connection refused' >&2\nexit 255\n");
	chmod(script, 0755);
	opt.ssh_cmd = script;
	cr_assert_eq(kvm_host_link_init(&l, &opt, err, sizeof(err)), 0);
	cr_expect_eq(kvm_host_upload(&l, script, "d", "f", 0, 30, err, sizeof(err)), -1);
	cr_expect(strstr(err, "(exit 255): ssh: connect to host host port 22: Connection refused"), "%s", err);
	opt.ssh_cmd = "   ";
	cr_expect_eq(kvm_host_link_init(&l, &opt, err, sizeof(err)), -1);
	cr_expect_str_eq(err, "--ssh: empty command");
}

/* A connection that drops mid-copy ends the remote `cat` as a normal EOF: the file must not be
 * taken as whole (here the stand-in passes on only the first 5 bytes). */
Test(kvm_host_link, a_copy_cut_short_is_not_taken_as_whole, .init = make_dir, .fini = remove_dir)
{
	char script[128], src[128], dst[160], err[256];
	struct run_options opt = { .kvm_host = "user@cut" };
	struct kvm_host_link l;

	snprintf(script, sizeof(script), "%s/ssh", dir);
	FILE *f = fopen(script, "w");
	cr_assert_not_null(f);
	fprintf(f, "#!/bin/sh\nshift\nmkdir -p '%s/remote' && cd '%s/remote' && head -c 5 | sh -c \"$*\"\n",
		dir, dir);
	fclose(f);
	chmod(script, 0755);
	opt.ssh_cmd = script;
	cr_assert_eq(kvm_host_link_init(&l, &opt, err, sizeof(err)), 0);
	snprintf(src, sizeof(src), "%s/img", dir);
	write_file(src, "0123456789\n");
	cr_expect_eq(kvm_host_upload(&l, src, "d", "g.bin", 0, 30, err, sizeof(err)), -1);
	cr_expect(strstr(err, "(exit 1): incomplete: 5 of 11 bytes arrived"), "%s", err);
	snprintf(dst, sizeof(dst), "%s/remote/d/g.bin", dir);
	cr_expect_neq(access(dst, F_OK), 0, "no file that looks whole");
	cr_expect_eq(no_part_file_in("d"), 1, "nor a .part");
}
