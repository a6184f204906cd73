#!/usr/bin/env bash
# The device's initramfs: a static busybox, the modules that reach a root slot (disk controllers,
# squashfs, overlay, ext4) and initramfs-init. Debian's kernel builds all of those as modules, so
# an initramfs is needed to mount a squashfs root.
# Usage: initramfs.sh KERNEL_TREE RELEASE OUTPUT
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tree=$1 release=$2 output=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{bin,modules,proc,sys,dev}
cp /bin/busybox "$work/bin/busybox"
source "$here/../initramfs-modules.sh"
initramfs_modules "$tree" "$release" "$work/modules" virtio_pci virtio_blk virtio_scsi nvme ahci ata_piix sd_mod squashfs overlay ext4
install -m 0755 "$here/initramfs-init" "$work/init"
# Fixed timestamps: the same inputs give the same bytes.
find "$work" -exec touch -h -d @0 {} +
(cd "$work" && find . | LC_ALL=C sort | cpio -o -H newc --quiet --reproducible | gzip -9n) > "$output"
