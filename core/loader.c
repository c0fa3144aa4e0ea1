/* See loader.h. No cache maintenance here on purpose: making these writes visible is the
 * strategy's job, and what s2bench measures. */
#include "loader.h"
#include "arch.h"
#include "guest_image.h"
#include "lib.h"

void loader_load_image(struct vm *vm)
{
	const struct guest_image *img = vm->cfg->guest;

	memcpy(arch_pa_to_va(vm->ram_pa), img->data, loader_image_bytes(vm));
}

u64 loader_image_bytes(const struct vm *vm)
{
	return vm->cfg->guest->size;
}
