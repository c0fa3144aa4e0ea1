/* Route core/console.c (and with it every @s2b record from core/proto.c) to stdout. */
#ifndef S2VMM_CONSOLE_STDOUT_H
#define S2VMM_CONSOLE_STDOUT_H

void console_stdout_init(void);

#endif
