/* CPU profiles (reports/profile.c, docs/profiles.md): every kind of bad input is refused with
 * FILE:LINE, what is accepted round-trips through the writer, and every shipped profile parses with
 * a published citation behind each value it gives. */
#include "profile.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A complete, valid profile; `key` (if any) has its line replaced by `line`, and `extra` is
 * appended. Lines are numbered: format 1, name 2, cpu 3, midr 4, made 5, sources 6-7, clock 8,
 * caches 9-11, then the constants in profile_const_name() order from line 12. */
static char *profile_text(const char *key, const char *line, const char *extra)
{
	static char buf[16384];
	size_t n = 0;
	char lines[12 + PROF_NCONST][256] = {
		"format = s2bench-profile 1",
		"name = test-cpu",
		"cpu = Test CPU (a board)",
		"midr = 0x41/0xd08",
		"made = 2026-11-28 by hand, for the tests",
		"source trm = published doc \"Some TRM\" url \"https://example.org/trm#p12\"",
		"source cal = measured board \"rig-1\" date 2026-11-01 method \"PMU cycles\" s2hv \"abc123\"",
		"clock = 1500 MHz published trm at \"Table 1\"",
		"cache.l1d = line 64 sets 256 ways 2 size 32K published trm at \"6.1\"",
		"cache.l2 = line 64 sets 1024 ways 16 size 1M published trm at \"7.1\"",
		"cache.llc = l2",
	};
	for (int c = 0; c < PROF_NCONST; c++)
		snprintf(lines[11 + c], sizeof(lines[0]), "%s = -", profile_const_name(c));
	snprintf(lines[11 + PROF_HVC], sizeof(lines[0]),
		 "hvc = 900 cycles spread iqr 880 950 n 1000 measured cal");
	snprintf(lines[11 + PROF_WRITE_BW], sizeof(lines[0]),
		 "write_bw = 4.5 GB/s spread - published trm at \"Figure 3\"");
	for (int i = 0; i < 11 + PROF_NCONST; i++) {
		const char *name_end = strstr(lines[i], " = ");
		int replace = key && name_end && (size_t)(name_end - lines[i]) == strlen(key) &&
			      !strncmp(lines[i], key, strlen(key));
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s\n", replace ? line : lines[i]);
	}
	snprintf(buf + n, sizeof(buf) - n, "%s", extra ? extra : "");
	return buf;
}

static int line_of(const char *key)
{
	static const char *const head[] = {"format",	"name",	      "cpu",	    "midr",
					   "made",	"source trm", "source cal", "clock",
					   "cache.l1d", "cache.l2",   "cache.llc"};
	for (int i = 0; i < 11; i++)
		if (!strcmp(head[i], key))
			return i + 1;
	return 12 + profile_const_lookup(key);
}

static struct profile prof;

static void expect_refused(const char *text, int line, const char *why)
{
	char err[512], want[64];

	cr_assert_eq(profile_parse(text, strlen(text), "t.profile", &prof, err, sizeof(err)), -1,
		     "accepted, expected: %s", why);
	snprintf(want, sizeof(want), "t.profile:%d: ", line);
	cr_expect(!strncmp(err, want, strlen(want)), "error `%s` does not start with `%s`", err, want);
	cr_expect(strstr(err, why) != NULL, "error `%s` does not say `%s`", err, why);
}

static void expect_line_refused(const char *key, const char *line, const char *why)
{
	expect_refused(profile_text(key, line, NULL), line_of(key), why);
}

Test(profile, the_base_text_is_valid)
{
	char err[512];
	const char *t = profile_text(NULL, NULL, NULL);

	cr_assert_eq(profile_parse(t, strlen(t), "t.profile", &prof, err, sizeof(err)), 0, "%s", err);
	cr_expect_str_eq(prof.name, "test-cpu");
	cr_expect_eq(prof.midr_impl, 0x41);
	cr_expect_eq(prof.midr_part, 0xd08);
	cr_expect_eq(prof.cache[PROF_CACHE_L1D].sets, 256);
	cr_expect_eq(prof.cache[PROF_CACHE_L2].size, 1 << 20);
	cr_expect_eq(prof.cache[PROF_CACHE_LLC].state, CACHE_IS_L2);
}

Test(profile, refuses_an_unknown_key)
{
	expect_refused(profile_text(NULL, NULL, "dc_civac.absent.l4 = -\n"), 12 + PROF_NCONST,
		       "unknown key `dc_civac.absent.l4`");
}

Test(profile, refuses_a_bad_number)
{
	expect_line_refused("hvc", "hvc = 9x0 cycles spread - measured cal", "hvc: bad number `9x0`");
	expect_line_refused("hvc", "hvc = -5 ns spread - measured cal", "hvc: bad number `-5`");
	expect_line_refused("hvc", "hvc = nan ns spread - measured cal", "hvc: bad number `nan`");
	expect_line_refused("hvc", "hvc = 0x10 ns spread - measured cal", "hvc: bad number `0x10`");
	expect_line_refused("cache.l1d", "cache.l1d = line 64 sets 2x6 ways 2 size 32K published trm",
			    "cache.l1d: bad number `2x6`");
}

Test(profile, refuses_a_value_without_its_unit)
{
	expect_line_refused("hvc", "hvc = 900", "hvc: missing unit (ns or cycles)");
	expect_line_refused("hvc", "hvc = 900 spread - measured cal", "hvc: missing unit (ns or cycles)");
	expect_line_refused("write_bw", "write_bw = 4 ns spread - published trm at \"x\"",
			    "write_bw: unit `ns` does not fit (GB/s or B/cycle)");
}

Test(profile, refuses_a_value_without_a_spread_or_provenance)
{
	expect_line_refused("hvc", "hvc = 900 cycles measured cal", "hvc: missing spread");
	expect_line_refused("hvc", "hvc = 900 cycles spread -", "hvc: a value needs its provenance");
	expect_line_refused("hvc", "hvc = 900 cycles spread iqr 950 990 n 10 measured cal",
			    "hvc: spread 950..990 does not contain the value 900");
}

Test(profile, refuses_a_published_value_without_a_citation)
{
	/* the source names no section and the line adds none */
	expect_line_refused("write_bw", "write_bw = 4.5 GB/s spread - published trm",
			    "write_bw: published value without a citation");
	/* a published source must give its document and URL */
	expect_line_refused("source trm", "source trm = published doc \"Some TRM\" at \"p. 3\"",
			    "source trm: a published source needs a citation");
	expect_line_refused("hvc", "hvc = 900 cycles spread - published cal at \"p. 1\"",
			    "hvc: source `cal` is measured, not published");
	expect_line_refused("hvc", "hvc = 900 cycles spread - published nobody at \"p. 1\"",
			    "hvc: unknown source `nobody`");
}

Test(profile, refuses_a_measured_source_without_board_date_method_and_version)
{
	expect_line_refused("source cal",
			    "source cal = measured board \"rig-1\" date 2026-11-01 method \"PMU\"",
			    "source cal: a measured source needs `board`, `date`, `method` and `s2hv`");
	expect_line_refused("source cal",
			    "source cal = measured board \"rig-1\" date 26-11-01 method \"PMU\" s2hv \"abc\"",
			    "source cal: date `26-11-01` is not YYYY-MM-DD");
}

Test(profile, refuses_a_duplicate_constant)
{
	expect_refused(profile_text(NULL, NULL, "hvc = -\n"), 12 + PROF_NCONST,
		       "hvc: duplicate constant (first at line");
	expect_refused(profile_text(NULL, NULL, "cache.l2 = -\n"), 12 + PROF_NCONST, "cache.l2: duplicate");
	expect_refused(profile_text(NULL, NULL, "source trm = published doc \"d\" url \"u\"\n"),
		       12 + PROF_NCONST, "source trm: duplicate");
}

Test(profile, refuses_a_midr_that_does_not_parse)
{
	const char *bad[] = {"0x41",	 "0x41/d08",	"0x141/0xd08", "0x41/0x1d08",
			     "410fd083", "0x410fd0830", "0x41/0xd08 x"};
	char line[64];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(line, sizeof(line), "midr = %s", bad[i]);
		expect_line_refused("midr", line, "midr: `");
	}
	/* and the whole MIDR_EL1 is accepted, split into implementer and part */
	char err[512];
	const char *t = profile_text("midr", "midr = 0x410fd083", NULL);
	cr_assert_eq(profile_parse(t, strlen(t), "t.profile", &prof, err, sizeof(err)), 0, "%s", err);
	cr_expect_eq(prof.midr_impl, 0x41);
	cr_expect_eq(prof.midr_part, 0xd08);
}

Test(profile, refuses_a_missing_constant_and_an_unconvertible_cycle_count)
{
	char *t = profile_text("map_2m", "", NULL);
	expect_refused(t, 11 + PROF_NCONST, "missing constant `map_2m` (write `map_2m = -`");
	expect_refused(profile_text("clock", "clock = -", NULL), line_of("hvc"),
		       "hvc: given per cycle but the clock is `-`");
	expect_refused(profile_text(NULL, NULL, "format = s2bench-profile 1\n"), 12 + PROF_NCONST,
		       "format: duplicate");
	expect_refused("name = x\n", 1, "the first line must be `format = s2bench-profile 1`");
}

Test(profile, refuses_a_size_class_the_cache_does_not_have)
{
	expect_line_refused("dc_civac.dirty.llc",
			    "dc_civac.dirty.llc = 20 ns spread - published trm at \"x\"",
			    "dc_civac.dirty.llc: the last-level cache is the L2");
	expect_line_refused("cache.l1d", "cache.l1d = line 64 sets 128 ways 2 size 32K published trm",
			    "cache.l1d: line x sets x ways = 16384, not size 32768");
}

Test(profile, refuses_bad_syntax_with_its_line)
{
	expect_line_refused("cpu", "cpu \"Test CPU", "unterminated \"");
	expect_line_refused("cpu", "just words", "expected `KEY = VALUE`");
	expect_line_refused("hvc", "hvc = 900 cycles spread - measured cal at",
			    "hvc: `at` takes a \"quoted\" section");
	expect_line_refused("hvc", "hvc = 900 cycles spread - measured cal extra", "hvc: unexpected `extra`");
}

/* Comments, blanks and `#` inside a URL are not values. */
Test(profile, comments_and_blank_lines_are_ignored)
{
	char err[512];
	const char *t = profile_text("source trm",
				     "  # a comment\n\nsource trm = published doc \"Some TRM\" url "
				     "\"https://example.org/trm#p12\" # trailing comment",
				     "\n# the end\n");

	cr_assert_eq(profile_parse(t, strlen(t), "t.profile", &prof, err, sizeof(err)), 0, "%s", err);
	cr_expect_str_eq(prof.src[0].url, "https://example.org/trm#p12");
}

Test(profile, queries_convert_cycles_to_ns_and_keep_unknowns_unknown)
{
	char err[512];
	double lo, hi;
	const char *t = profile_text(NULL, NULL, NULL);

	cr_assert_eq(profile_parse(t, strlen(t), "t.profile", &prof, err, sizeof(err)), 0, "%s", err);
	cr_expect(profile_known(&prof, PROF_HVC));
	cr_expect_float_eq(profile_value(&prof, PROF_HVC, &lo, &hi), 600.0, 1e-9); /* 900 cycles at 1.5 GHz */
	cr_expect_float_eq(lo, 880 / 1.5, 1e-9);
	cr_expect_float_eq(hi, 950 / 1.5, 1e-9);
	cr_expect_str_eq(profile_source_of(&prof, PROF_HVC)->id, "cal");
	cr_expect_float_eq(profile_value(&prof, PROF_WRITE_BW, &lo, &hi), 4.5, 1e-12);
	cr_expect(isnan(lo) && isnan(hi), "a `spread -` value has no interval");
	int c = profile_cmo(PROF_CIVAC, PROF_ABSENT, PROF_MEM);
	cr_expect_str_eq(profile_const_name(c), "dc_civac.absent.mem");
	cr_expect(!profile_known(&prof, c));
	cr_expect(isnan(profile_value(&prof, c, &lo, NULL)) && isnan(lo));
	cr_expect_null(profile_source_of(&prof, c));
}

static char *write_to_string(const struct profile *p)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	cr_assert_not_null(f);
	cr_assert_eq(profile_write(f, p), 0);
	fclose(f);
	return text;
}

/* parse -> write -> parse -> write gives the same text and the same values. */
static void expect_round_trip(const char *text, const char *file)
{
	static struct profile again;
	char err[512];

	cr_assert_eq(profile_parse(text, strlen(text), file, &prof, err, sizeof(err)), 0, "%s", err);
	char *once = write_to_string(&prof);
	cr_assert_eq(profile_parse(once, strlen(once), "written", &again, err, sizeof(err)), 0, "%s\n%s", err,
		     once);
	char *twice = write_to_string(&again);
	cr_expect_str_eq(once, twice);
	for (int c = 0; c < PROF_NCONST; c++) {
		const struct profile_value *a = &prof.c[c], *b = &again.c[c];
		cr_expect_eq(a->known, b->known, "%s", profile_const_name(c));
		if (!a->known)
			continue;
		cr_expect(a->value == b->value && a->unit == b->unit && a->spread == b->spread &&
				  a->n == b->n,
			  "%s: %s", file, profile_const_name(c));
		cr_expect(a->spread == SPREAD_NONE || (a->lo == b->lo && a->hi == b->hi), "%s",
			  profile_const_name(c));
		cr_expect_eq(a->ncite, b->ncite, "%s", profile_const_name(c));
		for (int i = 0; i < a->ncite && i < b->ncite; i++) {
			cr_expect_str_eq(prof.src[a->cite[i].source].id, again.src[b->cite[i].source].id);
			cr_expect_str_eq(a->cite[i].at, b->cite[i].at);
		}
	}
	for (int i = 0; i < PROF_NCACHES; i++)
		cr_expect(prof.cache[i].state == again.cache[i].state &&
				  prof.cache[i].size == again.cache[i].size &&
				  prof.cache[i].sets == again.cache[i].sets &&
				  prof.cache[i].ways == again.cache[i].ways &&
				  prof.cache[i].line == again.cache[i].line,
			  "%s: cache %d", file, i);
	cr_expect(prof.midr_impl == again.midr_impl && prof.midr_part == again.midr_part);
	cr_expect_str_eq(prof.made, again.made);
	cr_expect_str_eq(prof.cpu, again.cpu);
	free(once);
	free(twice);
}

Test(profile, round_trips_through_the_writer)
{
	/* a derived value citing two sources */
	expect_round_trip(profile_text("dc_cvac.dirty.l1",
				       "dc_cvac.dirty.l1 = 0.1 ns spread minmax 0.05 0.3 n 7 "
				       "published trm at \"Table 9, row 2\" published trm at \"p. 4\"",
				       NULL),
			  "t.profile");
	cr_expect_eq(prof.c[profile_cmo(PROF_CVAC, PROF_DIRTY, PROF_L1)].ncite, 2);
	expect_round_trip(profile_text("midr", "midr = 0x481fd010", NULL), "t.profile");
}

/* `inst`, the cost model's price of an ordinary instruction: a time like any other, written back
 * as read, converted from cycles by the clock, and refused in a bandwidth's unit. */
Test(profile, inst_round_trips_and_converts_like_a_time)
{
	double lo, hi;

	expect_round_trip(profile_text("inst", "inst = 1.25 cycles spread iqr 1 1.5 n 9 measured cal", NULL),
			  "t.profile");
	char *text = write_to_string(&prof);
	cr_expect(strstr(text, "\ninst = 1.25 cycles spread iqr 1 1.5 n 9 measured cal\n"), "%s", text);
	free(text);
	cr_expect_float_eq(profile_value(&prof, PROF_INST, &lo, &hi), 1.25 * 1000 / 1500, 1e-12);
	cr_expect_float_eq(hi, 1.5 * 1000 / 1500, 1e-12);
	expect_line_refused("inst", "inst = 2 GB/s spread - measured cal", "inst: unit `GB/s` does not fit");
}

/* A path length (instructions per operation, docs/profiles.md) is an optional field of a measured
 * value: read, written back as read; refused on a published value, and when it is no number. */
Test(profile, a_measured_values_path_length_round_trips_and_a_published_one_is_refused)
{
	expect_round_trip(profile_text("s2_fault", "s2_fault = 900 cycles spread iqr 880 950 n 31 path 187.5 measured cal", NULL),
			  "t.profile");
	cr_expect(prof.c[PROF_S2_FAULT].have_path);
	cr_expect_float_eq(prof.c[PROF_S2_FAULT].path, 187.5, 1e-12);
	cr_expect(!prof.c[PROF_HVC].have_path, "a value without `path` has none");
	char *text = write_to_string(&prof);
	cr_expect(strstr(text, "\ns2_fault = 900 cycles spread iqr 880 950 n 31 path 187.5 measured cal\n"), "%s", text);
	free(text);
	expect_line_refused("s2_fault", "s2_fault = 900 cycles spread - path 187 published trm at \"p. 2\"",
			    "s2_fault: a path length is s2hv's own");
	expect_line_refused("s2_fault", "s2_fault = 900 cycles spread - path x measured cal",
			    "s2_fault: bad number `x`");
	expect_line_refused("s2_fault", "s2_fault = 900 cycles spread - path", "s2_fault: `path` takes an instruction count");
}

/* Values are written as plain decimals (docs/profiles.md: VALUE is a non-negative decimal): a
 * round number, a large one and a tiny one never in exponent form. */
Test(profile, the_writer_never_writes_an_exponent)
{
	expect_round_trip(profile_text("hvc", "hvc = 1000 cycles spread iqr 200 30000 n 9 measured cal", NULL),
			  "t.profile");
	char *text = write_to_string(&prof);
	cr_expect(strstr(text, "\nhvc = 1000 cycles spread iqr 200 30000 n 9 measured cal\n"), "%s", text);
	free(text);
	expect_round_trip(profile_text("hvc", "hvc = 0.00001 cycles spread iqr 0.000001 0.5 n 9 measured cal", NULL),
			  "t.profile");
	text = write_to_string(&prof);
	cr_expect(strstr(text, "\nhvc = 0.00001 cycles spread iqr 0.000001 0.5 n 9 measured cal\n"), "%s", text);
	free(text);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	static char buf[1 << 17];
	size_t n;

	cr_assert_not_null(f, "%s cannot be opened", path);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	return buf;
}

static void expect_round_trip_file(const char *path)
{
	expect_round_trip(slurp(path), path);
}

static int shipped(const char *name)
{
	return strlen(name) > 8 && !strcmp(name + strlen(name) - 8, ".profile");
}

/* Run from the repository root, like the other unit tests. */
Test(profile, every_shipped_profile_parses_round_trips_and_cites_a_published_source_per_value)
{
	const char *want[] = {"cortex-a53-rpi3.profile", "cortex-a72-rpi4.profile", "neoverse-n1.profile",
			      "kunpeng-920.profile"};
	int found[4] = {0}, count = 0;
	DIR *d = opendir("profiles");
	struct dirent *e;
	char path[512], err[512];

	cr_assert_not_null(d, "no profiles/ directory (run from the repository root)");
	while ((e = readdir(d))) {
		if (!shipped(e->d_name))
			continue;
		count++;
		for (int i = 0; i < 4; i++)
			found[i] |= !strcmp(e->d_name, want[i]);
		snprintf(path, sizeof(path), "profiles/%s", e->d_name);
		cr_assert_eq(profile_read(path, &prof, err, sizeof(err)), 0, "%s", err);
		for (int i = 0; i < prof.nsrc; i++)
			cr_expect_eq(prof.src[i].kind, PROV_PUBLISHED,
				     "%s: source %s is not published: shipped "
				     "profiles are built from public sources only",
				     path, prof.src[i].id);
		for (int i = 0; i < PROF_NCACHES; i++)
			for (int j = 0; j < prof.cache[i].ncite; j++)
				cr_expect_eq(prof.src[prof.cache[i].cite[j].source].kind, PROV_PUBLISHED,
					     "%s: cache %d", path, i);
		cr_expect(prof.cache[PROF_CACHE_L1D].state == CACHE_GEOMETRY &&
				  prof.cache[PROF_CACHE_L1D].size > 0,
			  "%s: the L1D geometry is in every TRM", path);
		for (int c = 0; c < PROF_NCONST; c++) {
			if (!profile_known(&prof, c))
				continue;
			cr_expect_gt(prof.c[c].ncite, 0, "%s: %s has no source", path, profile_const_name(c));
			for (int i = 0; i < prof.c[c].ncite; i++) {
				const struct profile_source *s = &prof.src[prof.c[c].cite[i].source];
				cr_expect(s->kind == PROV_PUBLISHED && s->doc[0] && s->url[0] &&
						  (s->at[0] || prof.c[c].cite[i].at[0]),
					  "%s: %s: citation %d lacks a document, URL or place", path,
					  profile_const_name(c), i);
			}
		}
		expect_round_trip_file(path);
	}
	closedir(d);
	cr_expect_geq(count, 4);
	for (int i = 0; i < 4; i++)
		cr_expect(found[i], "profiles/%s is missing", want[i]);
}

/* docs/profiles.md shows the format by an example: it must stay valid. Constants it leaves out
 * are filled with `-`, as the doc says. */
Test(profile, the_docs_example_parses)
{
	static char text[16384];
	char err[512];
	const char *doc = slurp("docs/profiles.md");
	const char *start = strstr(doc, "<!-- profile example");

	cr_assert_not_null(start, "docs/profiles.md has no marked example");
	start = strstr(start, "```\n");
	cr_assert_not_null(start);
	start += 4;
	const char *end = strstr(start, "```");
	cr_assert_not_null(end);
	size_t n = (size_t)(end - start);
	memcpy(text, start, n);
	for (int c = 0; c < PROF_NCONST; c++) {
		char key[48];
		snprintf(key, sizeof(key), "\n%s =", profile_const_name(c));
		if (!strstr(text, key))
			n += (size_t)snprintf(text + n, sizeof(text) - n, "%s = -\n", profile_const_name(c));
	}
	text[n] = 0;
	cr_assert_eq(profile_parse(text, n, "docs/profiles.md example", &prof, err, sizeof(err)), 0, "%s",
		     err);
	cr_expect(profile_known(&prof, PROF_HVC));
	cr_expect_eq(profile_source_of(&prof, PROF_HVC)->kind, PROV_MEASURED);
}
