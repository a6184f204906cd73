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
# Directories (under kernel/) whose every module is wanted; exclusions after. Of the watchdogs, the
# x86 PC's only (etc/systemd/system.conf.d/watchdog.conf): Intel's TCO, AMD's SP5100, ACPI's WDAT,
# the common Super I/O chips, and qemu's i6300esb.
wanted='^kernel/(net|lib|crypto|arch|block|fs/(squashfs|ext4|jbd2|overlayfs|fat|nls|autofs)|drivers/(net|virtio|nvme|ata|block|md|usb/(host|storage|core|common)|char/hw_random)|drivers/scsi/[^/]+\.ko|drivers/watchdog/(i6300esb|iTCO_wdt|iTCO_vendor_support|sp5100_tco|wdat_wdt|it87_wdt|w83627hf_wdt|f71808e_wdt)\.ko)'
# Also left out, with what pulled them in: a VM host (kvm), the BPF self-test (test_bpf, 4.7 MB),
# mesh networking (batman-adv, which needs cfg80211), RDMA storage and sockets (nvme-rdma, the NVMe
# target, smc: InfiniBand's core), cluster and network block storage (rbd, drbd, md-cluster with
# dlm, bcache) and networking over Thunderbolt cables: about 19 MB. And the Ethernet drivers of
# data-centre adapters that home and office routers are not built with nor homelabs buy: Chelsio,
# QLogic, Cavium, Netronome, Huawei, Brocade, Emulex, Neterion and Myricom (about 10 MB). Kept:
# every consumer and office chip, the 10-100G cards homelabs use (Intel, Mellanox ConnectX,
# Broadcom, Solarflare, Aquantia) and the virtual NICs of qemu/KVM (virtio), VMware and Xen.
unwanted='^kernel/(net/(wireless|mac80211|bluetooth|nfc|ieee802154|6lowpan|can|sunrpc|ceph|9p|rxrpc|rds|tipc|mac802154|mctp|qrtr|batman-adv|smc)|drivers/net/(wireless|can|wwan|arcnet|fddi|ieee802154|wan|hamradio|hyperv|plip|slip|appletalk|thunderbolt|ethernet/(chelsio|qlogic|cavium|netronome|huawei|brocade|emulex|neterion|myricom))|arch/x86/kvm|lib/test_|drivers/nvme/target|drivers/nvme/host/nvme-rdma|drivers/block/(rbd|drbd)|drivers/md/(md-cluster|bcache))'
mkdir -p "$dst"
awk -F': ?' -v want="$wanted" -v skip="$unwanted" '
  $1 ~ want && $1 !~ skip { print $1; n = split($2, deps, " "); for (i = 1; i <= n; i++) print deps[i] }
' "$src/modules.dep" | sort -u > "$dst/.wanted"
(cd "$src" && tar -cf - -T "$dst/.wanted") | tar -xf - -C "$dst"
rm "$dst/.wanted"
cp "$src"/modules.{order,builtin,builtin.modinfo} "$dst/"
depmod -b "$rootfs" "$release"
