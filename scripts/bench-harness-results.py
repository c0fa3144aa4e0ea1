#!/usr/bin/env python3
"""Writes a synthetic result directory for scripts/bench-harness.sh: TEMPLATE_DIR's first run
(a directory `s2bench parse` made from a real log) as RUNS runs of BOOTS boots each, spread over
5 strategies x 4 memory sizes (20 cells) with one rep per run and another seed per rep. Boot
counters get a deterministic jitter (seeded) so that cells are not all exact.

usage: bench-harness-results.py TEMPLATE_DIR RUNS BOOTS OUT_DIR"""
import csv
import os
import random
import sys

STRATEGIES = ["unmap", "lazy", "clean", "fwb", "none"]
MEMS = [67108864, 134217728, 268435456, 536870912]
JITTERED = ("fault_cycles", "ready_cycles", "ready_insts", "reinit_cycles", "reinit_insts",
            "reboot_cycles", "reboot_insts")


def usage():
    sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
    sys.exit(2)


def first_rows(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def main(argv):
    if len(argv) != 4 or not argv[1].isdigit() or not argv[2].isdigit() or int(argv[2]) < 2:
        usage()
    tdir, runs, boots, out = argv[0], int(argv[1]), int(argv[2]), argv[3]
    rhead, rrows = first_rows(os.path.join(tdir, "runs.csv"))
    bhead, brows = first_rows(os.path.join(tdir, "boots.csv"))
    run, warm = rrows[0], [r for r in brows if r[0] == rrows[0][0]]
    col = {name: i for i, name in enumerate(rhead)}
    bcol = {name: i for i, name in enumerate(bhead)}
    os.makedirs(out, exist_ok=False)
    rng = random.Random(20)
    cells = [(s, m) for s in STRATEGIES for m in MEMS]
    with open(os.path.join(out, "runs.csv"), "w", newline="") as rf, \
            open(os.path.join(out, "boots.csv"), "w", newline="") as bf:
        rw, bw = csv.writer(rf, lineterminator="\n"), csv.writer(bf, lineterminator="\n")
        rw.writerow(rhead)
        bw.writerow(bhead)
        for n in range(runs):
            rid = "%016x" % (((n + 1) * 0x9E3779B97F4A7C15) & (2**64 - 1))
            strategy, mem = cells[n % len(cells)]
            rep = n // len(cells)
            row = list(run)
            row[col["run_id"]], row[col["strategy"]], row[col["mem"]] = rid, strategy, str(mem)
            row[col["seed"]], row[col["rep"]] = str(rep + 1), str(rep)
            row[col["boots_req"]] = row[col["boots"]] = str(boots)
            rw.writerow(row)
            for i in range(boots):
                b = list(warm[min(i, len(warm) - 1)])
                b[0], b[bcol["idx"]] = rid, str(i)
                for k in JITTERED:
                    if b[bcol[k]]:
                        b[bcol[k]] = str(int(b[bcol[k]]) + rng.randrange(64))
                bw.writerow(b)
    for t in ("faults.csv", "metrics.csv"):  # headers only: the report reads runs and boots
        with open(os.path.join(tdir, t)) as f, open(os.path.join(out, t), "w") as g:
            g.write(f.readline())
    os.makedirs(os.path.join(out, "logs"))


if __name__ == "__main__":
    main(sys.argv[1:])
