/* See mmio.h. Syndrome fields: ARM ARM D19.2.40, ESR_EL2 ISS encoding for a Data Abort. */
#include "mmio.h"

#define ISS_ISV (1ULL << 24)          /* the fields below are valid */
#define ISS_SAS(esr) (((esr) >> 22) & 3) /* access size: 1 << SAS bytes */
#define ISS_SSE (1ULL << 21)          /* sign-extend a narrower load */
#define ISS_SRT(esr) (((esr) >> 16) & 31) /* the transfer register; 31 = XZR */
#define ISS_SF (1ULL << 15)           /* 64-bit register (else W: upper half zeroed) */
#define ISS_WNR (1ULL << 6)
#define ESR_IL (1ULL << 25)           /* 32-bit instruction */

static const struct mmio_device *devices[MMIO_MAX_DEVICES];
static unsigned device_count;

int mmio_register(const struct mmio_device *dev)
{
	if (device_count == MMIO_MAX_DEVICES)
		return -1;
	devices[device_count++] = dev;
	return 0;
}

void mmio_unregister_all(void)
{
	device_count = 0;
}

static const struct mmio_device *device_at(ipa_t ipa)
{
	for (unsigned i = 0; i < device_count; i++)
		if (ipa >= devices[i]->base && ipa - devices[i]->base < devices[i]->size)
			return devices[i];
	return NULL;
}

/* The loaded value as the register receives it: sign-extended (SSE) and cut to W (SF = 0). */
static u64 load_result(u64 esr, u64 val, unsigned bytes)
{
	unsigned bits = bytes * 8;

	if (bits < 64)
		val &= (1ULL << bits) - 1;
	if ((esr & ISS_SSE) && bits < 64 && (val >> (bits - 1)) & 1)
		val |= ~0ULL << bits;
	if (!(esr & ISS_SF))
		val &= 0xffffffffULL;
	return val;
}

bool mmio_emulate(struct boot_ctx *b, const struct vcpu_exit *e)
{
	const struct mmio_device *dev = device_at(e->ipa);
	struct vcpu *v = e->vcpu;
	unsigned bytes = 1u << ISS_SAS(e->esr), rt = ISS_SRT(e->esr);
	u64 off, val = 0;

	if (!dev || e->exec || !(e->esr & ISS_ISV))
		return false;
	off = e->ipa - dev->base;
	if (e->esr & ISS_WNR) {
		val = rt == 31 ? 0 : v->x[rt];
		if (bytes < 8)
			val &= (1ULL << (bytes * 8)) - 1;
		dev->write(b, off, bytes, val);
	} else {
		dev->read(b, off, bytes, &val);
		if (rt != 31)
			v->x[rt] = load_result(e->esr, val, bytes);
	}
	v->pc += (e->esr & ESR_IL) ? 4 : 2;
	return true;
}
