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
  libnftables1 nftables iproute2 conntrack dnsmasq-base ppp busybox dhcpcd-base   # the engine's (Containerfile)
)
key=$(inputs_hash "$here/base.sh" "$here/../firmware/image/lib.sh" -- "${packages[*]}")
image=localhost/routeros-base:$key
if podman image exists "$image"; then
  echo "$image"
  exit 0
fi
log "container base: mmdebstrap (about a minute)"
debian_tar "$cache/base.tar.partial" "${packages[@]}"
podman import --quiet "$cache/base.tar.partial" "$image" >/dev/null
rm -f "$cache/base.tar.partial"
# Earlier bases (another package list): only this one is built on now.
podman images --format '{{.Repository}}:{{.Tag}}' | grep '^localhost/routeros-base:' | grep -vxF "$image" | xargs -r podman rmi --force >/dev/null || true
echo "$image"
