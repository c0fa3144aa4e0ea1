/*
 * dtb-probe: a raw EL1 image as a third-party test suite brings one (issue 18): it finds its
 * console from the DTB in x0 (/chosen/stdout-path → the node's reg; the documented 0x09000000
 * if the DTB has none), prints the guest-visible DTB nodes a program relies on (chosen, the
 * UART and its clock, memory, CPU, PSCI, the interrupt controller and the timer) and what the
 * PL011's registers read, then returns to start.S, which calls PSCI SYSTEM_OFF. s2hv
 * (s2b.guest=image, on a GICv3 QEMU) and s2vmm must make it print the same text
 * (tests/integration/image-kvm.sh). It prints nothing that may rightly differ (s2vmm's doorbell,
 * the root's compatible and model).
 */
#include "fdt_read.h"
#include "uart_out.h"

#define DOCUMENTED_UART 0x09000000u /* docs/guests.md, "The guest platform" */

/* PL011 registers (DDI 0183G table 3-1) */
#define UART_FR 0x018
#define UART_IBRD 0x024
#define UART_FBRD 0x028
#define UART_LCR_H 0x02c
#define UART_CR 0x030
#define UART_IMSC 0x038
#define UART_MIS 0x040
#define UART_ICR 0x044
#define UART_PERIPHID0 0xfe0
#define UART_PCELLID0 0xff0

static struct fdt dt;

static unsigned str_len(const char *s)
{
	unsigned n = 0;

	while (s[n])
		n++;
	return n;
}

/* A list of printable NUL-terminated strings ("" alone counts: an empty bootargs). */
static bool is_strings(const uint8_t *v, uint32_t len)
{
	if (len == 0 || v[len - 1] != 0)
		return false;
	for (uint32_t i = 0; i < len; i++) {
		if (v[i] == 0 && len > 1 && (i == 0 || v[i - 1] == 0))
			return false;
		if (v[i] != 0 && (v[i] < 0x20 || v[i] > 0x7e))
			return false;
	}
	return true;
}

static void show_value(const uint8_t *v, uint32_t len)
{
	if (is_strings(v, len)) {
		for (uint32_t i = 0; i < len; i += str_len((const char *)v + i) + 1) {
			out_str(i ? " \"" : "\"");
			out_str((const char *)v + i);
			out_str("\"");
		}
	} else if (len % 4 == 0) {
		out_str("<");
		for (uint32_t i = 0; i < len; i += 4) {
			out_str(i ? " " : "");
			out_hex(fdt_be32(v + i));
		}
		out_str(">");
	} else {
		out_str("(");
		out_dec(len);
		out_str(" bytes)");
	}
}

/* "dtb-probe: LABEL PROP = VALUE" */
static void show(const char *label, int node, const char *prop)
{
	uint32_t len;
	const uint8_t *v = fdt_prop(&dt, node, prop, &len);

	out_str("dtb-probe: ");
	out_str(label);
	out_str(" ");
	out_str(prop);
	out_str(" = ");
	if (v)
		show_value(v, len);
	else
		out_str("(absent)");
	out_str("\n");
}

static void show_props(const char *label, int node, const char *const *props)
{
	for (; *props; props++)
		show(label, node, *props);
}

static void show_node(const char *path, const char *const *props)
{
	int node = fdt_node(&dt, path, str_len(path));

	if (node >= 0) {
		show_props(path, node, props);
		return;
	}
	out_str("dtb-probe: ");
	out_str(path);
	out_str(" (absent)\n");
}

/* "dtb-probe: LABEL -> NODE" for the phandle at cell: the node, or -1 (said "no such"). */
static int follow(const char *label, const uint8_t *cell)
{
	int node = fdt_node_by_phandle(&dt, fdt_be32(cell));

	out_str("dtb-probe: ");
	out_str(label);
	out_str(" -> ");
	out_str(node < 0 ? "(no such phandle)" : fdt_name(&dt, node));
	out_str("\n");
	return node;
}

static uint32_t cells_of(int node, const char *prop, uint32_t dflt)
{
	uint32_t len;
	const uint8_t *v = fdt_prop(&dt, node, prop, &len);

	return v && len == 4 ? fdt_be32(v) : dflt;
}

/* The stdout node (path up to any ':options'); -1 if the DTB names none that exists. */
static int stdout_node(void)
{
	uint32_t len, n = 0;
	const char *path = (const char *)fdt_prop(&dt, fdt_node(&dt, "/chosen", 7), "stdout-path", &len);

	if (!path || len < 2)
		return -1;
	while (n + 1 < len && path[n] && path[n] != ':')
		n++;
	return fdt_node(&dt, path, n);
}

/* The UART's first reg address (the root's #address-cells, 1 or 2), 0 if it has none. */
static uintptr_t reg_base(int node)
{
	uint32_t len, cells = cells_of(0, "#address-cells", 2);
	const uint8_t *v = fdt_prop(&dt, node, "reg", &len);

	if (!v || len < 4 * cells || cells < 1 || cells > 2)
		return 0;
	return cells == 2 ? (uintptr_t)fdt_be32(v) << 32 | fdt_be32(v + 4) : fdt_be32(v);
}

static void show_uart_node(int uart)
{
	static const char *const props[] = {"compatible", "reg", "interrupts", "clock-names", 0};
	static const char *const clock_props[] = {"compatible", "clock-frequency", 0};
	uint32_t len;
	const uint8_t *clocks = fdt_prop(&dt, uart, "clocks", &len);

	show_props("uart", uart, props);
	for (uint32_t i = 0; clocks && i + 4 <= len;) {
		int clk = follow("uart clock", clocks + i);

		if (clk < 0)
			return;
		show_props("uart clock", clk, clock_props);
		i += 4 * (1 + cells_of(clk, "#clock-cells", 0));
	}
}

/* The root's interrupt-parent: what a driver asks for its interrupts. */
static void show_interrupt_controller(void)
{
	static const char *const props[] = {"compatible", "reg", "#interrupt-cells", 0};
	uint32_t len;
	const uint8_t *ph = fdt_prop(&dt, 0, "interrupt-parent", &len);
	int gic = ph && len == 4 ? follow("interrupt-parent", ph) : -1;

	if (gic >= 0)
		show_props("gic", gic, props);
	else if (!ph)
		out_str("dtb-probe: interrupt-parent (absent)\n");
}

static void show_reg(const char *name, unsigned off)
{
	out_str("dtb-probe: pl011 ");
	out_str(name);
	out_str(" = ");
	out_hex(uart_reg_read(off));
	out_str("\n");
}

/* Four ID registers (one byte each) as one word, first register lowest. */
static uint32_t id_word(unsigned off)
{
	uint32_t v = 0;

	for (unsigned i = 0; i < 4; i++)
		v |= (uart_reg_read(off + 4 * i) & 0xff) << (8 * i);
	return v;
}

/* What a driver writes at set-up (115200 8N1 from 24 MHz: IBRD 13, FBRD 1), read back. */
static void show_pl011(void)
{
	out_str("dtb-probe: pl011 periphid = ");
	out_hex(id_word(UART_PERIPHID0));
	out_str(" pcellid = ");
	out_hex(id_word(UART_PCELLID0));
	out_str("\n");
	show_reg("fr", UART_FR);
	uart_reg_write(UART_IBRD, 13);
	uart_reg_write(UART_FBRD, 1);
	uart_reg_write(UART_LCR_H, 0x70); /* 8 bits, FIFOs on */
	uart_reg_write(UART_CR, 0x301);   /* UARTEN, TXE, RXE */
	uart_reg_write(UART_IMSC, 0x50);  /* RX and RX-timeout interrupts unmasked */
	uart_reg_write(UART_ICR, 0x7ff);
	show_reg("ibrd", UART_IBRD);
	show_reg("fbrd", UART_FBRD);
	show_reg("lcr_h", UART_LCR_H);
	show_reg("cr", UART_CR);
	show_reg("imsc", UART_IMSC);
	show_reg("mis", UART_MIS);
}

void probe_main(const void *dtb);
void probe_main(const void *dtb)
{
	static const char *const chosen[] = {"bootargs", "stdout-path", 0};
	static const char *const memory[] = {"device_type", "reg", 0};
	static const char *const cpu[] = {"device_type", "compatible", "reg", "enable-method", 0};
	static const char *const psci[] = {"compatible", "method", 0};
	static const char *const timer[] = {"compatible", "interrupts", 0};
	bool have_dt = fdt_open(&dt, dtb) == 0;
	int uart = have_dt ? stdout_node() : -1;
	uintptr_t base = uart >= 0 ? reg_base(uart) : 0;

	uart_use(base ? base : DOCUMENTED_UART);
	out_str("dtb-probe: start\n");
	if (!have_dt) {
		out_str("dtb-probe: x0 holds no DTB\n");
		return;
	}
	if (!base)
		out_str("dtb-probe: no stdout-path uart with a reg: using the documented address\n");
	show_node("/chosen", chosen);
	if (uart >= 0)
		show_uart_node(uart);
	show_node("/memory@40000000", memory);
	show_node("/cpus/cpu@0", cpu);
	show_node("/psci", psci);
	show_interrupt_controller();
	show_node("/timer", timer);
	show_pl011();
	out_str("dtb-probe: s2b-init: ready\n"); /* the console READY both hosts timestamp */
	out_str("dtb-probe: done\n");
}
