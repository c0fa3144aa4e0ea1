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
