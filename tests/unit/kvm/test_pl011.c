/* kvm/pl011.c: the PL011 register model s2vmm serves from KVM_EXIT_MMIO (DDI 0183G). */
#include <criterion/criterion.h>
#include <string.h>
#include "../../../kvm/pl011.h"

static struct kvm_run run;
static struct pl011 uart;
static char tx;

static enum pl011_access access(u64 off, u32 len, bool write, u32 v)
{
	run.mmio.phys_addr = PL011_IPA + off;
	run.mmio.len = len;
	run.mmio.is_write = write;
	memset(run.mmio.data, 0xee, sizeof(run.mmio.data));
	memcpy(run.mmio.data, &v, sizeof(v));
	return pl011_access(&uart, &run, &tx);
}

/* A read of len bytes; the bytes past len must come back zero. */
static u32 rd(u64 off, u32 len)
{
	u64 v;

	cr_assert_eq(access(off, len, false, 0), PL011_DONE, "read at 0x%llx", (unsigned long long)off);
	memcpy(&v, run.mmio.data, 8);
	cr_assert_eq(v >> (8 * len), 0, "bytes past the access at 0x%llx", (unsigned long long)off);
	return (u32)v;
}

static void wr(u64 off, u32 len, u32 v)
{
	cr_assert_eq(access(off, len, true, v), PL011_DONE, "write at 0x%llx", (unsigned long long)off);
}

static void fresh(void)
{
	memset(&uart, 0x5a, sizeof(uart)); /* reset must not rely on zeroed memory */
	pl011_reset(&uart);
}

/* A register and the value a 32-bit read must give. */
struct reg_value {
	u64 off;
	u32 want;
};

static void regs_read_as(const struct reg_value *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(rd(r[i].off, 4), r[i].want, "register 0x%03llx", (unsigned long long)r[i].off);
}

Test(kvm_pl011, reset_values_are_the_trms)
{
	static const struct reg_value after_reset[] = {
		{PL011_CR, 0x300},  /* TXE | RXE */
		{PL011_IFLS, 0x12}, /* 1/2 full, both FIFOs */
		{PL011_IBRD, 0}, {PL011_FBRD, 0}, {PL011_LCR_H, 0}, {PL011_IMSC, 0},
		{PL011_DMACR, 0}, {PL011_ILPR, 0}, {PL011_RIS, 0}, {PL011_MIS, 0}, {PL011_RSR, 0},
	};

	fresh();
	regs_read_as(after_reset, sizeof(after_reset) / sizeof(after_reset[0]));
}

Test(kvm_pl011, flags_say_tx_empty_rx_empty_never_busy)
{
	fresh();
	cr_assert_eq(rd(PL011_FR, 4), PL011_FR_TXFE | PL011_FR_RXFE);
	cr_assert_eq(rd(PL011_FR, 2), 0x90); /* Linux's amba-pl011 reads 16 bits */
	cr_assert_eq(rd(PL011_DR, 4), 0);     /* nothing received */
}

Test(kvm_pl011, data_register_write_is_a_byte_to_send)
{
	fresh();
	cr_assert_eq(access(PL011_DR, 4, true, 0x141), PL011_TX);
	cr_assert_eq(tx, 'A'); /* the low 8 bits */
	cr_assert_eq(access(PL011_DR, 1, true, 'z'), PL011_TX);
	cr_assert_eq(tx, 'z');
	cr_assert_eq(access(PL011_DR, 2, true, '\n'), PL011_TX);
	cr_assert_eq(tx, '\n');
}

Test(kvm_pl011, control_registers_keep_their_width_of_what_is_written)
{
	static const struct reg_value after_writes[] = {
		{PL011_IBRD, 0x000d}, /* 16 bits */
		{PL011_FBRD, 0x3f},   /* 6 bits */
		{PL011_LCR_H, 0x70}, {PL011_CR, 0x301},
		{PL011_IMSC, 0x7ff},  /* 11 bits */
		{PL011_IFLS, 0x3f}, {PL011_DMACR, 0x7},
		{PL011_MIS, 0}, {PL011_RIS, 0}, /* no interrupt is ever raised, whatever is unmasked */
	};

	fresh();
	wr(PL011_IBRD, 4, 0xffff000d);
	wr(PL011_FBRD, 4, 0xff);
	wr(PL011_LCR_H, 2, 0x70);
	wr(PL011_CR, 2, 0x301);
	wr(PL011_IMSC, 4, 0xffffffff);
	wr(PL011_IFLS, 4, 0xff);
	wr(PL011_DMACR, 4, 0xff);
	regs_read_as(after_writes, sizeof(after_writes) / sizeof(after_writes[0]));
	cr_assert_eq(rd(PL011_CR, 2), 0x301); /* a 16-bit read, as Linux's driver does */
}

Test(kvm_pl011, clears_and_read_only_registers_ignore_writes)
{
	static const struct reg_value unchanged[] = {
		{PL011_FR, 0x90}, {PL011_RIS, 0}, {PL011_ICR, 0}, {PL011_PERIPHID0, 0x11},
		{PL011_CR, 0x300},
	};

	fresh();
	wr(PL011_ICR, 4, 0x7ff);
	wr(PL011_RSR, 4, 0xf); /* UARTECR */
	wr(PL011_FR, 4, 0);
	wr(PL011_RIS, 4, 0x7ff);
	wr(PL011_PERIPHID0, 4, 0);
	regs_read_as(unchanged, sizeof(unchanged) / sizeof(unchanged[0]));
}

Test(kvm_pl011, id_registers_name_an_arm_pl011_primecell)
{
	static const u32 want[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

	fresh();
	for (unsigned i = 0; i < 8; i++)
		cr_assert_eq(rd(PL011_PERIPHID0 + 4 * i, 4), want[i], "id register %u", i);
}

Test(kvm_pl011, reset_undoes_what_the_guest_wrote)
{
	fresh();
	wr(PL011_CR, 4, 0);
	wr(PL011_IBRD, 4, 13);
	pl011_reset(&uart);
	cr_assert_eq(rd(PL011_CR, 4), 0x300);
	cr_assert_eq(rd(PL011_IBRD, 4), 0);
}

Test(kvm_pl011, reserved_offsets_read_zero)
{
	fresh();
	cr_assert_eq(rd(0x008, 4), 0);
	cr_assert_eq(rd(0x04c, 4), 0);
	cr_assert_eq(rd(0x800, 4), 0);
	wr(0x04c, 4, 0xffffffff);
	cr_assert_eq(rd(0x04c, 4), 0);
}

Test(kvm_pl011, odd_accesses_are_bad)
{
	fresh();
	cr_assert_eq(access(PL011_DR, 8, true, 'x'), PL011_BAD);
	cr_assert_eq(access(PL011_FR, 8, false, 0), PL011_BAD);
	cr_assert_eq(access(PL011_FR + 1, 1, false, 0), PL011_BAD);
	cr_assert_eq(access(PL011_CR + 2, 2, true, 1), PL011_BAD);
	cr_assert_eq(access(PL011_DR, 3, true, 'x'), PL011_BAD);
	cr_assert_eq(rd(PL011_CR, 4), 0x300);
}

Test(kvm_pl011, outside_the_page_is_not_ours)
{
	fresh();
	cr_assert_eq(access(-4, 4, false, 0), PL011_NOT_OURS);
	cr_assert_eq(access(PL011_SIZE, 4, true, 'x'), PL011_NOT_OURS);
	cr_assert(!pl011_contains(PL011_IPA - 1));
	cr_assert(pl011_contains(PL011_IPA + PL011_SIZE - 4));
}
