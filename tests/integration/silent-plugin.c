/* A QEMU TCG plugin that loads, watches nothing and prints nothing: the coherence oracle's
 * stand-in for oracle-no-verdict.sh, a run under a plugin that leaves no verdict. */
#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc,
					   char **argv)
{
	(void)id, (void)info, (void)argc, (void)argv;
	return 0;
}
