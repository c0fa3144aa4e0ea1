/*
 * s2hv.img as a PE/COFF EFI application (PE Format specification; UEFI 2.10 2.1.1, 2.3.6), so a
 * UEFI firmware (an Arm server, edk2 on QEMU) starts the same file that booti and -kernel load.
 * The arm64 Image header (head.S) is the MS-DOS stub: "MZ" at 0, this header's offset at 0x3c.
 * The file is laid out as it is loaded (each section's file offset is its RVA), two sections:
 * .text (code and read-only data, RX) from 0x1000, .data (relocated data, then .bss and the
 * stack, RW) from __pe_data_rva, so a firmware enforcing W^X on images (edk2's image
 * protection) can still run it. No base relocations: efi_entry applies the image's own.
 */
#define IMAGE_FILE_MACHINE_ARM64 0xaa64
#define IMAGE_FILE_EXECUTABLE_IMAGE 0x0002
#define IMAGE_FILE_LINE_NUMS_STRIPPED 0x0004
#define IMAGE_FILE_DEBUG_STRIPPED 0x0200
#define PE32PLUS_MAGIC 0x20b
#define IMAGE_SUBSYSTEM_EFI_APPLICATION 10
#define SCN_CNT_CODE 0x00000020
#define SCN_CNT_INITIALIZED_DATA 0x00000040
#define SCN_MEM_EXECUTE 0x20000000
#define SCN_MEM_READ 0x40000000
#define SCN_MEM_WRITE 0x80000000
#define PE_SECTION_ALIGN 0x1000		/* image.ld aligns the sections to this */
#define PE_FILE_ALIGN 0x200
#define PE_DATA_DIRS 6			/* export ... base relocation: all empty */

	.section .text.efi_header, "a"
	.balign 8
	.global __pe_header
__pe_header:
	.ascii	"PE\0\0"
	/* COFF file header */
	.short	IMAGE_FILE_MACHINE_ARM64
	.short	2				// NumberOfSections
	.long	0, 0, 0				// TimeDateStamp, symbol table, symbols
	.short	.Lsections - .Loptional		// SizeOfOptionalHeader
	.short	IMAGE_FILE_EXECUTABLE_IMAGE | IMAGE_FILE_LINE_NUMS_STRIPPED | IMAGE_FILE_DEBUG_STRIPPED
.Loptional:
	.short	PE32PLUS_MAGIC
	.byte	0, 0				// linker version
	.long	__pe_text_size			// SizeOfCode
	.long	__pe_data_vsize			// SizeOfInitializedData
	.long	0				// SizeOfUninitializedData
	.long	__efi_entry_rva			// AddressOfEntryPoint
	.long	PE_SECTION_ALIGN		// BaseOfCode
	.quad	0				// ImageBase: loaded anywhere, runs where loaded
	.long	PE_SECTION_ALIGN, PE_FILE_ALIGN
	.short	0, 0, 0, 0, 0, 0		// OS, image, subsystem versions
	.long	0				// Win32VersionValue
	.long	_image_size			// SizeOfImage: to _end (.bss and stack included)
	.long	PE_SECTION_ALIGN		// SizeOfHeaders: the Image header and its code
	.long	0				// CheckSum
	.short	IMAGE_SUBSYSTEM_EFI_APPLICATION
	.short	0				// DllCharacteristics
	.quad	0, 0, 0, 0			// stack and heap reserve/commit
	.long	0				// LoaderFlags
	.long	PE_DATA_DIRS
	.fill	PE_DATA_DIRS, 8, 0
.Lsections:
	.ascii	".text\0\0\0"
	.long	__pe_text_size			// VirtualSize
	.long	PE_SECTION_ALIGN		// VirtualAddress
	.long	__pe_text_size			// SizeOfRawData (a multiple of PE_FILE_ALIGN)
	.long	PE_SECTION_ALIGN		// PointerToRawData = VirtualAddress
	.long	0, 0				// relocations, line numbers
	.short	0, 0
	.long	SCN_CNT_CODE | SCN_MEM_EXECUTE | SCN_MEM_READ

	.ascii	".data\0\0\0"
	.long	__pe_data_vsize			// VirtualSize: the firmware zeroes past the file
	.long	__pe_data_rva
	.long	__pe_data_fsize
	.long	__pe_data_rva
	.long	0, 0
	.short	0, 0
	.long	SCN_CNT_INITIALIZED_DATA | SCN_MEM_READ | SCN_MEM_WRITE

	/*
	 * The firmware calls here: x0 = image handle, x1 = system table, at EL2 (edk2 on QEMU
	 * virt,virtualization=on; at EL1 head.S reports no_el2), MMU and caches on,
	 * identity mapped. Relocate, let efi_boot.c exit boot services, then turn the MMU off and
	 * enter head.S as any boot loader would, with the DTB in x0.
	 */
	.text
	.global efi_entry
efi_entry:
	stp	x29, x30, [sp, #-48]!
	mov	x29, sp
	stp	x19, x20, [sp, #16]
	stp	x0, x1, [sp, #32]
	adr	x19, _head_entry
	bl	apply_relocations		// C below reads pointers from .data
	ldp	x0, x1, [sp, #32]
	add	x2, sp, #32			// the DTB, on success
	bl	efi_main
	cbnz	x0, 1f				// refused or failed: back to the firmware
	ldr	x20, [sp, #32]
	msr	daifset, #0xf
	/* MMU and caches off, at the EL the firmware runs at: SCTLR_EL2 as head.S's el2_entry
	 * writes it (ARM ARM D19.2.118), or SCTLR_EL1 with its RES1 bits (D19.2.119) under a
	 * firmware at EL1, for which head.S then reports no_el2. The firmware's map is the
	 * identity, so the next fetch is the next instruction. efi_main cleaned what we wrote to
	 * the PoC first. */
	mrs	x1, CurrentEL
	cmp	x1, #(2 << 2)
	b.ne	2f
	ldr	x1, =0x30c50830
	msr	sctlr_el2, x1
	b	3f
2:	ldr	x1, =0x30d00800
	msr	sctlr_el1, x1
3:	isb
	/* Instruction fetch is now Non-cacheable, but may still hit lines the firmware left: drop
	 * them (IC IALLU, then DSB and ISB to complete it, ARM ARM D7.5.9.4). */
	ic	iallu
	dsb	nsh
	isb
	mov	x0, x20
	b	primary_entry
1:	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #48
	ret
