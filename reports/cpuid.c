/* MIDR_EL1 decoding: implementer [31:24], variant [23:20], part [15:4], revision [3:0]. */
#include "cpuid.h"

#include <stdio.h>
#include <stdlib.h>

static const struct {
	unsigned impl, part;
	const char *name;
} parts[] = {
	{ 0x41, 0xd03, "Arm Cortex-A53" }, { 0x41, 0xd04, "Arm Cortex-A35" },
	{ 0x41, 0xd05, "Arm Cortex-A55" }, { 0x41, 0xd07, "Arm Cortex-A57" },
	{ 0x41, 0xd08, "Arm Cortex-A72" }, { 0x41, 0xd09, "Arm Cortex-A73" },
	{ 0x41, 0xd0a, "Arm Cortex-A75" }, { 0x41, 0xd0b, "Arm Cortex-A76" },
	{ 0x41, 0xd0c, "Arm Neoverse N1" }, { 0x41, 0xd0d, "Arm Cortex-A77" },
	{ 0x41, 0xd40, "Arm Neoverse V1" }, { 0x41, 0xd41, "Arm Cortex-A78" },
	{ 0x41, 0xd44, "Arm Cortex-X1" }, { 0x41, 0xd46, "Arm Cortex-A510" },
	{ 0x41, 0xd47, "Arm Cortex-A710" }, { 0x41, 0xd49, "Arm Neoverse N2" },
	{ 0x41, 0xd4f, "Arm Neoverse V2" }, { 0x61, 0x022, "Apple M1 Icestorm" },
	{ 0x61, 0x023, "Apple M1 Firestorm" }, { 0x00, 0x051, "QEMU TCG -cpu max" },
};

const char *describe_midr(const char *midr, char *buf, size_t len)
{
	char *end;
	unsigned long v = strtoul(midr, &end, 16);
	if (!*midr || *end) {
		snprintf(buf, len, "%s", *midr ? midr : "unknown");
		return buf;
	}
	unsigned impl = (unsigned)(v >> 24) & 0xff, part = (unsigned)(v >> 4) & 0xfff;
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (parts[i].impl == impl && parts[i].part == part) {
			snprintf(buf, len, "%s r%lup%lu (MIDR %s)", parts[i].name, (v >> 20) & 0xf,
				 v & 0xf, midr);
			return buf;
		}
	snprintf(buf, len, "implementer 0x%02x part 0x%03x (MIDR %s)", impl, part, midr);
	return buf;
}
