/* See bundle_guest.h. Placement rules quoted from Linux Documentation/arch/arm64/booting.rst. */
#include "bundle_guest.h"
#include "arch.h"
#include "bundle.h"
#include "dtb_stamp.h"
#include "lib.h"
#include "mmio.h"
#include "passthrough.h"
#include "vdtb.h"
#include "vuart.h"

#define ARM64_IMAGE_MAGIC 0x644d5241u /* "ARM\x64" at offset 56 of the Image header */
#define LEGACY_TEXT_OFFSET 0x80000ULL /* image_size == 0: text_offset 0x80000, size unknown */
#define RAW_DTB_GAP (512 * 1024ULL)   /* raw images: DTB above image end + 512 KiB */
#define DTB_MAX_SIZE SZ_2M            /* "must not exceed 2 megabytes in size" */

/* Offsets from the RAM base (a 2 MiB-aligned IPA) of what the loader writes. */
static struct {
	struct bundle bn;
	u64 kernel_off, dtb_off, initrd_off, end;
	u64 dtb_size;
	char bootargs[1024];
} g;

static u8 guest_dtb[16384] __attribute__((aligned(8))); /* pristine, outside guest RAM */

static u64 le64(const u8 *p)
{
	u64 v = 0;

	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

/* Kernel placement. An arm64 Image: "placed text_offset bytes from a 2MB aligned base address
 * ... At least image_size bytes from the start of the image must be free". A raw binary: at
 * the (2 MiB-aligned) RAM base. Returns the bytes from the base the kernel may use. */
static u64 place_kernel(const struct bundle_part *k, bool *is_image)
{
	u64 text_offset, image_size;

	*is_image = k->size >= 64 && (le64(k->data + 56) & 0xffffffffu) == ARM64_IMAGE_MAGIC;
	if (!*is_image) {
		g.kernel_off = 0;
		return k->size + RAW_DTB_GAP;
	}
	text_offset = le64(k->data + 8);
	image_size = le64(k->data + 16);
	if (!image_size) {
		text_offset = LEGACY_TEXT_OFFSET;
		image_size = k->size;
	}
	g.kernel_off = text_offset;
	return text_offset + MAX(image_size, k->size);
}

/* The bundle's command line and nothing else: a guest without one gets an empty bootargs, never
 * a default of s2hv's choosing that would change what the guest does (issue 18). */
static void choose_bootargs(void)
{
	const struct bundle_part *a = &g.bn.part[BUNDLE_BOOTARGS];
	u64 n = a->data ? MIN(a->size, sizeof(g.bootargs) - 1) : 0;

	if (n)
		memcpy(g.bootargs, a->data, n);
	g.bootargs[n] = 0;
	for (u64 i = 0; i < n; i++)
		if (g.bootargs[i] == '\n')
			g.bootargs[i] = ' ';
}

/* The DTB: the bundle's if it has one (it must describe s2hv's guest platform), else built. */
static const char *make_dtb(struct vm *vm, const struct platform *plat, struct passthrough *pt)
{
	const struct bundle_part *own = &g.bn.part[BUNDLE_DTB];
	struct vdtb_params p = {
		.ram_base = vm->ram_ipa,
		.ram_size = vm->ram_size,
		.bootargs = g.bootargs,
		.initrd_start = vm->ram_ipa + g.initrd_off,
		.initrd_end = vm->ram_ipa + g.initrd_off + g.bn.part[BUNDLE_INITRAMFS].size,
		.pt = pt,
		.vcpus = vm->smp.n,
	};
	const char *why = passthrough_find((const void *)(uintptr_t)plat->dtb, vm->smp.n, pt);

	if (why)
		return why;
	if (own->data) {
		if (own->size > sizeof(guest_dtb))
			return "bundle_dtb_too_big";
		memcpy(guest_dtb, own->data, own->size);
	} else if (!vdtb_build(guest_dtb, sizeof(guest_dtb), &p)) {
		return "guest_dtb_too_big";
	}
	g.dtb_size = dtb_stamp_add(guest_dtb, sizeof(guest_dtb));
	return g.dtb_size ? NULL : "guest_dtb_too_big";
}

const char *bundle_guest_prepare(struct vm *vm, const struct platform *plat)
{
	static struct passthrough pt; /* points into the host DTB, which stays reserved */
	const char *why = bundle_find(plat, &g.bn);
	bool is_image;
	u64 kernel_end;

	if (why)
		return why;
	kernel_end = place_kernel(&g.bn.part[BUNDLE_KERNEL], &is_image);
	if (vm->cfg->guest_kind == GUEST_LINUX && !is_image)
		return "kernel_is_not_an_arm64_image";
	/* "The device tree blob (dtb) must be placed on an 8-byte boundary ... Since the dtb will
	 * be mapped cacheably using blocks of up to 2 megabytes in size, it must not be placed
	 * within any 2M region which must be mapped with any specific attributes": its own 2 MiB,
	 * above the image. The initrd follows in the same 1 GB window as the kernel. */
	g.dtb_off = ALIGN_UP(kernel_end, SZ_2M);
	g.initrd_off = g.dtb_off + DTB_MAX_SIZE;
	g.end = g.initrd_off + g.bn.part[BUNDLE_INITRAMFS].size;
	if (g.end > vm->ram_size || g.end > SZ_1G)
		return "guest_ram_too_small_for_bundle";
	choose_bootargs();
	why = make_dtb(vm, plat, &pt);
	if (why)
		return why;
	if (passthrough_map(vm, &pt))
		return "gic_passthrough_failed";
	if (mmio_register(&vuart_device))
		return "too_many_devices";
	vm->vcpu.passthrough = true;
	return NULL;
}

void bundle_guest_load(struct vm *vm)
{
	u8 *ram = arch_pa_to_va(vm->ram_pa);
	const struct bundle_part *k = &g.bn.part[BUNDLE_KERNEL], *i = &g.bn.part[BUNDLE_INITRAMFS];

	vuart_reset(); /* a VM reset resets its devices, as s2vmm's pl011_reset */
	memcpy(ram + g.kernel_off, k->data, k->size);
	memcpy(ram + g.dtb_off, guest_dtb, g.dtb_size);
	dtb_stamp_set(ram + g.dtb_off, (u32)vm->boot_idx); /* cannot fail: prepare added it */
	if (i->data)
		memcpy(ram + g.initrd_off, i->data, i->size);
}

u64 bundle_guest_bytes(void)
{
	return g.end;
}

ipa_t bundle_guest_entry(const struct vm *vm, u64 *x0)
{
	*x0 = vm->ram_ipa + g.dtb_off;
	return vm->ram_ipa + g.kernel_off;
}
