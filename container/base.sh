#!/usr/bin/env bash
# A base for the container images made from this machine's own Debian packages (no registry, no
# mirror named in the repository), for machines that cannot pull the usual .NET base: mmdebstrap's
# essential set with what both images need, imported as localhost/routeros-base:KEY and cached by
# its package list. Prints the image's name.
# Usage: container/base.sh CACHE_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../firmware/image/lib.sh"
cache=$1
mkdir -p "$cache"
packages=(
  libssl3 zlib1g libstdc++6 libgcc-s1 ca-certificates tzdata   # what .NET's runtime-deps image holds
  libnftables1 nftables iproute2 conntrack dnsmasq-base ppp busybox   # the engine's (Containerfile)
)
key=$(inputs_hash "$here/base.sh" -- "${packages[*]}")
image=localhost/routeros-base:$key
if podman image exists "$image"; then
  echo "$image"
  exit 0
fi
sources=$(grep -l '^Types: deb' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 || true)
[[ -n $sources ]] || sources=/etc/apt/sources.list
log "container base: mmdebstrap (about a minute)"
# merged-usr hook: without it bookworm pulls usrmerge and with it perl.
mmdebstrap --quiet --mode=root --format=tar --variant=essential \
  --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
  --include="$(IFS=,; echo "${packages[*]}")" \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  bookworm "$cache/base.tar.partial" "$sources" >&2
podman import --quiet "$cache/base.tar.partial" "$image" >/dev/null
rm -f "$cache/base.tar.partial"
echo "$image"
