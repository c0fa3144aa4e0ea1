#!/usr/bin/env python3
"""Checks a result directory after a kill and a repairing open (harness-parse-kill.sh): every run
in runs.csv is there once, has its log, and has exactly BOOTS boots rows; no boots row belongs to
a run that is not in runs.csv. A run's log is found as docs/harness.md says, independently of
harness/logpack.c: DIR/logs/RUN_ID.log, else the last entry naming it in the
DIR/logs/pack-NNNNNN.idx files (number order, then line order), whose bytes must lie inside the
pack and be this run's: its `cfg` record carries the seed runs.csv gives the run.

usage: harness-whole-dir.py DIR BOOTS   (exit 0 = whole; else one line saying what is wrong)"""
import csv
import os
import re
import sys
from collections import Counter


def packed_logs(logs):
    """run_id -> (pack path, offset, length), the last entry winning."""
    entries = {}
    packs = sorted(int(m.group(1)) for m in
                   (re.fullmatch(r"pack-(\d+)\.idx", n) for n in os.listdir(logs)) if m)
    for n in packs:
        with open(os.path.join(logs, "pack-%06d.idx" % n), "rb") as f:
            for line in f:
                m = re.fullmatch(rb"([0-9a-f]{16}) (\d+) (\d+)\n", line)
                if m:  # a torn last line is no entry
                    entries[m.group(1).decode()] = (os.path.join(logs, "pack-%06d.log" % n),
                                                    int(m.group(2)), int(m.group(3)))
    return entries


def log_of(logs, packed, run_id):
    own = os.path.join(logs, run_id + ".log")
    if os.path.exists(own):
        with open(own, "rb") as f:
            return f.read()
    if run_id not in packed:
        return None
    path, off, length = packed[run_id]
    if off + length > os.path.getsize(path):
        return None
    with open(path, "rb") as f:
        f.seek(off)
        return f.read(length)


def main():
    d, boots = sys.argv[1], int(sys.argv[2])
    with open(os.path.join(d, "runs.csv"), newline="") as f:
        runs = list(csv.DictReader(f))
    ids = [r["run_id"] for r in runs]
    dup = [i for i, n in Counter(ids).items() if n > 1]
    if dup:
        return "run %s twice in runs.csv" % dup[0]
    logs = os.path.join(d, "logs")
    packed = packed_logs(logs)
    for r in runs:
        log = log_of(logs, packed, r["run_id"])
        if log is None:
            return "run %s has no log" % r["run_id"]
        if not log.startswith(b"@s2b hello ") or b"\n@s2b done " not in log:
            return "run %s: its log is not a whole run" % r["run_id"]
        if (" seed=%s " % r["seed"]).encode() not in log:
            return "run %s: its log is another run's (seed %s)" % (r["run_id"], r["seed"])
    with open(os.path.join(d, "boots.csv"), newline="") as f:
        per_run = Counter(row["run_id"] for row in csv.DictReader(f))
    stray = set(per_run) - set(ids)
    if stray:
        return "boots rows of a run not in runs.csv: %s" % sorted(stray)[0]
    short = [i for i in ids if per_run[i] != boots]
    if short:
        return "run %s has %d boots rows, not %d" % (short[0], per_run[short[0]], boots)
    return None


if __name__ == "__main__":
    why = main()
    if why:
        print("not whole:", why)
    sys.exit(1 if why else 0)
