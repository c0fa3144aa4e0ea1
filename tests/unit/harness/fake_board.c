#include "fake_board.h"

#include "../../../core/crc32.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void copy_value(const char *args, const char *key, char *out, size_t len)
{
	const char *p = strstr(args, key);
	if (!p)
		return;
	p += strlen(key);
	snprintf(out, len, "%.*s", (int)strcspn(p, " "), p);
}

void fake_run_from_bootargs(struct fake_run *run, const char *args)
{
	char boots[16] = "5";

	memset(run, 0, sizeof(*run));
	strcpy(run->strategy, "unmap");
	strcpy(run->guest, "hello");
	strcpy(run->seed, "1");
	copy_value(args, "s2b.boots=", boots, sizeof(boots));
	copy_value(args, "s2b.strategy=", run->strategy, sizeof(run->strategy));
	copy_value(args, "s2b.guest=", run->guest, sizeof(run->guest));
	copy_value(args, "s2b.seed=", run->seed, sizeof(run->seed));
	run->boots = (unsigned)atoi(boots);
}

void fake_record(char *buf, size_t len, const char *body)
{
	char line[1024];
	snprintf(line, sizeof(line), "@s2b %s", body);
	snprintf(buf, len, "%s *%08x", line, crc32_update(0, line, strlen(line)));
}

static void emit(FILE *out, const char *body)
{
	char line[1100];
	fake_record(line, sizeof(line), body);
	fprintf(out, "%s\r\n", line);
	fflush(out);
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

void fake_board_emit(FILE *out, const struct fake_run *run)
{
	char body[512];

	emit(out, "hello proto=1.0 hv=0.0.9-fake board=qemu-virt midr=0xf0510 pa_bits=48 fwb=1 dic=0 idc=0 ctr=0x8444c004 hafdbs=2 pmu_ver=6 pmu_events=cycles,inst_retired");
	if (run->hang)
		for (;;)
			pause();
	snprintf(body, sizeof(body),
		 "cfg strategy=%s guest=%s mem=67108864 boots=%u block=4k map=ondemand icache=exec frac=50 stride=4096 write=50 order=seq seed=%s trace=none",
		 run->strategy, run->guest, run->boots, run->seed);
	emit(out, body);
	for (unsigned i = 0; i < run->boots; i++) {
		sleep_ms(run->delay_ms);
		fprintf(out, "guest| hello from boot %u\r\n", i);
		snprintf(body, sizeof(body), "metric boot=%u key=touched value=%u", i, 4 + i);
		emit(out, body);
		snprintf(body, sizeof(body),
			 "boot idx=%u faults=%u fault_cycles=%u ready_cycles=%u check=pass exit=%s", i,
			 10 + i, 1000 + i, 5000 + i, i + 1 < run->boots ? "reset" : "off");
		emit(out, body);
	}
	snprintf(body, sizeof(body), "done status=ok boots=%u", run->boots);
	emit(out, body);
}
