#include "cli.h"
int cmd_lava(int argc, char **argv) { (void)argc; (void)argv; return 0; }
