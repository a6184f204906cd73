#!/usr/bin/env bash
# Boots the full-kernel test VM (qemu, software emulation: KVM does not work on these machines)
# with the host's / shared read-only, runs GUEST_SCRIPT in it, and exits with its exit code.
# Its output is in OUT/log. The VM is killed after VM_TIMEOUT seconds (default 600).
# Usage: firmware/vm/run.sh GUEST_SCRIPT OUT
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
script=$(realpath "$1"); out=$(realpath -m "$2")
kernel=$("$here/build-kernel.sh")
mkdir -p "$out"; rm -f "$out/rc" "$out/log"
set +e
# qemu runs under timeout, in a process group of its own, where a Ctrl-C or a kill of this script
# would not reach it: it is stopped when this script ends, however it ends.
stop_vm() { [[ -n ${vm_pid:-} ]] && kill "$vm_pid" 2>/dev/null; vm_pid=; }
trap stop_vm EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
timeout "${VM_TIMEOUT:-600}" qemu-system-x86_64 \
  -accel tcg,thread=multi -cpu max -smp "${VM_SMP:-2}" -m "${VM_MEMORY:-2048}" \
  -nographic -no-reboot -vga none -nic none \
  -kernel "$kernel/vmlinuz" -initrd "$kernel/initramfs.gz" \
  -append "console=ttyS0 quiet loglevel=4 panic=-1 routeros.stage2=$here/guest-stage2.sh routeros.modules=$kernel/tree/lib/modules routeros.run=$script" \
  -virtfs local,path=/,mount_tag=host,security_model=passthrough,readonly=on,multidevs=remap \
  -virtfs "local,path=$out,mount_tag=out,security_model=none" > "$out/console" 2>&1 &
vm_pid=$!
wait "$vm_pid"
qemu=$?
vm_pid=
set -e
if [[ $qemu -eq 124 ]]; then
  echo "vm: killed after ${VM_TIMEOUT:-600} s (the deadline)" | tee -a "$out/log" >&2
  exit 124
fi
[[ -f $out/rc ]] || { echo "vm: the guest left no exit code (qemu exit $qemu); console:" >&2; tail -20 "$out/console" >&2; exit 125; }
exit "$(cat "$out/rc")"
