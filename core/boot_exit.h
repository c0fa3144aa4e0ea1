/* How a boot ended: the boot record's `exit=` word (docs/protocol.md section 2). One list for
 * s2hv (core/run.h), s2vmm (kvm/records.c) and the harness's record checker
 * (harness/proto_check.c), so none of them can name an exit the others do not know. Header only
 * and freestanding: the hypervisor, the VMM and the host CLI all include it. */
#ifndef S2B_BOOT_EXIT_H
#define S2B_BOOT_EXIT_H

/* X(enumerator, word), one per way a boot ends that a record names. */
#define BOOT_EXIT_WORDS(X) X(BOOT_RESET, "reset") X(BOOT_OFF, "off") X(BOOT_ERROR, "error")

#define BOOT_EXIT_ENUM_(id, word) id,
/* BOOT_CONTINUE is s2hv's "the boot goes on": a handler's answer, never recorded. */
enum boot_exit { BOOT_CONTINUE, BOOT_EXIT_WORDS(BOOT_EXIT_ENUM_) };
#undef BOOT_EXIT_ENUM_

/* The words, each followed by ' ': "reset off error " (string concatenation, so a constant). */
#define BOOT_EXIT_WORD_SP_(id, word) word " "
#define BOOT_EXIT_WORD_LIST BOOT_EXIT_WORDS(BOOT_EXIT_WORD_SP_)

/* The record word of X ("continue" for BOOT_CONTINUE, which no record carries). */
static inline const char *boot_exit_name(enum boot_exit x)
{
#define BOOT_EXIT_CASE_(id, word) \
	case id:                  \
		return word;
	switch (x) {
		BOOT_EXIT_WORDS(BOOT_EXIT_CASE_)
	case BOOT_CONTINUE:
		break;
	}
#undef BOOT_EXIT_CASE_
	return "continue";
}

#endif
