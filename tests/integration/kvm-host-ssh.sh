#!/bin/bash
# kvm-host-ssh.sh [-o OPT]... HOST COMMAND...: a stand-in for `ssh HOST COMMAND` whose "remote
# machine" is the KVM host image in QEMU (an arm64 Debian kernel with real KVM inside,
# virtualization=on), for tests/integration/kvm-host.sh. Every call boots that machine once and
# runs COMMAND there with busybox's sh, this call's stdin as its stdin; its stdout and stderr come
# back on ours, its exit status is ours. The remote login directory is an ext4 disk
# ($FAKE_SSH_STATE/home.img) that persists across calls, as a real host's disk does.
# Environment:
#   FAKE_SSH_STATE  directory for the disk, the cached initramfs and logs (required)
#   BUILD           build directory (build/kvm/Image, build/deps/busybox-arm64)
#   FAKE_SSH_FAIL=1 fail as ssh does when it cannot connect: a message, exit 255
#   FAKE_SSH_NO_KVM=1  the machine runs without virtualization=on: its kernel has no /dev/kvm
#   FAKE_SSH_HANG=1 a command that runs s2vmm (` --guest-dir `) hangs: s2vmm is stopped (SIGSTOP) as soon as it
#                   starts, and the machine does not go away with this process (a real host
#                   outlives its ssh): it runs on, in its own session, until the command ends;
#                   its console is $FAKE_SSH_STATE/hang.log
set -eu
build=${BUILD:-build}
state=${FAKE_SSH_STATE:?FAKE_SSH_STATE: the state directory of the stand-in host}
while [ $# -gt 0 ]; do # ssh's options: only -o OPT and flags are used by the board
	case "$1" in
	-o | -p | -i | -l) shift 2 ;;
	-*) shift ;;
	*) break ;;
	esac
done
[ $# -ge 2 ] || { echo "kvm-host-ssh: usage: kvm-host-ssh.sh [-o OPT] HOST COMMAND" >&2; exit 255; }
shift # the host: there is one
cmd="$*"
if [ "${FAKE_SSH_FAIL:-0}" = 1 ]; then
	echo "ssh: connect to host stand-in port 22: Connection refused" >&2
	exit 255
fi

mkdir -p "$state"
printf '%s\n' "$cmd" >>"$state/calls.log" # what the board asked the host, one call a line
modules=$(ls -d "$build"/debian-kernel/kernel/lib/modules/*/kernel)
busybox=$build/deps/busybox-arm64/bin/busybox
# The machine's base initramfs, built once: busybox, the virtio disk's modules, /init.
if [ ! -f "$state/base.cpio.gz" ]; then
	root=$(mktemp -d)
	mkdir -p "$root/bin" "$root/mod" "$root/proc" "$root/sys" "$root/dev" "$root/home/user"
	cp "$busybox" "$root/bin/busybox"
	for m in drivers/virtio/virtio.ko drivers/virtio/virtio_ring.ko drivers/virtio/virtio_mmio.ko \
		drivers/block/virtio_blk.ko; do
		cp "$modules/$m" "$root/mod/"
	done
	cat >"$root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
echo 1 >/proc/sys/kernel/printk
for m in virtio_ring virtio virtio_mmio virtio_blk; do insmod /mod/$m.ko; done
i=0
while [ ! -b /dev/vda ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
mount -t ext4 /dev/vda /home/user || echo "kvm-host-ssh: no home disk" >&2
cd /home/user
export HOME=/home/user
stty -opost 2>/dev/null # the console as a pipe: no \n -> \r\n, as ssh's stdout would be
if [ -f /ssh/hang ]; then
	(cd /; while :; do p=$(pidof s2vmm) && { kill -STOP $p; echo "kvm-host-ssh: stopped s2vmm" >&2; break; }; sleep 0.02; done) &
fi
echo @@fake-ssh-begin
sh -c "$(cat /ssh/cmd)" </ssh/stdin 2>/ssh-stderr
rc=$?
echo @@fake-ssh-stderr
cat /ssh-stderr
echo "@@fake-ssh-exit $rc"
cd /
sync
umount /home/user
poweroff -f
INIT
	chmod 755 "$root/init"
	(cd "$root" && find . | LC_ALL=C sort | cpio --quiet -o -H newc --owner=0:0) | gzip -1 >"$state/base.cpio.gz.tmp"
	rm -rf "$root"
	mv "$state/base.cpio.gz.tmp" "$state/base.cpio.gz"
fi
if [ ! -f "$state/home.img" ]; then
	truncate -s 64M "$state/home.img.tmp"
	mkfs.ext4 -q -F "$state/home.img.tmp"
	mv "$state/home.img.tmp" "$state/home.img"
fi

# This call's command and stdin: a second cpio after the base one (the kernel reads both).
call=$(mktemp -d "$state/call.XXXXXX")
mkdir -p "$call/root/ssh"
printf '%s' "$cmd" >"$call/root/ssh/cmd"
cat >"$call/root/ssh/stdin"
hang=0
if [ "${FAKE_SSH_HANG:-0}" = 1 ] && [[ $cmd == *" --guest-dir "* ]]; then
	hang=1
	: >"$call/root/ssh/hang"
fi
(cd "$call/root" && find . | LC_ALL=C sort | cpio --quiet -o -H newc --owner=0:0) | gzip -1 >"$call/call.cpio.gz"
cat "$state/base.cpio.gz" "$call/call.cpio.gz" >"$call/initrd.gz"
virt=virtualization=on
[ "${FAKE_SSH_NO_KVM:-0}" = 1 ] && virt=virtualization=off
machine=(qemu-system-aarch64 -M "virt,$virt,gic-version=3" -cpu neoverse-n1 -smp 2 -m 1G
	-nographic -monitor none -serial stdio -no-reboot
	-drive "file=$state/home.img,format=raw,if=none,id=home" -device virtio-blk-device,drive=home
	-kernel "$build/kvm/Image" -initrd "$call/initrd.gz" -append "console=ttyAMA0 panic=-1 quiet")

# The console → our stdout (the command's output), our stderr (its stderr), our exit status.
demux() {
	awk -v rcfile="$call/rc" '
		/^@@fake-ssh-begin/ { on = 1; next }
		/^@@fake-ssh-stderr/ { on = 2; next }
		/^@@fake-ssh-exit / { print $2 >rcfile; close(rcfile); on = 0; next }
		on == 1 { print; fflush() }
		on == 2 { print >"/dev/stderr"; fflush("/dev/stderr") }'
}
if [ $hang = 1 ]; then
	# the machine in a session of its own: killing this process (the board's timeout) leaves it
	: >"$state/hang.log" # before tail: the background job may not have opened it yet
	setsid "${machine[@]}" </dev/null >>"$state/hang.log" 2>&1 &
	echo $! >"$state/hang.pid"
	tail -f "$state/hang.log" | demux
	exit 255
fi
"${machine[@]}" </dev/null 2>"$call/qemu.err" | tee "$state/last-console.log" | demux
rc=$(cat "$call/rc" 2>/dev/null || echo 255)
[ "$rc" != 255 ] || { echo "kvm-host-ssh: the machine ended without the command's exit status" >&2; cat "$call/qemu.err" >&2; }
rm -rf "$call"
exit "$rc"
