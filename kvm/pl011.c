/* See pl011.h. Reset values and register widths: DDI 0183G section 3.3. */
#include <string.h>
#include "pl011.h"

#define CR_RESET 0x0300u   /* TXE | RXE */
#define IFLS_RESET 0x0012u /* both FIFO levels at 1/2 */

/* The bits a write keeps (the register's width); 0 = not a read/write register. */
static const u32 writable[PL011_REGS] = {
	[PL011_ILPR / 4] = 0xff,   [PL011_IBRD / 4] = 0xffff, [PL011_FBRD / 4] = 0x3f,
	[PL011_LCR_H / 4] = 0xff,  [PL011_CR / 4] = 0xffff,   [PL011_IFLS / 4] = 0x3f,
	[PL011_IMSC / 4] = 0x7ff,  [PL011_DMACR / 4] = 0x7,
};

/* PeriphID: part 0x011, designer 0x41 (Arm), revision 1; PCellID: the PrimeCell preamble
 * 0xb105f00d. Linux's AMBA bus matches the driver on these (drivers/amba/bus.c). Same bytes as
 * s2hv's core/vuart.c, so a probe of either reads the same part. */
static const u8 id_regs[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

void pl011_reset(struct pl011 *u)
{
	memset(u, 0, sizeof(*u));
	u->reg[PL011_CR / 4] = CR_RESET;
	u->reg[PL011_IFLS / 4] = IFLS_RESET;
}

bool pl011_contains(u64 ipa)
{
	return ipa >= PL011_IPA && ipa - PL011_IPA < PL011_SIZE;
}

static u32 pl011_read(const struct pl011 *u, u64 off)
{
	if (off == PL011_FR)
		return PL011_FR_TXFE | PL011_FR_RXFE;
	if (off >= PL011_PERIPHID0)
		return id_regs[(off - PL011_PERIPHID0) / 4];
	/* DR, RSR: nothing is ever received; RIS, MIS: no interrupt is ever pending (so MIS =
	 * RIS & IMSC = 0); ICR is write-only; reserved offsets read 0. */
	if (off / 4 >= PL011_REGS || !writable[off / 4])
		return 0;
	return u->reg[off / 4];
}

/* true when the write is a byte to transmit. ICR and ECR clear what is never set. */
static bool pl011_write(struct pl011 *u, u64 off, u32 v, char *tx)
{
	if (off == PL011_DR) {
		*tx = (char)(v & 0xff);
		return true;
	}
	if (off / 4 < PL011_REGS)
		u->reg[off / 4] = v & writable[off / 4];
	return false;
}

enum pl011_access pl011_access(struct pl011 *u, struct kvm_run *run, char *tx)
{
	u64 off = run->mmio.phys_addr - PL011_IPA;
	u32 len = run->mmio.len, v = 0;

	if (!pl011_contains(run->mmio.phys_addr))
		return PL011_NOT_OURS;
	if ((len != 1 && len != 2 && len != 4) || (off & 3))
		return PL011_BAD;
	if (!run->mmio.is_write) {
		v = pl011_read(u, off);
		memset(run->mmio.data, 0, sizeof(run->mmio.data));
		memcpy(run->mmio.data, &v, len); /* little-endian, as the guest's */
		return PL011_DONE;
	}
	memcpy(&v, run->mmio.data, len);
	return pl011_write(u, off, v, tx) ? PL011_TX : PL011_DONE;
}
