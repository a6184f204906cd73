#!/usr/bin/env bash
# A signed RAUC update bundle of one slot image. Format verity: the manifest (with the payload's
# dm-verity root hash) is signed, and the device checks every block as it installs it, so a bundle
# whose payload was altered fails while installing and never becomes the booted slot (docs/firmware.md).
# Usage: bundle.sh SLOT_IMAGE VERSION CERT KEY OUTPUT [COMPATIBLE]
set -euo pipefail
slot=$1 version=$2 cert=$3 key=$4 output=$5 compatible=${6:-routeros-x86_64}
work=$(mktemp -d "${output%/*}/bundle.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/content"
ln "$slot" "$work/content/rootfs.img" 2>/dev/null || cp "$slot" "$work/content/rootfs.img"
cat > "$work/content/manifest.raucm" <<MANIFEST
[update]
compatible=$compatible
version=$version

[bundle]
format=verity

[image.rootfs]
filename=rootfs.img
MANIFEST
rm -f "$output"
rauc bundle --cert="$cert" --key="$key" "$work/content" "$output" >/dev/null
