#include "qemu_stderr.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define TAIL_BYTES 2048 /* the last line is all we want; the file may be large */

void qemu_stderr_tail(const char *path, char *buf, size_t len)
{
	char tail[TAIL_BYTES + 1];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = 0;

	if (len)
		buf[0] = '\0';
	if (fd < 0)
		return;
	off_t size = lseek(fd, 0, SEEK_END);
	if (size > 0 && lseek(fd, size > TAIL_BYTES ? size - TAIL_BYTES : 0, SEEK_SET) >= 0)
		n = read(fd, tail, TAIL_BYTES);
	close(fd);
	if (n <= 0)
		return;
	while (n > 0 && (tail[n - 1] == '\n' || tail[n - 1] == '\r' || tail[n - 1] == ' '))
		n--;
	tail[n] = '\0';
	char *line = strrchr(tail, '\n');
	line = line ? line + 1 : tail;
	if (!*line)
		return;
	for (char *c = line; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = ' ';
	snprintf(buf, len, ": %s", line);
}
