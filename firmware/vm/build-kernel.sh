#!/usr/bin/env bash
# The full-kernel test VM's kernel and initramfs, built once and cached (ROUTEROS_VM_CACHE,
# default /var/cache/routeros/vm): Debian's stock kernel (the package linux-image-amd64 depends
# on, fetched with `apt-get download` from this machine's own apt sources), its modules indexed
# with depmod, and a small busybox initramfs that mounts the host's / read-only over virtio-9p
# with a tmpfs overlay and hands over to firmware/vm/guest-stage2.sh.
# Prints the cache directory of the kernel it prepared.
set -euo pipefail
cache=${ROUTEROS_VM_CACHE:-/var/cache/routeros/vm}
package=$(apt-cache depends linux-image-amd64 | sed -n 's/.*Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -1)
[[ -n $package ]] || { echo "build-kernel: apt knows no linux-image-amd64 (run apt-get update)" >&2; exit 1; }
dir=$cache/$package
# make test builds the device image (which takes this kernel too) beside the full-kernel tier: the
# second caller waits for the first rather than removing what it is unpacking.
mkdir -p "$cache"
exec 9> "$cache/.lock"
flock 9
if [[ -f $dir/ready ]]; then
  echo "$dir"
  exit 0
fi
rm -rf "$dir" && mkdir -p "$dir/download"
(cd "$dir/download" && apt-get download -q "$package" >&2)
dpkg-deb -x "$dir"/download/"$package"_*.deb "$dir/tree"
release=$(ls "$dir/tree/lib/modules")
depmod -b "$dir/tree" "$release"
cp "$dir/tree/boot/vmlinuz-$release" "$dir/vmlinuz"
echo "$release" > "$dir/release"

# The initramfs: a static busybox and the modules to reach the host's / (virtio PCI, 9p, overlay).
root=$dir/initramfs
mkdir -p "$root"/{bin,modules,proc,sys,dev,lower,upper,newroot}
cp /bin/busybox "$root/bin/busybox"
source "$(dirname "$0")/../initramfs-modules.sh"
initramfs_modules "$dir/tree" "$release" "$root/modules" virtio_pci 9pnet_virtio 9p overlay
cat > "$root/init" <<'INIT'
#!/bin/busybox sh
# PID 1 of the test VM: mount the host's / (read-only, 9p) under a tmpfs overlay and switch to it.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for module in $(cat /modules/order); do insmod "/modules/$module" || echo "init: insmod $module failed"; done
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose host /lower || { echo "init: cannot mount the host's / over 9p"; poweroff -f; }
mount -t tmpfs -o size=75% tmpfs /upper && mkdir -p /upper/data /upper/work
mount -t overlay overlay -o lowerdir=/lower,upperdir=/upper/data,workdir=/upper/work /newroot || { echo "init: overlay failed"; poweroff -f; }
stage2=$(sed -n 's/.*routeros.stage2=\([^ ]*\).*/\1/p' /proc/cmdline)
umount /proc /sys /dev
exec switch_root /newroot "$stage2"
INIT
chmod +x "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$dir/initramfs.gz"
touch "$dir/ready"
echo "$dir"
