/* See vgic.h. KVM's device API: Documentation/virt/kvm/devices/arm-vgic{,-v3}.rst. */
#include <errno.h>
#include <linux/kvm.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "errors.h"
#include "records.h"
#include "vgic.h"

static int set_addr(int fd, u64 type, u64 ipa)
{
	struct kvm_device_attr a = {
		.group = KVM_DEV_ARM_VGIC_GRP_ADDR, .attr = type, .addr = (uintptr_t)&ipa,
	};

	return ioctl(fd, KVM_SET_DEVICE_ATTR, &a);
}

/* One kind: the device and its two regions; the fd, or -1 with errno. */
static int create(int vm_fd, u32 type, u64 a_type, u64 a_ipa, u64 b_type, u64 b_ipa)
{
	struct kvm_create_device d = {.type = type};
	int err;

	if (ioctl(vm_fd, KVM_CREATE_DEVICE, &d))
		return -1;
	if (set_addr((int)d.fd, a_type, a_ipa) || set_addr((int)d.fd, b_type, b_ipa)) {
		err = errno;
		close((int)d.fd);
		errno = err;
		return -1;
	}
	return (int)d.fd;
}

void vgic_create(struct vgic *g, int vm_fd)
{
	char note[64];

	g->kind = GIC_V3;
	g->fd = create(vm_fd, KVM_DEV_TYPE_ARM_VGIC_V3, KVM_VGIC_V3_ADDR_TYPE_DIST, GIC_DIST_IPA,
		       KVM_VGIC_V3_ADDR_TYPE_REDIST, GICV3_REDIST_IPA);
	if (g->fd >= 0)
		return;
	g->kind = GIC_V2;
	g->fd = create(vm_fd, KVM_DEV_TYPE_ARM_VGIC_V2, KVM_VGIC_V2_ADDR_TYPE_DIST, GIC_DIST_IPA,
		       KVM_VGIC_V2_ADDR_TYPE_CPU, GICV2_CPU_IPA);
	if (g->fd >= 0)
		return;
	g->kind = GIC_NONE;
	snprintf(note, sizeof(note), "no_vgic:errno_%d:guest_dtb_has_no_gic_and_no_timer", errno);
	note_line(note);
}

int vgic_init(struct vgic *g)
{
	struct kvm_device_attr a = {
		.group = KVM_DEV_ARM_VGIC_GRP_CTRL, .attr = KVM_DEV_ARM_VGIC_CTRL_INIT,
	};

	if (g->kind == GIC_NONE || !ioctl(g->fd, KVM_SET_DEVICE_ATTR, &a))
		return 0;
	return error_errno("no_kvm", "KVM_DEV_ARM_VGIC_CTRL_INIT", errno);
}

static bool in(u64 ipa, u64 base, u64 size)
{
	return ipa >= base && ipa - base < size;
}

bool vgic_contains(enum gic_kind kind, u64 ipa)
{
	switch (kind) {
	case GIC_V3:
		return in(ipa, GIC_DIST_IPA, GIC_DIST_SIZE) ||
		       in(ipa, GICV3_REDIST_IPA, GICV3_REDIST_SIZE * GICV3_REDIST_VCPUS);
	case GIC_V2:
		return in(ipa, GIC_DIST_IPA, GIC_DIST_SIZE) || in(ipa, GICV2_CPU_IPA, GICV2_CPU_SIZE);
	case GIC_NONE:
		break;
	}
	return false;
}

void vgic_destroy(struct vgic *g)
{
	if (g->fd >= 0)
		close(g->fd);
	g->fd = -1;
}
