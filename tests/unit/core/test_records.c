/* core/records.c, the one emitter of hello/cfg/boot/done for s2hv and s2vmm: each host's records
 * come out byte for byte as before it was shared; the calib records as a QEMU calibration run
 * (s2b.guest=calib) printed them (the dc_civac quartiles made distinct, its CRC by zlib). The s2hv lines are from a real QEMU log
 * (tests/unit/harness/data/qemu-unmap-bringup.log); the s2vmm lines are what kvm/records.c
 * printed at aa1d201, before it used this emitter, for the same values. */
#include <criterion/criterion.h>
#include <string.h>
#include "console_capture.h"
#include "lib.h"
#include "records.h"

static void setup(void)
{
	capture_console();
}
TestSuite(records, .init = setup);

Test(records, s2hv_records_as_in_a_real_log)
{
	static const char *const names[] = {"l1d_refill"};
	static const u64 values[] = {7};

	emit_hello(&(struct hello_rec){
		.hv = "0.1.0", .board = "qemu-virt", .midr = REC_SOME(0xf0510), .pa_bits = REC_SOME(52),
		.fwb = REC_SOME(1), .dic = 0, .idc = 0, .ctr = 0x8444c004, .hafdbs = REC_SOME(2),
		.pmu_ver = REC_SOME(6), .pmu_events = "cycles,inst_retired",
		.cal_hvc_insts = REC_SOME(139), .cal_hvc_cycles = REC_SOME(139)});
	emit_cfg(&(struct cfg_rec){
		.strategy = "unmap", .guest = "bringup", .mem = 67108864, .boots = 3, .block = SZ_4K,
		.map = "ondemand", .icache = "exec", .frac_tenths = 500, .stride = 4096, .write = 50,
		.order = 0, .seed = 1, .trace = "faults"});
	emit_boot(&(struct boot_rec){
		.units = {"cycles", "insts"}, .idx = 1,
		.reinit = {{REC_SOME(10090), REC_SOME(10090)}}, .reinit_lines = REC_SOME(192),
		.faults = REC_SOME(3), .fault_cycles = REC_SOME(2997), .fault_max_cycles = REC_SOME(1429),
		.fault_lines = REC_SOME(192), .icache_invals = REC_SOME(1), .tlbis = REC_SOME(1),
		.pages_mapped = REC_SOME(3), .ready = {{REC_SOME(18387), REC_SOME(18387)}},
		.reboot = {{REC_SOME(29352), REC_SOME(29352)}}, .check = CHECK_PASS, .exit = BOOT_RESET});
	emit_done(&(struct done_rec){.status = "ok", .boots = 3, .lines = REC_SOME(960),
				     .tlbis = REC_SOME(2)});
	cr_expect_str_eq(console_out,
		"@s2b hello proto=1.1 hv=0.1.0 board=qemu-virt midr=0xf0510 pa_bits=52 fwb=1 dic=0 idc=0 "
		"ctr=0x8444c004 hafdbs=2 pmu_ver=6 pmu_events=cycles,inst_retired cal_hvc_insts=139 "
		"cal_hvc_cycles=139 *f7c16286\r\n"
		"@s2b cfg strategy=unmap guest=bringup mem=67108864 boots=3 block=4k map=ondemand "
		"icache=exec frac=50 stride=4096 write=50 order=seq seed=1 trace=faults *57713e09\r\n"
		"@s2b boot idx=1 reinit_cycles=10090 reinit_insts=10090 reinit_lines=192 faults=3 "
		"fault_cycles=2997 fault_max_cycles=1429 fault_lines=192 icache_invals=1 tlbis=1 "
		"pages_mapped=3 ready_cycles=18387 ready_insts=18387 reboot_cycles=29352 "
		"reboot_insts=29352 check=pass exit=reset *cafa3883\r\n"
		"@s2b done status=ok boots=3 lines=960 tlbis=2 *a2a8394f\r\n");
	setup();
	emit_boot(&(struct boot_rec){.units = {"cycles", "insts"}, .idx = 1,
				     .reinit = {{REC_SOME(5), {false, 0}}}, .nevents = 1,
				     .event_names = names, .event_values = values,
				     .ready_flag = REC_SOME(1), .check = CHECK_NONE, .exit = BOOT_OFF});
	cr_expect(!strncmp(console_out, "@s2b boot idx=1 reinit_cycles=5 reinit_l1d_refill=7 ready=1 check=none "
			   "exit=off *", 76), "absent counters are absent, events follow reinit: %s", console_out);
}

Test(records, calib_records_as_a_calibration_run_printed_them)
{
	emit_calib(&(struct calib_rec){.op = "cache", .level = REC_SOME(1), .line = REC_SOME(64),
				       .sets = REC_SOME(256), .ways = REC_SOME(2), .size = REC_SOME(32768)});
	emit_calib(&(struct calib_rec){.op = "dc_civac", .state = "absent", .bytes = REC_SOME(4096),
				       .ops = REC_SOME(64), .n = REC_SOME(9),
				       .cycles = {REC_SOME(175), REC_SOME(170), REC_SOME(180)},
				       .ticks = {REC_SOME(11), REC_SOME(10), REC_SOME(12)}});
	emit_calib(&(struct calib_rec){.op = "clock", .cntfrq = REC_SOME(62500000), .ops = REC_SOME(1),
				       .n = REC_SOME(9),
				       .cycles = {REC_SOME(500014), REC_SOME(500014), REC_SOME(500014)},
				       .ticks = {REC_SOME(31251), REC_SOME(31251), REC_SOME(31251)}});
	cr_expect_str_eq(console_out,
		"@s2b calib op=cache level=1 line=64 sets=256 ways=2 size=32768 *5a6a3b67\r\n"
		"@s2b calib op=dc_civac state=absent bytes=4096 ops=64 n=9 cycles_med=175 cycles_q1=170 "
		"cycles_q3=180 ticks_med=11 ticks_q1=10 ticks_q3=12 *5765d68a\r\n"
		"@s2b calib op=clock cntfrq=62500000 ops=1 n=9 cycles_med=500014 cycles_q1=500014 "
		"cycles_q3=500014 ticks_med=31251 ticks_q1=31251 ticks_q3=31251 *88af996a\r\n");
	setup();
	/* no cycle counter: the cycles keys are absent, never 0 */
	emit_calib(&(struct calib_rec){.op = "hvc", .ops = REC_SOME(1), .n = REC_SOME(31),
				       .ticks = {REC_SOME(10), REC_SOME(9), REC_SOME(12)}});
	cr_expect(!strncmp(console_out, "@s2b calib op=hvc ops=1 n=31 ticks_med=10 ticks_q1=9 ticks_q3=12 *", 66),
		  "%s", console_out);
}

Test(records, s2vmm_records_as_before_they_were_shared)
{
	emit_hello(&(struct hello_rec){
		.hv = "s2vmm-0.0.0", .board = "kvm-qemu-n1", .backend = "kvm", .kernel = "6.1.0-28-arm64",
		.kvm_mode = "nvhe", .midr = REC_SOME(0x410fd0c0), .pa_bits = REC_SOME(40),
		.fwb = REC_SOME(1), .dic = 1, .idc = 0, .ctr = 0xa444c004, .cntfrq = REC_SOME(62500000),
		.probes = "unmap"});
	emit_boot(&(struct boot_rec){
		.units = {"ns", "ticks"}, .idx = 15, .faults = REC_SOME(11), .mmio_faults = REC_SOME(12),
		.stray_faults = REC_SOME(13), .init = {{REC_SOME(123), REC_SOME(45)}},
		.unmaps = REC_SOME(14), .unmap_us = REC_SOME(15), .load_ns = REC_SOME(999),
		.ready = {{REC_SOME(5000), REC_SOME(60)}}, .reboot = {{REC_SOME(7000), REC_SOME(80)}},
		.doorbell_exits = REC_SOME(16), .bad_calls = REC_SOME(15), .check = CHECK_NONE,
		.exit = BOOT_ERROR});
	emit_done(&(struct done_rec){.status = "crash", .boots = 2, .faults = REC_SOME(77)});
	cr_expect_str_eq(console_out,
		"@s2b hello proto=1.1 hv=s2vmm-0.0.0 board=kvm-qemu-n1 backend=kvm kernel=6.1.0-28-arm64 "
		"kvm_mode=nvhe midr=0x410fd0c0 pa_bits=40 fwb=1 dic=1 idc=0 ctr=0xa444c004 "
		"cntfrq=62500000 probes=unmap *c1c1c80b\r\n"
		"@s2b boot idx=15 faults=11 mmio_faults=12 stray_faults=13 init_ns=123 init_ticks=45 "
		"unmaps=14 unmap_us=15 load_ns=999 ready_ns=5000 ready_ticks=60 reboot_ns=7000 "
		"reboot_ticks=80 doorbell_exits=16 bad_calls=15 check=none exit=error *fa7caf6f\r\n"
		"@s2b done status=crash boots=2 faults=77 *34218db2\r\n");
}

Test(records, smp_boot_says_vcpus_after_idx_and_the_longest_unmap_after_the_sum)
{
	emit_boot(&(struct boot_rec){
		.units = {"ns", "ticks"}, .idx = 1, .vcpus = REC_SOME(4), .unmaps = REC_SOME(4),
		.unmap_us = REC_SOME(90), .unmap_max_us = REC_SOME(80), .check = CHECK_PASS,
		.exit = BOOT_RESET});
	cr_expect(!strncmp(console_out, "@s2b boot idx=1 vcpus=4 unmaps=4 unmap_us=90 unmap_max_us=80 "
			   "check=pass exit=reset *", 84), "%s", console_out);
}
