/* See vmm.h. The reboot sequence is QEMU's, the one the seed question is about: the guest asks
 * PSCI SYSTEM_RESET → KVM exits to us → we rewrite the pristine image (and DTB) into guest RAM
 * through our cacheable mapping → KVM_ARM_VCPU_INIT (where KVM unmaps stage 2 without FWB) →
 * entry registers → KVM_RUN. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "../core/bootargs.h"
#include "boot_stop.h"
#include "config.h"
#include "doorbell.h"
#include "dtb.h"
#include "errors.h"
#include "guest_calls.h"
#include "guest_image.h"
#include "hang.h"
#include "host_mem.h"
#include "host_info.h"
#include "pl011.h"
#include "probes.h"
#include "records.h"
#include "vcpu.h"
#include "vgic.h"
#include "vm.h"
#include "vmm.h"
#include "watchdog.h"
#include "../core/lib.h"

#define DTB_OFFSET_FROM_END 0x10000 /* the DTB sits in the last 64 KiB of RAM */

struct vmm {
	struct vmm_config cfg;
	struct vm vm;
	struct vcpu vcpus[DTB_MAX_CPUS]; /* vcpus[0] boots, on the main thread; the others wait
					  * powered off, each on its own thread, for CPU_ON */
	unsigned nvcpus;
	struct probes probes;
	struct guest_image image;
	struct pl011 uart;
	struct vgic gic;
	u8 dtb[DTB_MAX_SIZE];
	size_t dtb_size;
	/* One boot's shared state: every vCPU thread's exits are served under exits_lock (the UART,
	 * the doorbell, the session and the records are one per VM). */
	pthread_mutex_t exits_lock;
	struct doorbell db;
	struct boot_session session;
	struct boot_stop stop;
};

/* A secondary vCPU's thread for one boot. */
struct vcpu_thread {
	struct vmm *m;
	struct vcpu *v;
	pthread_t thread;
	int tid;
	pthread_barrier_t *started;
};

static struct stamp since(struct stamp t0)
{
	struct stamp now = stamp_now(), d = {now.ns - t0.ns, now.ticks - t0.ticks};

	return d;
}

static ipa_t dtb_ipa(const struct vmm *m)
{
	return m->vm.ram_ipa + m->vm.ram_size - DTB_OFFSET_FROM_END;
}

/* The host's cacheable writes into guest RAM: exactly what a reboot must make visible. */
static void load_guest(struct vmm *m)
{
	memcpy(m->vm.ram + m->image.load_offset, m->image.data, m->image.size);
	memcpy(m->vm.ram + (dtb_ipa(m) - m->vm.ram_ipa), m->dtb, m->dtb_size);
}

/* A KVM_EXIT_MMIO on the UART. true = it was ours and served. */
static bool on_uart(struct vmm *m, struct kvm_run *run, struct boot_session *s, bool *keep_running)
{
	char tx;

	*keep_running = true;
	switch (pl011_access(&m->uart, run, &tx)) {
	case PL011_TX:
		guest_calls_uart_byte(s, tx);
		return true;
	case PL011_DONE:
		return true;
	case PL011_BAD:
		error_in_boot("guest_trap", "bad_uart_access", s->idx, run->mmio.phys_addr);
		*keep_running = false;
		return true;
	case PL011_NOT_OURS:
		break;
	}
	return false;
}

/* A KVM_EXIT_MMIO: the UART, a guest call, or an access we cannot serve. true = keep running. */
static bool on_mmio(struct vmm *m, struct kvm_run *run, struct doorbell *db, struct boot_session *s)
{
	struct guest_call call;
	bool keep_running;

	if (on_uart(m, run, s, &keep_running))
		return keep_running;
	switch (doorbell_access(db, run, &call)) {
	case DB_CALL:
		doorbell_set_result(db, guest_call(s, &call));
		return true;
	case DB_HANDLED:
		return true;
	case DB_BAD:
		error_in_boot("guest_trap", "bad_doorbell_access", s->idx, run->mmio.phys_addr);
		return false;
	case DB_NOT_OURS:
		break;
	}
	error_in_boot("guest_abort", "access_outside_ram", s->idx, run->mmio.phys_addr);
	return false;
}

/* KVM_EXIT_ARM_NISV: an access without a syndrome (LDP, pre/post-index) KVM cannot emulate. On
 * the doorbell it is a guest call done wrong, on the UART a register access done wrong; anywhere
 * else, an access outside RAM. */
static void on_nisv(struct kvm_run *run, struct doorbell *db, struct boot_session *s)
{
	u64 ipa = run->arm_nisv.fault_ipa, iss = run->arm_nisv.esr_iss;

	if (doorbell_contains(ipa)) {
		db->exits++; /* an exit on the doorbell page, as mmio_faults counts it */
		error_undecodable("guest_trap", "undecodable_doorbell_access", s->idx, ipa, iss);
	} else if (pl011_contains(ipa)) {
		error_undecodable("guest_trap", "undecodable_uart_access", s->idx, ipa, iss);
	} else {
		error_undecodable("guest_abort", "access_outside_ram", s->idx, ipa, iss);
	}
}

/* A watchdog tick kicked the boot vCPU's KVM_RUN out (SIGALRM reaches the main thread only):
 * the boot vCPU powered itself off (PSCI CPU_OFF: KVM never exits for it; with the boot vCPU off
 * the machine is taken as off), or the boot is out of time. */
static bool on_tick(struct vmm *m, struct vcpu *v, struct boot_session *s, enum boot_exit *exit)
{
	if (v->id != 0)
		return true; /* a secondary is only ever kicked to stop */
	if (vcpu_stopped(v)) {
		*exit = BOOT_OFF;
		return false;
	}
	if (!watchdog_expired())
		return true;
	hang_report(v, &m->vm, s->idx, m->cfg.boot_timeout);
	*exit = BOOT_ERROR;
	return false;
}

/* One exit of vCPU v (ret: vcpu_run's). true = run on; false = the boot ends with *exit. */
static bool on_exit(struct vmm *m, struct vcpu *v, int ret, enum boot_exit *exit)
{
	struct kvm_run *run = v->run;
	struct boot_session *s = &m->session;
	char msg[32];

	*exit = BOOT_ERROR;
	if (ret < 0) {
		error_in_boot_errno("guest_trap", "KVM_RUN", s->idx, errno);
		return false;
	}
	if (ret > 0)
		return on_tick(m, v, s, exit);
	switch (run->exit_reason) {
	case KVM_EXIT_MMIO:
		return on_mmio(m, run, &m->db, s);
	case KVM_EXIT_ARM_NISV:
		on_nisv(run, &m->db, s);
		return false;
	case KVM_EXIT_INTR:
		return true;
	case KVM_EXIT_SYSTEM_EVENT:
		if (run->system_event.type == KVM_SYSTEM_EVENT_RESET) {
			*exit = BOOT_RESET;
			return false;
		}
		if (run->system_event.type == KVM_SYSTEM_EVENT_SHUTDOWN) {
			*exit = BOOT_OFF;
			return false;
		}
		break;
	default:
		break;
	}
	fmt_snprintf(msg, sizeof(msg), "kvm_exit_%u", run->exit_reason);
	error_in_boot("guest_trap", msg, s->idx, ~0ULL);
	return false;
}

/* KVM_RUN vCPU v until the guest resets, powers off or does something we cannot serve (then
 * every other vCPU is stopped), or another vCPU ended the boot. The boot's outcome. */
static enum boot_exit run_vcpu(struct vmm *m, struct vcpu *v)
{
	enum boot_exit exit;

	for (;;) {
		int ret = vcpu_run(v);
		bool go;

		pthread_mutex_lock(&m->exits_lock);
		if (boot_stopping(&m->stop)) {
			/* The boot is over: what this vCPU did meanwhile belongs to no boot. No kick
			 * from here: whoever ended it kicked everyone, and a thread the main one has
			 * joined already must never be signalled. */
			pthread_mutex_unlock(&m->exits_lock);
			return boot_stop_outcome(&m->stop);
		}
		go = on_exit(m, v, ret, &exit);
		pthread_mutex_unlock(&m->exits_lock);
		if (!go)
			return boot_stop_all(&m->stop, exit);
	}
}

static void *secondary_main(void *arg)
{
	struct vcpu_thread *t = arg;

	t->tid = (int)gettid();
	boot_stop_register(&t->m->stop, pthread_self(), t->v->run);
	pthread_barrier_wait(t->started);
	run_vcpu(t->m, t->v);
	return NULL;
}

/* The secondaries' threads, SIGALRM blocked in them so the watchdog's tick reaches the boot
 * vCPU's thread. Returns once every thread is registered and the probes count their faults. */
static int start_secondaries(struct vmm *m, struct vcpu_thread *t, pthread_barrier_t *started)
{
	int tids[DTB_MAX_CPUS] = {(int)getpid()};
	sigset_t alrm, old;
	unsigned i;

	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &alrm, &old);
	pthread_barrier_init(started, NULL, m->nvcpus);
	for (i = 1; i < m->nvcpus; i++) {
		t[i] = (struct vcpu_thread){.m = m, .v = &m->vcpus[i], .started = started};
		if (pthread_create(&t[i].thread, NULL, secondary_main, &t[i]))
			break;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (i < m->nvcpus) {
		/* cannot start them all: a host error, said as one; the started ones wait at the
		 * barrier forever, so the process must end (the caller exits on -1) */
		error_errno("no_kvm", "pthread_create_vcpu_thread", errno);
		return -1;
	}
	pthread_barrier_wait(started);
	for (i = 1; i < m->nvcpus; i++)
		tids[i] = t[i].tid;
	if (m->nvcpus > 1)
		probes_follow_threads(&m->probes, tids, m->nvcpus);
	return 0;
}

/* Every vCPU on its thread until the boot ends; the secondaries' threads joined. */
static enum boot_exit run_boot(struct vmm *m)
{
	struct vcpu_thread t[DTB_MAX_CPUS];
	pthread_barrier_t started;
	enum boot_exit exit;

	boot_stop_reset(&m->stop);
	boot_stop_register(&m->stop, pthread_self(), m->vcpus[0].run);
	if (start_secondaries(m, t, &started))
		return BOOT_ERROR;
	exit = run_vcpu(m, &m->vcpus[0]);
	boot_stop_all(&m->stop, exit);
	for (unsigned i = 1; i < m->nvcpus; i++)
		pthread_join(t[i].thread, NULL);
	pthread_barrier_destroy(&started);
	return exit;
}

/* KVM_ARM_VCPU_INIT of every vCPU, the boot vCPU runnable and the others powered off until the
 * guest's CPU_ON: on a vCPU that has entered KVM_RUN, each is a stage2_unmap_vm() without FWB. */
static int init_vcpus(struct vmm *m)
{
	for (unsigned i = 0; i < m->nvcpus; i++)
		if (vcpu_init(&m->vcpus[i], i != 0))
			return -1;
	return 0;
}

/* One boot, from the image rewrite to the guest's reset request; fills b. Its reboot time starts
 * at the rewrite, not at the previous reset exit, so s2vmm's own bookkeeping in between (reading
 * the trace buffer, printing records) is not charged to KVM. */
static int boot_once(struct vmm *m, struct boot_result *b)
{
	struct boot_session *s = &m->session;
	struct doorbell *db = &m->db;
	struct vcpu *boot_vcpu = &m->vcpus[0];
	struct stamp start, t0, entry;

	memset(db, 0, sizeof(*db));
	memset(s, 0, sizeof(*s));
	s->idx = b->idx;
	pl011_reset(&m->uart); /* a VM reset resets its devices */
	guest_calls_start(s, &m->cfg, m->vm.ram_ipa, m->vm.ram_size);
	probes_begin(&m->probes);
	start = stamp_now();
	load_guest(m);
	b->load_ns = since(start).ns;

	t0 = stamp_now();
	if (init_vcpus(m))
		return -1;
	b->init = since(t0);
	if (vcpu_set_entry(boot_vcpu, m->vm.ram_ipa + m->image.load_offset, dtb_ipa(m),
			   m->image.arm64_image ? 0 : DOORBELL_IPA))
		return -1;

	watchdog_start(boot_vcpu->run, m->cfg.boot_timeout);
	entry = stamp_now();
	b->exit = run_boot(m);
	watchdog_stop();
	guest_calls_flush(s);
	probes_collect(&m->probes, m->vm.ram_ipa, m->vm.ram_ipa + m->vm.ram_size, DOORBELL_IPA,
		       DOORBELL_IPA + DOORBELL_SIZE, m->gic.kind, &b->k);

	b->ready_seen = s->ready_seen;
	b->ready = (struct stamp){s->ready.ns - entry.ns, s->ready.ticks - entry.ticks};
	if (b->idx > 0 && s->ready_seen) {
		b->reboot_known = true;
		b->reboot = (struct stamp){s->ready.ns - start.ns, s->ready.ticks - start.ticks};
	}
	b->check = s->calls.check;
	b->doorbell_exits = db->exits;
	b->bad_calls = s->bad_calls;
	b->vcpus = m->nvcpus;
	return 0;
}

static int reboot_loop(struct vmm *m)
{
	u64 faults = 0, idx;
	bool faults_known = true, failed = false;
	struct boot_result b;

	for (idx = 0; idx < m->cfg.boots; idx++) {
		memset(&b, 0, sizeof(b));
		b.idx = idx;
		if (boot_once(m, &b)) {
			failed = true;
			break;
		}
		rec_boot(&b);
		faults += b.k.ram_faults;
		faults_known &= b.k.faults_known;
		if (b.exit != BOOT_RESET) {
			failed = b.exit == BOOT_ERROR;
			idx++;
			break;
		}
	}
	if (m->probes.lost)
		note_line(m->probes.note);
	/* As s2hv (core/hv.c): a guest that powered off before the boots asked for is not `ok`. */
	rec_done(failed ? "error" : idx < m->cfg.boots ? "powered_off_early" : "ok", idx, faults_known,
		 faults);
	return failed ? 1 : 0;
}

/* The image, its command line and the vGIC. 0, or -1 after an error record (with nothing left
 * to free). */
static int prepare_guest(struct vmm *m, const char *guest_dir)
{
	if (guest_image_read(&m->image, guest_dir, m->cfg.guest, m->cfg.mem))
		return -1;
	vgic_create(&m->gic, m->vm.vm_fd);
	return 0;
}

/* s2b.vcpus vCPUs, each initialised once so that KVM sets its MPIDR_EL1 (read back for its DTB
 * node: the affinity is KVM's to choose); none has run, so this init unmaps nothing. m->nvcpus
 * counts those created, for vcpu_destroy. 0, or -1 after an error record. */
static int create_vcpus(struct vmm *m, u64 mpidr[DTB_MAX_CPUS])
{
	for (m->nvcpus = 0; m->nvcpus < m->cfg.vcpus; m->nvcpus++) {
		struct vcpu *v = &m->vcpus[m->nvcpus];

		if (vcpu_create(v, &m->vm, m->nvcpus)) {
			vcpu_destroy(v);
			return -1;
		}
		if (vcpu_init(v, m->nvcpus != 0) || vcpu_mpidr(v, &mpidr[m->nvcpus])) {
			m->nvcpus++;
			return -1;
		}
	}
	return 0;
}

/* The DTB that describes RAM, the vCPUs, the vGIC and the image's command line. 0, or -1 after
 * an error record. */
static int build_dtb(struct vmm *m, const u64 mpidr[DTB_MAX_CPUS])
{
	struct dtb_params p = {
		.ram_ipa = m->vm.ram_ipa, .ram_size = m->vm.ram_size, .doorbell_ipa = DOORBELL_IPA,
		.bootargs = m->image.cmdline, .gic = m->gic.kind, .cpus = m->nvcpus,
	};

	memcpy(p.mpidr, mpidr, sizeof(p.mpidr));
	m->dtb_size = dtb_build(m->dtb, &p);
	if (m->dtb_size)
		return 0;
	/* cannot happen with GUEST_CMDLINE_MAX: said rather than crash */
	error_bad_arg("s2b.guest", "guest_cmdline_too_long_for_guest_dtb");
	return -1;
}

int vmm_run(const char *words, const char *guest_dir)
{
	static struct vmm m; /* big (DTB buffer) and single: static */
	struct bootarg_error err;
	struct host_info host;
	u64 mpidr[DTB_MAX_CPUS] = {0};
	int status = 1;

	vmm_config_defaults(&m.cfg);
	if (vmm_config_parse(&m.cfg, words, &err)) {
		error_bad_arg(err.key, err.msg);
		rec_done("error", 0, false, 0);
		return 1;
	}
	host_info_read(&host);
	if (host_mem_check(m.cfg.mem)) {
		rec_done("error", 0, false, 0);
		return 1;
	}
	if (vm_create(&m.vm, m.cfg.mem, m.cfg.block))
		goto out_vm;
	probes_open(&m.probes);
	rec_hello(&host, &m.cfg, &m.vm, &m.probes);
	if (m.probes.note[0])
		note_line(m.probes.note);
	if (host.fwb < 0)
		note_line("kernel_log_no_longer_holds_the_boot_CPU_features:fwb_absent");
	rec_cfg(&m.cfg, vm_huge_bytes());
	if (prepare_guest(&m, guest_dir))
		goto out_probes;
	pthread_mutex_init(&m.exits_lock, NULL);
	boot_stop_install();
	if (create_vcpus(&m, mpidr) == 0 && build_dtb(&m, mpidr) == 0 && vgic_init(&m.gic) == 0)
		status = reboot_loop(&m);
	else
		rec_done("error", 0, false, 0);
	for (unsigned i = 0; i < m.nvcpus; i++)
		vcpu_destroy(&m.vcpus[i]);
	vgic_destroy(&m.gic);
	guest_image_free(&m.image);
	probes_close(&m.probes);
	vm_destroy(&m.vm);
	return status;
out_probes:
	probes_close(&m.probes);
out_vm:
	vm_destroy(&m.vm);
	rec_done("error", 0, false, 0);
	return 1;
}
