#!/usr/bin/env bash
# The Debian part of the root filesystem, made with mmdebstrap from this machine's own apt sources
# (no mirror is named in the repository) and cached as a tarball keyed by the package list.
# Usage: base.sh CACHE_DIR; prints the tarball's path.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
cache=$1
mkdir -p "$cache"

# Only what a router needs (docs/firmware.md says why each is here):
packages=(
  systemd-sysv udev dbus kmod          # init, device names (by-partlabel for RAUC), module loading
  iproute2 nftables conntrack          # libnftables for the engine; ip, nft and conntrack for diagnostics
  ppp dnsmasq-base busybox dhcpcd-base # pppd with its PPPoE plugin; LAN DHCP, RA and DNS; udhcpc; DHCPv6-PD
  rauc rauc-service                    # the A/B update client and its D-Bus service
  libssl3 zlib1g libstdc++6 ca-certificates tzdata e2fsprogs   # .NET's native needs; mkfs for the data partition
)
key=$(inputs_hash "$here/base.sh" "$here/lib.sh" -- "${packages[*]}")
tarball=$cache/base-$key.tar
if [[ -f $tarball ]]; then
  echo "$tarball"
  exit 0
fi
log "base root filesystem: mmdebstrap (about a minute)"
debian_tar "$tarball.partial" "${packages[@]}"
mv "$tarball.partial" "$tarball"
find "$cache" -maxdepth 1 -name 'base-*.tar' ! -name "base-$key.tar" -delete
echo "$tarball"
