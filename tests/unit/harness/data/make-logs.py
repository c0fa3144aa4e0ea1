#!/usr/bin/env python3
"""Writes the hand-made console logs next to this script (re-run after editing).
Each record gets a real CRC-32 (zlib) unless the case is about a bad one."""
import os
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def rec(body, crc=None):
    line = "@s2b " + body
    c = zlib.crc32(line.encode()) if crc is None else crc
    return "%s *%08x" % (line, c)


HELLO = "hello proto=1.0 hv=0.1.0 board=qemu-virt midr=0xf0510 pa_bits=52 fwb=1 dic=0 idc=0 ctr=0x8444c004 hafdbs=2 pmu_ver=6 pmu_events=cycles,inst_retired"
CFG = "cfg strategy=%s guest=touch mem=134217728 boots=3 block=4k map=ondemand icache=exec frac=25 stride=4096 write=50 order=seq seed=7 trace=faults"


def boot(i, check="pass", extra=""):
    reinit = "" if i == 0 else " reinit_cycles=%d reinit_insts=%d reinit_lines=%d" % (900 + i, 900 + i, 64 * i)
    return rec("boot idx=%d%s faults=%d fault_cycles=%d fault_max_cycles=40 fault_lines=128 icache_invals=1 tlbis=1 pages_mapped=2 ready_cycles=5000 ready_insts=5000 check=%s exit=reset%s"
               % (i, reinit, 2 + i, 80 + i, check, extra))


def run(strategy, check_fail_at=None):
    out = [rec(HELLO), rec(CFG % strategy), "guest| hello from boot 0"]
    for i in range(3):
        out.append(rec("fault boot=%d ipa=0x40000000 kind=inst write=0 cycles=40 lines=64" % i))
        out.append(rec("metric boot=%d key=touched value=%d" % (i, 100 + i)))
        out.append(boot(i, "fail" if i == check_fail_at else "pass", " dbm=1" if i == 2 else ""))
    if check_fail_at is not None:
        out.insert(-1, rec("error code=guest_check msg=stale_data boot=%d" % check_fail_at))
    out.append(rec("done status=ok boots=3 faults=9 lines=384"))
    return out


def write(name, lines, eol="\r\n"):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        f.write(eol.join(lines) + eol)


# Two runs back to back with console noise, as a serial capture of two resets would look.
write("two-runs.log", ["U-Boot 2023.01 (noise)", ""] + run("clean") + ["## Starting application"] + run("lazy"))
# Corruption: one bad CRC, one record cut short by a lost byte tail, one malformed body.
good = run("unmap")
bad = list(good)
bad[3] = bad[3][:-8] + "%08x" % (int(bad[3][-8:], 16) ^ 1)   # boot 0's fault record
bad[5] = bad[5][:40]                                        # boot 0's boot record, truncated
bad.insert(6, rec("boot idx"))                              # no '=': malformed
write("corrupt.log", bad, eol="\n")
# A future protocol major version must be refused.
write("proto2.log", [rec(HELLO.replace("proto=1.0", "proto=2.0"))] + run("unmap")[1:])
# A guest that saw stale data: done ok but a failed check.
write("check-fail.log", run("none", check_fail_at=1))
# A run that stops mid-way (QEMU died): no done record, last line cut.
write("crash.log", run("fwb")[:6] + ["@s2b boot idx=1 reinit_cyc"], eol="\n")

# --- issue 13: run delimiting, statuses, grammar (see test_parse.c) ---
def small_run(strategy, boots=2, ready=True, exit_last="reset", hello=True, cfg=True, done=True,
              nboots=None, check="pass"):
    out = []
    if hello:
        out.append(rec(HELLO))
    if cfg:
        out.append(rec((CFG % strategy).replace("boots=3", "boots=%d" % boots)))
    n = boots if nboots is None else nboots
    for i in range(n):
        out.append(rec("metric boot=%d key=touched value=%d" % (i, 4 + i)))
        rdy = " ready_cycles=5000 ready_insts=5000" if ready else ""
        ex = exit_last if i == n - 1 else "reset"
        out.append(rec("boot idx=%d faults=2%s check=%s exit=%s" % (i, rdy, check, ex)))
    if done:
        out.append(rec("done status=ok boots=%d faults=%d" % (n, 2 * n)))
    return out

# The second run's hello has a bad CRC: it must not merge into the first.
b = small_run("lazy")
b[0] = b[0][:-8] + "%08x" % (int(b[0][-8:], 16) ^ 1)
write("lost-hello.log", small_run("clean") + b)
# Nothing valid between two runs: the second's hello and cfg lost, its boot 0 starts it.
c = small_run("fwb")
write("lost-hello-and-cfg.log", small_run("clean") + ["@s2b hello garbage", "@s2b cfg garbage"] + c[2:])
# A guest calling CPU_OFF at boot 0 of 2: exit=off, done status=ok boots=1.
write("cpu-off.log", small_run("unmap", boots=2, nboots=1, exit_last="off"))
# A Linux guest that panics before READY on every boot (panic=-1 reboots at once).
write("never-ready.log", small_run("unmap", boots=2, ready=False))
# A boot record preceded by a NUL byte (a UART around a reset).
n = small_run("unmap")
n[4] = "\0" + n[4]
write("nul-before-record.log", n)
# "\r\r\n" line ends (a tty's ONLCR on top of the hypervisor's "\r\n").
write("crcrlf.log", small_run("unmap"), eol="\r\r\n")
# CRC-valid records that break the grammar: each must be rejected and counted, never stored.
g = small_run("unmap")
bad = [
    rec("boot idx=1 faults=2 check=fail check=pass exit=reset"),      # duplicate key
    rec("boot idx=0 idx=7 faults=2 check=pass exit=reset"),           # duplicate idx
    rec("boot idx=1 faults=lots check=pass exit=reset"),              # non-numeric
    rec("boot idx=1 faults= check=pass exit=reset"),                  # empty number
    rec("metric boot=1 key=x value=99999999999999999999"),            # overflows u64
    rec("boot idx=1 faults=2 check=pa\0ss exit=reset"),               # NUL inside a value
    rec("cfg strategy=unmap"),                                        # partial cfg
    rec("boot idx=1 faults=2 check=pass exit=reset junk=" + "x" * 5000) + " tail",  # over-long
]
write("grammar.log", g[:4] + bad + g[4:])
# Unknown keys in metric and fault records are kept (extra), and a long extra cell is not cut.
u = small_run("unmap")
u.insert(2, rec("fault boot=0 ipa=0x40000000 kind=data write=1 cycles=9 lines=1 vmid=3"))
u.insert(3, rec("metric boot=0 key=t value=1 unit=ns"))
u[5] = rec("boot idx=0 faults=2 ready_cycles=5000 check=pass exit=reset big=" + "y" * 1500)
write("unknown-keys.log", u)
# Two different runs with the same config (one failed a check), for two parse invocations.
write("same-cfg-a.log", small_run("none"))
write("same-cfg-b.log", small_run("none", check="fail"))
# A line longer than the line reader's limit whose first 65535 bytes are a valid record.
o = small_run("unmap")
body = "@s2b boot idx=1 faults=2 ready_cycles=5000 check=pass exit=reset pad="
pad = 65535 - len(body) - 10
line = body + "p" * pad
line = "%s *%08x" % (line, zlib.crc32(line.encode()))
assert len(line) == 65535
o[5] = line + " and the line goes on"
write("overlong-prefix.log", o, eol="\n")
