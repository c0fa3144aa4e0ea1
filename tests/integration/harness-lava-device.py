#!/usr/bin/env python3
"""Renders a LAVA `qemu` device dictionary into device.yaml, as lava-server would.
usage: harness-lava-device.py TEMPLATE_DIR CPU > device.yaml  (jinja2 comes with lava-dispatcher)"""
import sys

import jinja2

tdir, cpu = sys.argv[1], sys.argv[2]
env = jinja2.Environment(loader=jinja2.FileSystemLoader([tdir]), autoescape=False, trim_blocks=True)
device = env.from_string(
    "{% extends 'qemu.jinja2' %}\n"
    "{% set arch = 'arm64' %}\n"
    "{% set machine = 'virt,virtualization=on' %}\n"
    "{% set cpu = '" + cpu + "' %}\n"
    "{% set memory = 1024 %}\n"
    "{% set extra_options = ['-icount shift=0', '-no-reboot'] %}\n"
).render()
if "boot_retry" not in device:  # lava-run refuses a device without it (docs/platform-notes.md)
    device += "\nboot_retry: 0\n"
print(device)
