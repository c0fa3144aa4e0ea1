/* kvm/doorbell.c: argument stores, the call store, the result load, and what is not ours. */
#include <criterion/criterion.h>
#include <string.h>
#include "../../../kvm/doorbell.h"

static struct kvm_run run;
static struct doorbell db;
static struct guest_call call;

static enum doorbell_access access8(u64 off, bool write, u64 v)
{
	run.mmio.phys_addr = DOORBELL_IPA + off;
	run.mmio.len = 8;
	run.mmio.is_write = write;
	memcpy(run.mmio.data, &v, 8);
	return doorbell_access(&db, &run, &call);
}

static u64 loaded(void)
{
	u64 v;

	memcpy(&v, run.mmio.data, 8);
	return v;
}

Test(kvm_doorbell, call_protocol)
{
	memset(&db, 0, sizeof(db));
	for (unsigned i = 1; i <= 5; i++)
		cr_assert_eq(access8(8 * i, true, 100 + i), DB_HANDLED);
	cr_assert_eq(access8(0, true, 0x86000005), DB_CALL);
	cr_assert_eq(call.x[0], 0x86000005);
	for (unsigned i = 1; i <= 5; i++)
		cr_assert_eq(call.x[i], 100 + i);
	doorbell_set_result(&db, 0xabcdef);
	cr_assert_eq(access8(0, false, 0), DB_HANDLED);
	cr_assert_eq(loaded(), 0xabcdef);
	cr_assert_eq(db.exits, 7);
}

Test(kvm_doorbell, outside_the_page_is_not_ours)
{
	memset(&db, 0, sizeof(db));
	cr_assert_eq(access8(-8, true, 1), DB_NOT_OURS);
	cr_assert_eq(access8(DOORBELL_SIZE, true, 1), DB_NOT_OURS);
	cr_assert_eq(db.exits, 0);
}

Test(kvm_doorbell, odd_accesses_are_bad)
{
	memset(&db, 0, sizeof(db));
	cr_assert_eq(access8(4, true, 1), DB_BAD);     /* misaligned */
	cr_assert_eq(access8(0x30, true, 1), DB_BAD);  /* past x5 */
	run.mmio.phys_addr = DOORBELL_IPA;
	run.mmio.len = 4;
	cr_assert_eq(doorbell_access(&db, &run, &call), DB_BAD);
}
