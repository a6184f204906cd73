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
  ppp dnsmasq-base busybox             # pppd with its PPPoE plugin; LAN DHCP and DNS; udhcpc
  rauc rauc-service                    # the A/B update client and its D-Bus service
  libssl3 zlib1g libstdc++6 ca-certificates tzdata e2fsprogs   # .NET's native needs; mkfs for the data partition
)
sources=$(grep -l '^Types: deb' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 || true)
[[ -n $sources ]] || sources=/etc/apt/sources.list
key=$(inputs_hash "$here/base.sh" -- "${packages[*]}")
tarball=$cache/base-$key.tar
if [[ -f $tarball ]]; then
  echo "$tarball"
  exit 0
fi
log "base root filesystem: mmdebstrap (about a minute)"
# merged-usr hook: without it bookworm pulls usrmerge and with it perl (about 47 MB).
mmdebstrap --quiet --mode=root --format=tar --variant=essential \
  --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
  --include="$(IFS=,; echo "${packages[*]}")" \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-include=/usr/share/locale/locale.alias' --dpkgopt='path-exclude=/usr/share/info/*' \
  bookworm "$tarball.partial" "$sources"
mv "$tarball.partial" "$tarball"
find "$cache" -maxdepth 1 -name 'base-*.tar' ! -name "base-$key.tar" -delete
echo "$tarball"
