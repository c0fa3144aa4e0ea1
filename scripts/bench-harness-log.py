#!/usr/bin/env python3
"""Writes a large console log for scripts/bench-harness.sh: a real QEMU log concatenated COPIES
times. With --distinct each copy's `cfg` record gets another seed (CRC recomputed), so every copy
is a run of its own config; without it the copies are repetitions of one config.

usage: bench-harness-log.py TEMPLATE COPIES OUT [--distinct]"""
import re
import sys
import zlib


def usage():
    sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
    sys.exit(2)


def with_crc(body):
    """BODY is a record without its ' *crc' tail: the CRC covers every byte before ' *'."""
    return "%s *%08x" % (body, zlib.crc32(body.encode()))


def main(argv):
    args = [a for a in argv if a != "--distinct"]
    if len(args) != 3 or not args[1].isdigit():
        usage()
    template, copies, out = args[0], int(args[1]), args[2]
    distinct = "--distinct" in argv
    with open(template) as f:
        lines = f.read().splitlines()
    cfg_at = [i for i, l in enumerate(lines) if l.startswith("@s2b cfg ")]
    if len(cfg_at) != 1:
        sys.exit("%s: needs exactly one cfg record (has %d)" % (template, len(cfg_at)))
    cfg_body = lines[cfg_at[0]].rsplit(" *", 1)[0]
    if distinct and not re.search(r" seed=\d+", cfg_body):
        sys.exit("%s: cfg record has no seed" % template)
    with open(out, "w") as f:
        for n in range(copies):
            if distinct:
                lines[cfg_at[0]] = with_crc(re.sub(r" seed=\d+", " seed=%d" % (n + 1), cfg_body))
            f.write("\n".join(lines))
            f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
