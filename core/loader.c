/* See loader.h. No cache maintenance here on purpose: making these writes visible is the
 * strategy's job, and what s2bench measures. */
#include "loader.h"
#include "arch.h"
#include "bundle_guest.h"
#include "guest_image.h"
#include "lib.h"

static bool from_bundle(const struct vm *vm)
{
	return vm->cfg->guest_kind == GUEST_LINUX || vm->cfg->guest_kind == GUEST_IMAGE;
}

const char *loader_prepare(struct vm *vm, const struct platform *plat)
{
	return from_bundle(vm) ? bundle_guest_prepare(vm, plat) : NULL;
}

void loader_load_image(struct vm *vm)
{
	const struct guest_image *img = vm->cfg->guest;

	if (from_bundle(vm))
		bundle_guest_load(vm);
	else
		memcpy(arch_pa_to_va(vm->ram_pa), img->data, img->size);
}

u64 loader_image_bytes(const struct vm *vm)
{
	return from_bundle(vm) ? bundle_guest_bytes() : vm->cfg->guest->size;
}

ipa_t loader_entry(const struct vm *vm, u64 *x0)
{
	if (from_bundle(vm))
		return bundle_guest_entry(vm, x0);
	*x0 = 0;
	return vm->ram_ipa;
}
