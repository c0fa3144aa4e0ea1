/*
 * The few UEFI interfaces s2hv uses when a UEFI firmware starts s2hv.img as an EFI application
 * (UEFI Specification 2.10: 4.3 System Table, 4.4 Boot Services, 4.5 Runtime Services, 4.6
 * Configuration Table, 9.1 Loaded Image, 12.4 Simple Text Output). Only what efi_boot.c calls is
 * typed; the other slots keep the tables' layout. AArch64 UEFI uses the AAPCS64: no EFIAPI.
 */
#ifndef S2_ARCH_AARCH64_EFI_H
#define S2_ARCH_AARCH64_EFI_H

#include "../../types.h"

typedef u64 efi_status;
typedef u16 efi_char16;
typedef void *efi_handle;

#define EFI_ERROR_BIT (1ULL << 63)
#define EFI_SUCCESS 0ULL
#define EFI_INVALID_PARAMETER (EFI_ERROR_BIT | 2)
#define EFI_UNSUPPORTED (EFI_ERROR_BIT | 3)
#define EFI_BUFFER_TOO_SMALL (EFI_ERROR_BIT | 5)

#define EFI_ALLOCATE_ANY_PAGES 0
#define EFI_LOADER_DATA 2
#define EFI_RESET_SHUTDOWN 2
#define EFI_PAGE_SIZE 4096

typedef struct {
	u32 data1;
	u16 data2, data3;
	u8 data4[8];
} efi_guid;

struct efi_table_header {
	u64 signature;
	u32 revision, header_size, crc32, reserved;
};

struct efi_simple_text_output {
	void *reset;
	efi_status (*output_string)(struct efi_simple_text_output *self, const efi_char16 *s);
};

struct efi_boot_services {
	struct efi_table_header hdr;
	void *raise_tpl, *restore_tpl;
	efi_status (*allocate_pages)(u32 type, u32 memory_type, u64 pages, u64 *addr);
	void *free_pages;
	efi_status (*get_memory_map)(u64 *size, void *map, u64 *key, u64 *desc_size, u32 *desc_ver);
	void *allocate_pool, *free_pool;
	void *create_event, *set_timer, *wait_for_event, *signal_event, *close_event, *check_event;
	void *install_protocol, *reinstall_protocol, *uninstall_protocol;
	efi_status (*handle_protocol)(efi_handle handle, const efi_guid *guid, void **iface);
	void *reserved, *register_protocol_notify, *locate_handle, *locate_device_path;
	void *install_configuration_table, *load_image, *start_image, *exit, *unload_image;
	efi_status (*exit_boot_services)(efi_handle image, u64 map_key);
};

struct efi_runtime_services {
	struct efi_table_header hdr;
	void *get_time, *set_time, *get_wakeup_time, *set_wakeup_time;
	void *set_virtual_address_map, *convert_pointer;
	void *get_variable, *get_next_variable_name, *set_variable, *get_next_high_mono_count;
	void (*reset_system)(u32 type, efi_status status, u64 size, const void *data);
};

struct efi_config_table {
	efi_guid guid;
	void *table;
};

struct efi_system_table {
	struct efi_table_header hdr;
	const efi_char16 *fw_vendor;
	u32 fw_revision;
	efi_handle con_in_handle;
	void *con_in;
	efi_handle con_out_handle;
	struct efi_simple_text_output *con_out;
	efi_handle std_err_handle;
	void *std_err;
	struct efi_runtime_services *runtime;
	struct efi_boot_services *boot;
	u64 nr_tables;
	struct efi_config_table *tables;
};

struct efi_loaded_image {
	u32 revision;
	efi_handle parent;
	struct efi_system_table *system_table;
	efi_handle device;
	void *file_path, *reserved;
	u32 load_options_size; /* bytes */
	const efi_char16 *load_options;
	void *image_base;
	u64 image_size;
};

#endif
