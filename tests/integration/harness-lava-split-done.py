#!/usr/bin/env python3
"""Console filter between QEMU and lava-run (harness-lava.sh): passes everything through, but
stops right after "@s2b done" and sends the rest of that line only once lava-run's log (LOG) shows
the finalize read-feedback action has started. The test monitor's end pattern has matched by then
and the line's newline has not arrived, so LAVA logs the whole `done` line at level feedback: the
race that made runs `crash` on a farm, made deterministic.
usage: qemu-system-aarch64 ... | harness-lava-split-done.py LOG"""
import os
import re
import sys
import time

MARK = b"@s2b done"
READY = re.compile(r'"msg": "start: [0-9.]+ read-feedback ')


def out(data):
    while data:
        data = data[os.write(1, data):]


def wait_for_feedback(log, limit=60.0):
    end = time.monotonic() + limit
    while time.monotonic() < end:
        try:
            with open(log, encoding="utf-8", errors="replace") as f:
                if READY.search(f.read()):
                    return
        except OSError:
            pass
        time.sleep(0.01)


def main():
    log = sys.argv[1]
    held, split = b"", False
    while True:
        data = os.read(0, 4096)
        if not data:
            break
        if split:
            out(data)
            continue
        held += data
        i = held.find(MARK)
        if i >= 0:
            cut = i + len(MARK)
            out(held[:cut])
            wait_for_feedback(log)
            out(held[cut:])
            held, split = b"", True
        else:  # keep a tail that could be the start of MARK
            keep = len(MARK) - 1
            out(held[:-keep])
            held = held[-keep:]
    out(held)


main()
