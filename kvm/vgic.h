/* The guest's interrupt controller: KVM's in-kernel vGIC at QEMU virt's addresses, the ones
 * s2hv's guests see on QEMU (it passes the host's GIC through at its own address). GICv3 where
 * the host has one, else GICv2, else none (the guest's DTB then has no GIC and no timer). */
#ifndef S2VMM_VGIC_H
#define S2VMM_VGIC_H

#include "../core/types.h"

enum gic_kind { GIC_NONE, GIC_V2, GIC_V3 };

#define GIC_DIST_IPA 0x08000000ULL
#define GIC_DIST_SIZE 0x10000ULL
#define GICV2_CPU_IPA 0x08010000ULL   /* GICv2 CPU interface */
#define GICV2_CPU_SIZE 0x10000ULL
#define GICV3_REDIST_IPA 0x080a0000ULL /* vCPU 0's redistributor: RD_base + SGI_base frames */
#define GICV3_REDIST_SIZE 0x20000ULL   /* per vCPU; vCPU i's follows at i * this size */
#define GICV3_REDIST_VCPUS 8           /* the redistributors vgic_contains covers: s2b.vcpus' most */

struct vgic {
	enum gic_kind kind;
	int fd; /* the KVM device, -1 if none */
};

/* Before the vCPU: the device and its addresses. No vGIC is no error (a note says why). */
void vgic_create(struct vgic *g, int vm_fd);
/* After every vCPU exists: KVM_DEV_ARM_VGIC_CTRL_INIT. 0, or -1 after an error record. */
int vgic_init(struct vgic *g);
void vgic_destroy(struct vgic *g);
/* ipa lies on the registers of a vGIC of this kind (none: nowhere). */
bool vgic_contains(enum gic_kind kind, u64 ipa);

#endif
