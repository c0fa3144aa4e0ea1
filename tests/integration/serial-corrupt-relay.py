#!/usr/bin/env python3
"""Relay between the harness and a QEMU board's pty (serial-pty-board.sh --corrupt-first-frame):
it opens a pty of its own, links LINK to it for the harness, and passes every byte both ways,
except that one byte of the words of the first `@s2b-cfg` frame is changed, so that s2hv must
answer `nak reason=crc` and the harness must send the frame again. What the board says is
copied to LOG. Exits when the board's pty closes (its QEMU was killed).
usage: serial-corrupt-relay.py BOARD_PTY LINK LOG"""
import os
import pty
import select
import sys
import tty

board_path, link, log_path = sys.argv[1:4]
board = os.open(board_path, os.O_RDWR | os.O_NOCTTY)
tty.setraw(board)
master, slave = pty.openpty()  # the relay keeps the slave open: the master never reads EIO
tty.setraw(master)
os.symlink(os.ttyname(slave), link + ".tmp")
os.replace(link + ".tmp", link)
log = open(log_path, "ab", buffering=0)
damaged = False
while True:
    ready, _, _ = select.select([board, master], [], [])
    if board in ready:
        try:
            data = os.read(board, 4096)
        except OSError:
            break
        if not data:
            break
        log.write(data)
        os.write(master, data)
    if master in ready:
        data = os.read(master, 4096)
        at = data.find(b"@s2b-cfg ")
        if not damaged and at >= 0 and len(data) > at + 12:
            at += 11  # a byte of the words: the CRC no longer matches
            data = data[:at] + bytes([data[at] ^ 1]) + data[at + 1:]
            damaged = True
        os.write(board, data)
