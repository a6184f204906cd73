#!/usr/bin/env bash
# The kernel modules a router needs, copied from Debian's kernel package tree into a root
# filesystem with everything they depend on (modules.dep), then indexed with depmod.
# Left out: wireless, sound, graphics, media, bluetooth, industrial I/O and the like: about 390 MB
# of modules shrink to what networking, storage and the root slots need.
# Usage: modules.sh KERNEL_TREE RELEASE ROOTFS
set -euo pipefail
tree=$1 release=$2 rootfs=$3
src=$tree/lib/modules/$release
dst=$rootfs/lib/modules/$release
# Directories (under kernel/) whose every module is wanted; exclusions after.
wanted='^kernel/(net|lib|crypto|arch|block|fs/(squashfs|ext4|jbd2|overlayfs|fat|nls|autofs)|drivers/(net|virtio|nvme|ata|block|md|usb/(host|storage|core|common)|char/hw_random)|drivers/scsi/[^/]+\.ko)'
unwanted='^kernel/(net/(wireless|mac80211|bluetooth|nfc|ieee802154|6lowpan|can|sunrpc|ceph|9p|rxrpc|rds|tipc|mac802154|mctp|qrtr)|drivers/net/(wireless|can|wwan|arcnet|fddi|ieee802154|wan|hamradio|hyperv|plip|slip|appletalk))'
mkdir -p "$dst"
awk -F': ?' -v want="$wanted" -v skip="$unwanted" '
  $1 ~ want && $1 !~ skip { print $1; n = split($2, deps, " "); for (i = 1; i <= n; i++) print deps[i] }
' "$src/modules.dep" | sort -u > "$dst/.wanted"
(cd "$src" && tar -cf - -T "$dst/.wanted") | tar -xf - -C "$dst"
rm "$dst/.wanted"
cp "$src"/modules.{order,builtin,builtin.modinfo} "$dst/"
depmod -b "$rootfs" "$release"
