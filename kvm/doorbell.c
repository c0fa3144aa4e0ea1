/* See doorbell.h. The store to offset 0 is the call; arguments were stored first; the result is
 * read back by a load from offset 0 (each access is one KVM_EXIT_MMIO). */
#include <string.h>
#include "doorbell.h"

#define ARG_END 0x30 /* offsets 0x00..0x28: id, x1..x5 */

bool doorbell_contains(u64 ipa)
{
	return ipa >= DOORBELL_IPA && ipa - DOORBELL_IPA < DOORBELL_SIZE;
}

enum doorbell_access doorbell_access(struct doorbell *db, struct kvm_run *run,
				     struct guest_call *call)
{
	u64 ipa = run->mmio.phys_addr, off = ipa - DOORBELL_IPA, v = 0;

	if (!doorbell_contains(ipa))
		return DB_NOT_OURS;
	db->exits++;
	if (run->mmio.len != 8 || (off & 7) || off >= ARG_END)
		return DB_BAD;
	if (!run->mmio.is_write) {
		v = off == 0 ? db->result : db->x[off / 8];
		memcpy(run->mmio.data, &v, 8); /* KVM hands data back little-endian, as the guest's */
		return DB_HANDLED;
	}
	memcpy(&v, run->mmio.data, 8);
	db->x[off / 8] = v;
	if (off != 0)
		return DB_HANDLED;
	memcpy(call->x, db->x, sizeof(call->x));
	return DB_CALL;
}

void doorbell_set_result(struct doorbell *db, u64 result)
{
	db->result = result;
}
