#!/usr/bin/env bash
# `make vm`: boots the device image under qemu (TCG; KVM when /dev/kvm works) with its console on
# this terminal. The LAN port is qemu's user network numbered as the LAN (192.168.1.0/24), with
# the router's dashboard forwarded to http://127.0.0.1:8080 and https://127.0.0.1:8443 on this
# machine; the WAN port is a second user network (qemu's DHCP, no way out: restrict=on), so nothing
# on the host's own network changes. The disk is artifacts/vm-image/disk.img: it keeps its
# configuration between runs; ROUTEROS_VM_FRESH=1 starts again from the built image.
# Ctrl-A X leaves qemu.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
"$here/build.sh"
dir=$repo/artifacts/vm-image
mkdir -p "$dir"
if [[ ! -f $dir/disk.img || -n ${ROUTEROS_VM_FRESH:-} ]]; then
  cp --sparse=always "$repo/firmware/out/routeros.img" "$dir/disk.img"
  rm -f "$dir/ovmf-vars.fd"
fi
# UEFI as a machine has it: the code read-only, the variables in a flash of their own that the
# guest keeps between runs (vm-lib.sh says why not one -bios image).
[[ -f $dir/ovmf-vars.fd ]] || cp /usr/share/OVMF/OVMF_VARS_4M.fd "$dir/ovmf-vars.fd"
accel=tcg
[[ -w /dev/kvm ]] && accel=kvm
echo "vm: booting $dir/disk.img ($accel). The setup token appears on this console; then http://127.0.0.1:8080"
exec qemu-system-x86_64 -accel "$accel" -cpu max -smp 2 -m 1536 \
  -drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd \
  -drive "if=pflash,format=raw,file=$dir/ovmf-vars.fd" \
  -drive "file=$dir/disk.img,format=raw,if=virtio" -device i6300esb \
  -netdev "user,id=lan,net=192.168.1.0/24,host=192.168.1.2,dhcpstart=192.168.1.250,restrict=on,hostfwd=tcp:127.0.0.1:8080-192.168.1.1:8080,hostfwd=tcp:127.0.0.1:8443-192.168.1.1:8443" \
  -device virtio-net-pci,netdev=lan \
  -netdev user,id=wan,restrict=on -device virtio-net-pci,netdev=wan \
  -nographic
