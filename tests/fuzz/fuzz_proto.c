/* libFuzzer target for the record parser and the LAVA unwrapper: any bytes, no crash, no read
 * outside the line, and an accepted record's pointers stay inside it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lavalog.h"
#include "protocol.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = malloc(size + 1);
	struct record rec;
	size_t len = size;

	memcpy(line, data, size);
	line[size] = '\0';
	lava_unwrap(line, &len);
	if (proto_parse_line(line, len, &rec) == LINE_RECORD) {
		for (int i = 0; i < rec.nkv; i++)
			if (rec.kv[i].key < line || rec.kv[i].val > line + len)
				abort();
		record_get(&rec, "idx");
	}
	free(line);
	return 0;
}
