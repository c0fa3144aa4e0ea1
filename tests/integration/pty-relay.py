#!/usr/bin/env python3
"""pty-relay.py SOCKET [SECONDS]: a serial line between a pty and a board on a unix socket.

Prints the pty's name (what s2bench opens as --console), then relays bytes both ways between
it and whoever connects to SOCKET (QEMU's `-serial unix:SOCKET`), one connection after another:
a board powered off closes its end, the next power-on connects again. Bytes the console sends
while no board is connected are dropped, as on an unpowered board's UART. Exits after SECONDS
(default 300) so a test that dies leaves nothing behind. Used by tests/integration/reset-examples.sh.
"""
import os
import pty
import select
import socket
import sys
import time
import tty

if len(sys.argv) not in (2, 3):
    sys.exit("usage: pty-relay.py SOCKET [SECONDS]")
deadline = time.monotonic() + (float(sys.argv[2]) if len(sys.argv) == 3 else 300.0)
master, slave = pty.openpty()
tty.setraw(slave)  # a serial line carries bytes: no echo, no line editing
server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind(sys.argv[1])
server.listen(1)
print(os.ttyname(slave), flush=True)
board = None
while time.monotonic() < deadline:
    ready, _, _ = select.select([master, server] + ([board] if board else []), [], [], 1.0)
    if server in ready:
        if board:
            board.close()
        board, _ = server.accept()
    if master in ready:
        data = os.read(master, 4096)
        if board:
            board.sendall(data)
    if board and board in ready:
        data = board.recv(4096)
        if data:
            os.write(master, data)
        else:
            board.close()
            board = None
