/* The calibration program's records (reports/calib_parse.c) and the profile built from them
 * (reports/calib_profile.c): real record lines through the harness's parser, garbled ones
 * refused, and a built profile that the profile reader accepts with the measured values. */
#include "calib.h"

#include "../../../core/crc32.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char line_buf[1024];
static char err[256];

/* BODY ("calib op=hvc ...") as the console line s2hv writes, with its CRC. */
static enum line_class parse(const char *body, struct record *rec)
{
	int n = snprintf(line_buf, sizeof(line_buf) - 12, "@s2b %s", body);
	n += snprintf(line_buf + n, 12, " *%08x", crc32_update(0, line_buf, (size_t)n));
	return proto_parse_line(line_buf, (size_t)n, rec);
}

static int take(struct calib_run *run, const char *body)
{
	struct record rec;

	cr_assert_eq(parse(body, &rec), LINE_RECORD, "not a record: %s", body);
	return calib_take(run, &rec, err, sizeof(err));
}

#define HELLO "hello proto=1.0 hv=0.1.0 board=qemu-virt midr=0xf0510 fwb=1 dic=0 idc=0 ctr=0x8444c004"
#define CLOCK "calib op=clock cntfrq=62500000 ops=1 n=9 cycles_med=500000 cycles_q1=499990 cycles_q3=500010 ticks_med=31250 ticks_q1=31250 ticks_q3=31251"

/* A run as the program writes it on a CPU with a 32K L1D and a 2M L2 (the last level). */
static void sample_run(struct calib_run *run, const char *hello, const char *clock)
{
	static const char *const body[] = {
		"calib op=cache level=1 line=64 sets=256 ways=2 size=32768",
		"calib op=cache level=2 line=64 sets=2048 ways=16 size=2097152",
		"calib op=dc_civac state=absent bytes=4096 ops=64 n=9 cycles_med=768 cycles_q1=700 cycles_q3=800 ticks_med=40 ticks_q1=38 ticks_q3=44",
		"calib op=dc_civac state=absent bytes=16384 ops=256 n=9 cycles_med=2560 cycles_q1=2500 cycles_q3=2600 ticks_med=160 ticks_q1=156 ticks_q3=163",
		"calib op=dc_civac state=absent bytes=1048576 ops=16384 n=9 cycles_med=327680 cycles_q1=327000 cycles_q3=328000 ticks_med=20480 ticks_q1=20400 ticks_q3=20500",
		"calib op=dc_civac state=absent bytes=4194304 ops=65536 n=9 cycles_med=3276800 cycles_q1=3270000 cycles_q3=3280000 ticks_med=204800 ticks_q1=204000 ticks_q3=205000",
		"calib op=dc_civac state=dirty bytes=4194304 ops=65536 n=9 cycles_med=6553600 cycles_q1=6550000 cycles_q3=6560000 ticks_med=409600 ticks_q1=409000 ticks_q3=410000",
		"calib op=hvc ops=1 n=31 cycles_med=900 cycles_q1=880 cycles_q3=950 ticks_med=56 ticks_q1=55 ticks_q3=59",
		"calib op=tlbi_vmalls12e1is ops=16 n=31 cycles_med=3200 cycles_q1=3100 cycles_q3=3300 ticks_med=200 ticks_q1=194 ticks_q3=206",
		"calib op=write_bw bytes=4194304 ops=1 n=9 cycles_med=1048576 cycles_q1=1000000 cycles_q3=1100000 ticks_med=65536 ticks_q1=62500 ticks_q3=68750",
	};
	memset(run, 0, sizeof(*run));
	cr_assert_eq(take(run, hello), 0, "%s", err);
	cr_assert_eq(take(run, clock), 0, "%s", err);
	for (size_t i = 0; i < sizeof(body) / sizeof(body[0]); i++)
		cr_assert_eq(take(run, body[i]), 0, "%s: %s", body[i], err);
}

static struct calib_run run;
static struct profile p, back;

/* Build, write, and read back with the profile reader: what calibrate does. */
static void build_and_reparse(const struct calib_run *r, const char *board, const char *emulator)
{
	struct calib_meta meta = {"test-board", board, "2026-11-28", emulator, 0};
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	cr_assert_eq(calib_profile_build(r, &meta, &p, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(profile_write(f, &p), 0);
	fclose(f);
	cr_assert_eq(profile_parse(text, len, "built.profile", &back, err, sizeof(err)), 0, "%s\n%s", err, text);
	free(text);
}

Test(calib_parse, hello_and_calib_records_fill_the_run)
{
	sample_run(&run, HELLO, CLOCK);
	cr_assert(run.have_hello && run.have_midr);
	cr_assert_eq(run.midr, 0xf0510ul);
	cr_assert_str_eq(run.board, "qemu-virt");
	cr_assert_str_eq(run.hv, "0.1.0");
	cr_assert_eq(run.last_level, 2);
	cr_assert_eq(run.cache_sets[2], 2048);
	cr_assert_eq(run.cntfrq, 62500000u);
	cr_assert_eq(run.nmeas, 8);
	cr_assert_eq(run.meas[0].op, CALIB_DC_CIVAC);
	cr_assert_eq(run.meas[0].state, PROF_ABSENT);
	cr_assert_eq(run.meas[0].bytes, 4096u);
	cr_assert_eq(run.meas[0].ops, 64u);
	cr_assert_float_eq(run.meas[0].cycles.q3, 800.0, 1e-9);
}

Test(calib_parse, other_kinds_are_ignored)
{
	memset(&run, 0, sizeof(run));
	cr_assert_eq(take(&run, "cfg strategy=unmap guest=calib mem=67108864 boots=1 block=4k frac=50 stride=4096 write=50 order=seq seed=1"), 0);
	cr_assert_eq(take(&run, "done status=ok boots=0"), 0);
	cr_assert_eq(run.nmeas, 0);
	cr_assert(!run.have_hello);
}

/* Records with a good CRC and grammar that a profile cannot use: each refused with its reason. */
Test(calib_parse, garbled_calib_records_are_refused)
{
	static const struct {
		const char *body, *why;
	} bad[] = {
		{"calib op=hvc ops=1 n=31 ticks_med=50 ticks_q1=55 ticks_q3=59", "out of order"},
		{"calib op=hvc ops=1 n=31 ticks_med=60 ticks_q1=55 ticks_q3=59", "out of order"},
		{"calib op=hvc ops=1 n=31 ticks_med=56 ticks_q3=59", "together"},
		{"calib op=hvc ops=1 n=31 cycles_med=900 ticks_med=56 ticks_q1=55 ticks_q3=59", "together"},
		{"calib op=hvc ops=0 n=31 ticks_med=56 ticks_q1=55 ticks_q3=59", "non-zero"},
		{"calib op=hvc ops=1 ticks_med=56 ticks_q1=55 ticks_q3=59", "non-zero"},
		{"calib op=hvc ops=1 n=31 cycles_med=900 cycles_q1=880 cycles_q3=950", "no ticks"},
		{"calib op=dc_civac bytes=4096 ops=64 n=9 ticks_med=40 ticks_q1=38 ticks_q3=44", "state"},
		{"calib op=dc_cvac state=clean ops=64 n=9 ticks_med=40 ticks_q1=38 ticks_q3=44", "bytes"},
		{"calib op=write_bw ops=1 n=9 ticks_med=40 ticks_q1=38 ticks_q3=44", "bytes"},
		{"calib op=clock ops=1 n=9 ticks_med=40 ticks_q1=38 ticks_q3=44", "cntfrq"},
		{"calib op=clock cntfrq=62500000 insts=0 ops=1 n=9 ticks_med=40 ticks_q1=38 ticks_q3=44", "insts"},
		{"calib op=cache level=1 line=64 sets=256 ways=2 size=65536", "not size"},
		{"calib op=cache level=1 line=64 sets=256 ways=2", "needs level"},
		{"calib op=cache level=0 line=64 sets=256 ways=2 size=32768", "level 1.."},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&run, 0, sizeof(run));
		err[0] = 0;
		cr_expect_eq(take(&run, bad[i].body), -1, "accepted: %s", bad[i].body);
		cr_expect(strstr(err, bad[i].why), "%s: said `%s`, expected `%s`", bad[i].body, err, bad[i].why);
	}
	memset(&run, 0, sizeof(run));
	cr_assert_eq(take(&run, "calib op=cache level=1 line=64 sets=256 ways=2 size=32768"), 0);
	cr_assert_eq(take(&run, "calib op=cache level=1 line=64 sets=256 ways=2 size=32768"), -1);
	cr_assert(strstr(err, "twice"), "%s", err);
}

/* The record grammar (harness/proto_check.c) stops what is not even a calib record. */
Test(calib_parse, the_grammar_refuses_bad_words_and_numbers)
{
	struct record rec;

	cr_assert_eq(parse("calib op=bogus ops=1 n=1", &rec), LINE_MALFORMED);
	cr_assert_eq(parse("calib ops=1 n=1", &rec), LINE_MALFORMED);
	cr_assert_eq(parse("calib op=dc_civac state=warm bytes=4096 ops=64 n=9", &rec), LINE_MALFORMED);
	cr_assert_eq(parse("calib op=hvc ops=1 n=x", &rec), LINE_MALFORMED);
	cr_assert_eq(parse("calib op=hvc ops=1 n=31 ticks_med=-1", &rec), LINE_MALFORMED);
	strcpy(line_buf, "@s2b calib op=hvc ops=1 n=31 *00000000");
	cr_assert_eq(proto_parse_line(line_buf, strlen(line_buf), &rec), LINE_BAD_CRC);
}

Test(calib_profile, the_profile_parses_with_the_measured_values)
{
	double lo, hi;

	sample_run(&run, HELLO, CLOCK);
	build_and_reparse(&run, "qemu-virt", NULL);
	cr_assert_str_eq(back.name, "test-board");
	cr_assert(back.midr_full_known);
	cr_assert_eq(back.midr_full, 0xf0510ul);
	cr_assert_float_eq(back.clock.value, 500000.0 / 31250 * 62.5, 1e-3); /* 1000 MHz */
	cr_assert_eq(back.cache[PROF_CACHE_L1D].size, 32768);
	cr_assert_eq(back.cache[PROF_CACHE_L2].ways, 16);
	cr_assert_eq(back.cache[PROF_CACHE_LLC].state, CACHE_IS_L2);
	/* per line, in cycles: the largest buffer of each class (16K for l1, 1M for l2, 4M for mem) */
	const struct profile_value *l1 = &back.c[profile_cmo(PROF_CIVAC, PROF_ABSENT, PROF_L1)];
	cr_assert(l1->known);
	cr_assert_eq(l1->unit, PU_CYCLES);
	cr_assert_float_eq(l1->value, 10.0, 1e-9);
	cr_assert_float_eq(l1->lo, 2500.0 / 256, 1e-3);
	cr_assert_eq(l1->n, 9);
	cr_assert_float_eq(back.c[profile_cmo(PROF_CIVAC, PROF_ABSENT, PROF_L2)].value, 20.0, 1e-9);
	cr_assert_float_eq(back.c[profile_cmo(PROF_CIVAC, PROF_ABSENT, PROF_MEM)].value, 50.0, 1e-9);
	cr_assert_float_eq(back.c[profile_cmo(PROF_CIVAC, PROF_DIRTY, PROF_MEM)].value, 100.0, 1e-9);
	cr_assert_float_eq(back.c[PROF_TLBI_VMALLS12E1IS].value, 200.0, 1e-9); /* 16 per sample */
	/* 900 cycles at the measured 1000 MHz: 900 ns, the quartiles with it */
	cr_assert_float_eq(profile_value(&back, PROF_HVC, &lo, &hi), 900.0, 1e-6);
	cr_assert_float_eq(lo, 880.0, 1e-6);
	cr_assert_float_eq(hi, 950.0, 1e-6);
	cr_assert_eq(back.c[PROF_WRITE_BW].unit, PU_BYTES_PER_CYCLE);
	cr_assert_float_eq(back.c[PROF_WRITE_BW].value, 4.0, 1e-9);
	cr_assert_float_eq(back.c[PROF_WRITE_BW].lo, 3.813, 1e-9); /* the slowest quartile */
	/* not measured: empty, never 0 */
	cr_assert(!back.c[profile_cmo(PROF_CVAC, PROF_CLEAN, PROF_L1)].known);
	cr_assert(!back.c[PROF_MAP_2M].known);
	cr_assert(!back.c[PROF_S2_FAULT].known);
	cr_assert(!back.c[profile_cmo(PROF_CIVAC, PROF_ABSENT, PROF_LLC)].known);
	/* one source, measured, naming board, date and version */
	const struct profile_source *s = profile_source_of(&back, PROF_HVC);
	cr_assert_eq(s->kind, PROV_MEASURED);
	cr_assert_str_eq(s->board, "qemu-virt");
	cr_assert_str_eq(s->date, "2026-11-28");
	cr_assert_str_eq(s->s2hv, "0.1.0");
}

Test(calib_profile, qemu_numbers_are_labelled_the_emulators)
{
	sample_run(&run, HELLO, CLOCK);
	build_and_reparse(&run, "qemu-virt", NULL);
	cr_assert(strstr(back.cpu, "QEMU") && strstr(back.cpu, "emulator"), "%s", back.cpu);
	cr_assert(strstr(back.src[0].method, "emulator"), "%s", back.src[0].method);
	sample_run(&run, "hello proto=1.0 hv=0.1.0 board=rpi4 midr=0x410fd083 dic=0 idc=0 ctr=0x8444c004", CLOCK);
	build_and_reparse(&run, "serial", NULL);
	cr_assert(!strstr(back.cpu, "QEMU") && !strstr(back.cpu, "emulator"), "%s", back.cpu);
	cr_assert(!strstr(back.src[0].method, "emulator"), "%s", back.src[0].method);
	/* raspi3b's DTB names the board raspi3b: the harness, which started QEMU, says it */
	build_and_reparse(&run, "qemu-raspi3b", "7.2.22");
	cr_assert(strstr(back.cpu, "QEMU 7.2.22") && strstr(back.cpu, "emulator"), "%s", back.cpu);
	cr_assert(strstr(back.src[0].method, "emulator"), "%s", back.src[0].method);
}

/* qemu-virt-tcg runs without -icount: its method must not claim instruction counts. */
Test(calib_profile, a_wall_clock_emulator_says_so_in_its_method)
{
	struct calib_meta meta = {"test-board", "qemu-virt-tcg", "2026-11-28", "7.2.22", 1};

	sample_run(&run, HELLO, CLOCK);
	cr_assert_eq(calib_profile_build(&run, &meta, &p, err, sizeof(err)), 0, "%s", err);
	cr_assert(strstr(p.src[0].method, "without -icount") && strstr(p.src[0].method, "wall-clock"),
		  "%s", p.src[0].method);
	cr_assert(!strstr(p.src[0].method, "shift=0"), "%s", p.src[0].method);
	build_and_reparse(&run, "qemu-virt", "7.2.22");
	cr_assert(strstr(back.src[0].method, "-icount shift=0"), "%s", back.src[0].method);
}

/* Without a cycle counter: nanoseconds by the generic timer, and no clock claimed. */
Test(calib_profile, without_cycles_times_are_ns_by_the_timer)
{
	static const char clock_ticks[] = "calib op=clock cntfrq=62500000 ops=1 n=9 ticks_med=31250 ticks_q1=31250 ticks_q3=31251";

	sample_run(&run, HELLO, clock_ticks);
	build_and_reparse(&run, "qemu-virt", NULL);
	cr_assert(!back.clock.known);
	cr_assert_eq(back.c[PROF_HVC].unit, PU_NS);
	cr_assert_float_eq(back.c[PROF_HVC].value, 56 * 16.0, 1e-9);
	cr_assert_eq(back.c[PROF_WRITE_BW].unit, PU_GBPS);
	cr_assert_float_eq(back.c[PROF_WRITE_BW].value, 4194304.0 / (65536 * 16.0), 1e-3);
}

/* A cycle counter that did not count gives no clock: ns, never a division by zero. */
Test(calib_profile, a_stopped_cycle_counter_is_no_clock)
{
	sample_run(&run, HELLO, "calib op=clock cntfrq=62500000 ops=1 n=9 cycles_med=0 cycles_q1=0 cycles_q3=0 ticks_med=31250 ticks_q1=31250 ticks_q3=31251");
	build_and_reparse(&run, "qemu-virt", NULL);
	cr_assert(!back.clock.known);
	cr_assert_eq(back.c[PROF_HVC].unit, PU_NS);
}

/* The clock's loop of known length prices one instruction: 500000 cycles over 200000
 * instructions is 2.5 cycles each; without `insts` (an older s2hv) `inst` stays unknown. */
Test(calib_profile, the_clock_loops_instruction_count_gives_inst)
{
	static const char with_insts[] = "calib op=clock cntfrq=62500000 insts=200000 ops=1 n=9 cycles_med=500000 cycles_q1=499990 cycles_q3=500010 ticks_med=31250 ticks_q1=31250 ticks_q3=31251";

	sample_run(&run, HELLO, with_insts);
	cr_assert_eq(run.clock_insts, 200000u);
	build_and_reparse(&run, "qemu-virt", NULL);
	cr_assert_eq(back.c[PROF_INST].unit, PU_CYCLES);
	cr_assert_float_eq(back.c[PROF_INST].value, 2.5, 1e-9);
	cr_assert_float_eq(back.c[PROF_INST].lo, 2.5, 1e-3);
	cr_assert_float_eq(back.c[PROF_INST].hi, 2.5, 1e-3);
	sample_run(&run, HELLO, CLOCK);
	build_and_reparse(&run, "qemu-virt", NULL);
	cr_assert(!back.c[PROF_INST].known);
}

/* insts_med (instructions retired per sample) ÷ ops becomes the constant's path length; a run
 * without it (a CPU that counts no instructions) leaves every path out, and `inst` never has one. */
Test(calib_profile, insts_med_gives_each_constant_its_path_length)
{
	static const char *const with_insts[] = {
		"calib op=dc_cvac state=absent bytes=4194304 ops=65536 n=9 cycles_med=3276800 cycles_q1=3270000 cycles_q3=3280000 ticks_med=204800 ticks_q1=204000 ticks_q3=205000 insts_med=139309",
		"calib op=s2_fault ops=1 n=31 cycles_med=2000 cycles_q1=1900 cycles_q3=2100 ticks_med=125 ticks_q1=119 ticks_q3=131 insts_med=187",
		"calib op=tlbi_vmalls12e1is ops=16 n=31 cycles_med=3200 cycles_q1=3100 cycles_q3=3300 ticks_med=200 ticks_q1=194 ticks_q3=206 insts_med=212",
	};
	static const char clock_insts[] = "calib op=clock cntfrq=62500000 insts=200000 ops=1 n=9 cycles_med=500000 cycles_q1=499990 cycles_q3=500010 ticks_med=31250 ticks_q1=31250 ticks_q3=31251 insts_med=200026";

	sample_run(&run, HELLO, clock_insts);
	build_and_reparse(&run, "qemu-virt", NULL);
	cr_expect(!back.c[PROF_TLBI_VMALLS12E1IS].have_path, "the sample run's records have no insts_med");
	cr_expect(!back.c[PROF_INST].have_path);
	for (size_t i = 0; i < sizeof(with_insts) / sizeof(with_insts[0]); i++)
		cr_assert_eq(take(&run, with_insts[i]), 0, "%s: %s", with_insts[i], err);
	build_and_reparse(&run, "qemu-virt", NULL);
	const struct profile_value *mem = &back.c[profile_cmo(PROF_CVAC, PROF_ABSENT, PROF_MEM)];
	cr_expect(mem->have_path);
	cr_expect_float_eq(mem->path, 2.126, 1e-9, "139309 / 65536 lines, to thousandths");
	cr_expect_float_eq(back.c[PROF_S2_FAULT].path, 187, 1e-9);
	cr_expect_float_eq(back.c[PROF_TLBI_VMALLS12E1IS].path, 13.25, 1e-9, "212 per 16");
	cr_expect(!back.c[PROF_INST].have_path, "one instruction is its own path");
	cr_expect(!back.c[profile_cmo(PROF_CIVAC, PROF_ABSENT, PROF_MEM)].have_path, "its record had none");
	cr_assert_eq(take(&run, "calib op=map_4k ops=1 n=31 cycles_med=900 cycles_q1=880 cycles_q3=950 ticks_med=56 ticks_q1=55 ticks_q3=59 insts_med=0"), 0, "%s", err);
	build_and_reparse(&run, "qemu-virt", NULL);
	cr_expect(back.c[PROF_MAP_4K].known && !back.c[PROF_MAP_4K].have_path, "a counter that did not move gives no path");
}

Test(calib_profile, a_third_level_gives_the_llc_class)
{
	sample_run(&run, HELLO, CLOCK);
	cr_assert_eq(take(&run, "calib op=cache level=3 line=64 sets=8192 ways=16 size=8388608"), 0, "%s", err);
	build_and_reparse(&run, "qemu-virt", NULL);
	cr_assert_eq(back.cache[PROF_CACHE_LLC].state, CACHE_GEOMETRY);
	cr_assert_eq(back.cache[PROF_CACHE_LLC].size, 8388608);
	/* 4M now fits the 8M L3: the llc class, and nothing is larger than the last level */
	cr_assert_float_eq(back.c[profile_cmo(PROF_CIVAC, PROF_ABSENT, PROF_LLC)].value, 50.0, 1e-9);
	cr_assert(!back.c[profile_cmo(PROF_CIVAC, PROF_ABSENT, PROF_MEM)].known);
}

Test(calib_profile, refused_without_hello_or_clock)
{
	struct calib_meta meta = {"x", "qemu-virt", "2026-11-28", NULL, 0};

	memset(&run, 0, sizeof(run));
	cr_assert_eq(take(&run, CLOCK), 0);
	cr_assert_eq(calib_profile_build(&run, &meta, &p, err, sizeof(err)), -1);
	cr_assert(strstr(err, "hello"), "%s", err);
	memset(&run, 0, sizeof(run));
	cr_assert_eq(take(&run, HELLO), 0);
	cr_assert_eq(calib_profile_build(&run, &meta, &p, err, sizeof(err)), -1);
	cr_assert(strstr(err, "clock"), "%s", err);
}
