#!/usr/bin/env python3
"""boots-diff.py OLD_DIR NEW_DIR: two result directories' boots.csv compared row by row by
(run_id, idx) -- a refactoring must not change what the hypervisor does. The maintenance counts,
check and exit must be identical (exit status 1 otherwise); every other numeric column (cycles,
instructions) is summarised as its largest relative difference. Usage errors exit 2."""
import csv
import os
import sys

EXACT = ["faults", "reinit_lines", "fault_lines", "tlbis", "icache_invals", "pages_mapped",
         "check", "exit"]


def load(d):
    path = os.path.join(d, "boots.csv")
    try:
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        sys.exit(f"boots-diff: {path}: {e.strerror}")
    return {(r["run_id"], r["idx"]): r for r in rows}


def main():
    if len(sys.argv) != 3:
        print("usage: boots-diff.py OLD_DIR NEW_DIR", file=sys.stderr)
        return 2
    old, new = load(sys.argv[1]), load(sys.argv[2])
    keys = sorted(old.keys() & new.keys())
    print(f"rows: {len(keys)} in both, {len(old.keys() - new.keys())} only in old, "
          f"{len(new.keys() - old.keys())} only in new")
    cols = [c for c in next(iter(old.values())).keys() if c not in ("run_id", "idx", "extra")]
    failed = bool(old.keys() ^ new.keys())
    print(f"{'column':18} {'rows differing':>14} {'max rel diff':>13} {'max abs diff':>13}")
    for c in cols:
        differ, rel, absd = 0, 0.0, 0
        for k in keys:
            a, b = old[k].get(c, ""), new[k].get(c, "")
            if a == b:
                continue
            differ += 1
            try:
                x, y = int(a), int(b)
            except ValueError:
                rel = float("inf")
                continue
            absd = max(absd, abs(y - x))
            rel = max(rel, abs(y - x) / max(abs(x), 1))
        must = c in EXACT
        failed |= must and differ > 0
        print(f"{c:18} {differ:>14} {rel * 100:>12.3f}% {absd:>13}" + ("  (must be 0)" if must else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
