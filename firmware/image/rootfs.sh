#!/usr/bin/env bash
# One root slot: the Debian base, the kernel with the modules a router needs and the initramfs in
# /boot (a slot carries its own kernel, so an update swaps kernel and userland together), the
# published engine and API under /opt/routeros, the files under firmware/image/rootfs, the
# update keyring and the version; packed as an xz squashfs (GRUB 2.06 reads xz, not zstd).
# Usage: rootfs.sh BASE_TAR KERNEL_DIR INITRAMFS APP_DIR KEYRING VERSION OUTPUT [FILES_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
base=$1 kernel=$2 initramfs=$3 app=$4 keyring=$5 version=$6 output=$7 files=${8:-}
release=$(cat "$kernel/release")
tree=$(mktemp -d "${output%/*}/rootfs.XXXXXX")
trap 'rm -rf "$tree"' EXIT

tar -xf "$base" -C "$tree"
log "rootfs: kernel $release and its router modules"
install -D -m 0644 "$kernel/vmlinuz" "$tree/boot/vmlinuz"
install -D -m 0644 "$initramfs" "$tree/boot/initrd.img"
"$here/modules.sh" "$kernel/tree" "$release" "$tree"

# RAUC's GRUB backend runs grub-editenv: the one binary, not grub-common's 15 MB (its libraries
# are in the image already).
install -m 0755 /usr/bin/grub-editenv "$tree/usr/bin/grub-editenv"

mkdir -p "$tree/opt/routeros" && cp -a "$app/." "$tree/opt/routeros/"
cp -a "$here/rootfs/." "$tree/"
install -m 0644 "$keyring" "$tree/etc/rauc/keyring.pem"
printf 'ROUTEROS_VERSION=%s\n' "$version" > "$tree/etc/routeros-release"
[[ -z $files ]] || cp -a "$files/." "$tree/"

chroot "$tree" /bin/sh -eu <<'SETUP'
# The API's own user; the engine's socket is group routeros (mode 0660).
useradd --system --no-create-home --home-dir /data/api --shell /usr/sbin/nologin routeros
systemctl enable --quiet routeros-engine.service routeros-api.service routeros-healthy.service rauc.service
systemctl set-default --quiet multi-user.target
# Nothing to log into over the network; the console is for an administrator at the machine.
systemctl mask --quiet getty@tty1.service
passwd -d root >/dev/null
# systemd mounts a transient machine id when the file is empty (the root is read-only).
: > /etc/machine-id
mkdir -p /boot/efi /data
SETUP
rm -rf "$tree/var/cache/apt"/* "$tree/var/lib/apt/lists"/* "$tree/var/log"/*
# udev's hardware database (21 MB) only names vendors and models for display and maps keyboards:
# a router names its ports from the bus (net_id), which needs none of it.
rm -rf "$tree/usr/lib/udev/hwdb.bin" "$tree/usr/lib/udev/hwdb.d"
ln -sf /dev/null "$tree/etc/systemd/system/systemd-hwdb-update.service"
# Nothing on the device installs packages (a slot is replaced whole): debconf's templates and the
# Perl that Debian's package scripts run (perl-base is Essential for dpkg's maintainer scripts, not
# for anything the router runs) go, and so do glibc's iconv converters (gconv: no program here
# converts character sets; .NET runs with invariant globalization) and the leap-second ("right/")
# time zones. About 18 MB.
rm -rf "$tree/usr/bin/perl" "$tree"/usr/bin/perl5.* "$tree/usr/lib/x86_64-linux-gnu/perl-base" "$tree/usr/share/perl5" \
  "$tree/var/cache/debconf"/*.dat-old "$tree/var/cache/debconf/templates.dat" \
  "$tree/usr/lib/x86_64-linux-gnu/gconv" "$tree/usr/share/zoneinfo/right"
# Two programs that came with packages the router needs and that it never runs: iproute2's ARP
# daemon, the only user of Berkeley DB (libdb, 1.8 MB), and systemd's network manager (1.6 MB;
# the engine configures the links; masked, so that nothing starts it). About 1.3 MB compressed.
rm -f "$tree/usr/sbin/arpd" "$tree"/usr/lib/x86_64-linux-gnu/libdb-5.3.so "$tree/usr/lib/systemd/systemd-networkd" \
  "$tree/usr/lib/systemd/systemd-networkd-wait-online"
for unit in systemd-networkd.service systemd-networkd.socket systemd-networkd-wait-online.service; do
  ln -sf /dev/null "$tree/etc/systemd/system/$unit"
done
log "rootfs: $(du -sm "$tree" | cut -f1) MB raw; squashfs (xz)"
rm -f "$output"
# Reproducible: fixed timestamps and no file owners from the build machine's ids.
mksquashfs "$tree" "$output" -comp xz -b 1M -noappend -quiet -all-time 0 -mkfs-time 0 -processors "$(nproc)" >/dev/null
