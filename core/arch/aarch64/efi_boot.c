/*
 * s2hv started by a UEFI firmware as an EFI application (efi_header.S): take the DTB from the
 * configuration table, put the command line (LoadOptions) into its /chosen/bootargs, exit boot
 * services, and hand the DTB to the normal boot path, which runs with the MMU off as under any
 * other boot loader. Called by efi_entry with the firmware's MMU, caches and stack, after the
 * image's own relocations were applied. Errors before ExitBootServices are reported as records
 * on the firmware's console (the UART is not known without a DTB), then the machine is shut down
 * through the runtime services: a run that cannot start ends, as every run does, powered off.
 */
#include <libfdt.h>

#include "../../console.h"
#include "../../hv.h"
#include "../../lib.h"
#include "efi.h"

void arch_dc_civac_range(u64 start, u64 size);
extern char _head_entry[], _end[];

static const efi_guid dtb_guid = { 0xb1b621d5, 0xf19c, 0x41a5,
				   { 0x83, 0x0b, 0xd9, 0x15, 0x2c, 0x69, 0xaa, 0xe0 } };
static const efi_guid acpi20_guid = { 0x8868e871, 0xe4f1, 0x11d3,
				      { 0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81 } };
static const efi_guid loaded_image_guid = { 0x5b1b31a1, 0x9562, 0x11d2,
					    { 0x8e, 0x3f, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b } };

#define BOOTARGS_MAX 1024
#define DTB_SLACK 4096   /* room for /chosen and its bootargs in the copy */
#define MEMMAP_BYTES 65536 /* a server's map is a few hundred 48-byte descriptors */
#define EBS_TRIES 8

static struct efi_system_table *st;

/* The firmware's console, one UCS-2 line at a time (console.c already sends "\r\n"). */
static void conout_putc(char c)
{
	static efi_char16 line[160];
	static unsigned n;

	line[n++] = (u8)c;
	if (c == '\n' || n == ARRAY_SIZE(line) - 1) {
		line[n] = 0;
		st->con_out->output_string(st->con_out, line);
		n = 0;
	}
}
static const struct console_ops conout = {.putc = conout_putc};

/* An `error` and a `done` record on the firmware's console, then power off. */
static efi_status efi_refuse(const char *code, const char *msg)
{
	console_set(&conout);
	console_puts("\n"); /* edk2 leaves its screen setup's line open */
	report_error(code, msg);
	report_done("error", 0);
	st->runtime->reset_system(EFI_RESET_SHUTDOWN, EFI_UNSUPPORTED, 0, NULL);
	return EFI_UNSUPPORTED; /* a firmware whose ResetSystem returns gets the app back */
}

static void *config_table(const efi_guid *guid)
{
	for (u64 i = 0; i < st->nr_tables; i++)
		if (!memcmp(&st->tables[i].guid, guid, sizeof(*guid)))
			return st->tables[i].table;
	return NULL;
}

/* LoadOptions (UCS-2, the firmware's command line for the image) as ASCII; -1 if not ASCII or
 * too long. */
static int load_options_ascii(efi_handle image, char *out, size_t len)
{
	struct efi_loaded_image *li;
	size_t n = 0;

	out[0] = '\0';
	if (st->boot->handle_protocol(image, &loaded_image_guid, (void **)&li) != EFI_SUCCESS ||
	    !li->load_options)
		return 0;
	for (u32 i = 0; i < li->load_options_size / 2 && li->load_options[i]; i++) {
		efi_char16 c = li->load_options[i];
		if (c >= 0x80 || n + 1 >= len)
			return -1;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return 0;
}

/* A copy of FDT with room to grow, /chosen/bootargs = ARGS (when given); 0 on failure. */
static u64 dtb_with_bootargs(const void *fdt, const char *args)
{
	u64 size = fdt_totalsize(fdt) + strlen(args) + DTB_SLACK, addr;
	int chosen;

	if (st->boot->allocate_pages(EFI_ALLOCATE_ANY_PAGES, EFI_LOADER_DATA,
				     (size + EFI_PAGE_SIZE - 1) / EFI_PAGE_SIZE, &addr) != EFI_SUCCESS)
		return 0;
	void *copy = (void *)(uintptr_t)addr;
	if (fdt_open_into(fdt, copy, (int)size))
		return 0;
	if (!args[0])
		return addr;
	chosen = fdt_path_offset(copy, "/chosen");
	if (chosen < 0)
		chosen = fdt_add_subnode(copy, 0, "chosen");
	if (chosen < 0 || fdt_setprop_string(copy, chosen, "bootargs", args))
		return 0;
	return addr;
}

/* GetMemoryMap + ExitBootServices, again while the map key goes stale (an event of another
 * driver allocated memory in between, UEFI 2.10 7.4). After the first failed call only these
 * two services may be used: nothing can be printed. */
static efi_status exit_boot_services(efi_handle image)
{
	static u64 map[MEMMAP_BYTES / 8];
	efi_status s = EFI_INVALID_PARAMETER;

	for (int i = 0; i < EBS_TRIES && s == EFI_INVALID_PARAMETER; i++) {
		u64 size = sizeof(map), key, desc_size;
		u32 desc_ver;

		s = st->boot->get_memory_map(&size, map, &key, &desc_size, &desc_ver);
		if (s == EFI_SUCCESS)
			s = st->boot->exit_boot_services(image, key);
	}
	return s;
}

/* Returns EFI_SUCCESS with boot services exited and *DTB the DTB for head.S, or the status to
 * give back to the firmware. */
efi_status efi_main(efi_handle image, struct efi_system_table *systab, u64 *dtb)
{
	static char args[BOOTARGS_MAX];
	const void *fdt;
	efi_status s;

	st = systab;
	fdt = config_table(&dtb_guid);
	if (!fdt && config_table(&acpi20_guid))
		return efi_refuse("no_dtb", "UEFI_gave_ACPI_tables_only:_s2hv_needs_a_DTB_"
					"(QEMU:_-M_virt,acpi=off)");
	if (!fdt || fdt_check_header(fdt))
		return efi_refuse("no_dtb", "no_valid_DTB_in_the_UEFI_configuration_table");
	if (load_options_ascii(image, args, sizeof(args)))
		return efi_refuse("bad_arg", "UEFI_command_line_not_ASCII_or_over_1023_characters");
	*dtb = dtb_with_bootargs(fdt, args);
	if (!*dtb)
		return efi_refuse("no_dtb", "cannot_copy_the_DTB_to_add_its_bootargs");
	/* the firmware's console may share the UART and leave a line open (edk2 ends its screen
	 * setup without a newline): s2hv's first record must start a line */
	console_set(&conout);
	console_puts("\n");
	console_set(NULL); /* no boot services from here on */
	s = exit_boot_services(image);
	if (s != EFI_SUCCESS)
		return s;
	/* head.S runs with the MMU and caches off: what was written through the firmware's
	 * cacheable mapping (the relocated image, the DTB copy) must reach the PoC first (ARM ARM
	 * D7.5.9, data coherency with Non-cacheable accesses). */
	arch_dc_civac_range((u64)(uintptr_t)_head_entry, (u64)(_end - _head_entry));
	arch_dc_civac_range(*dtb, fdt_totalsize((const void *)(uintptr_t)*dtb));
	return EFI_SUCCESS;
}
