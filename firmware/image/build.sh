#!/usr/bin/env bash
# `make image`: the device image and its update bundle under OUT (default firmware/out):
#   routeros.img      raw GPT disk (UEFI): ESP, root slots A and B, data
#   routeros.img.xz   the same, compressed for download
#   routeros.raucb    signed RAUC bundle of the same slot, for upgrading a running device
#   version           the build's version string (ROUTEROS_VERSION, else 0.1.0-<commit>)
# Each step runs only when its inputs changed: a second build with nothing changed takes seconds.
# ROUTEROS_IMAGE_FILES=DIR: files copied over the root filesystem (as OpenWrt's image builder's
# FILES=), e.g. a site's own settings. --bundle-only: the slot and its bundle, no disk.
# --no-download-copy: no routeros.img.xz (the image tier boots the raw disk: the copy would cost it
# a minute of both cores for nothing it checks). --app-only: only the published engine and API
# (the container images take the same, container/build.sh), and print their folder.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
source "$here/lib.sh"
out=${ROUTEROS_IMAGE_OUT:-$repo/firmware/out}
cache=${ROUTEROS_IMAGE_CACHE:-/var/cache/routeros/image}
version=${ROUTEROS_VERSION:-0.1.0-$(git -C "$repo" rev-parse --short=10 HEAD 2>/dev/null || echo unknown)}
build=$out/build
# The publish and the initramfs do not depend on the version: shared by every build of this tree.
shared=$repo/firmware/out/build
files=${ROUTEROS_IMAGE_FILES:-}
bundle_only=false download_copy=true app_only=false
for option in "$@"; do
  case $option in
    --bundle-only) bundle_only=true ;;
    --no-download-copy) download_copy=false ;;
    --app-only) app_only=true ;;
    *) echo "build.sh: no option '$option' (--bundle-only, --no-download-copy, --app-only)" >&2; exit 2 ;;
  esac
done
mkdir -p "$build" "$shared"
started=$SECONDS

# 1. The engine and the API, published. One build at a time publishes (make test builds the image
# and the container images side by side); the other then finds it current.
exec {app_lock}>"$shared/app.lock"
flock "$app_lock"
app_hash=$(inputs_hash "$repo/src" "$repo/web" "$repo/Directory.Build.props" "$repo/Directory.Packages.props" "$repo/global.json" "$here/publish.sh")
if ! cached "$shared/app.stamp" "$app_hash"; then
  log "publishing the engine and the API"
  # Not passed on: a build server the publish left behind would hold the lock.
  "$here/publish.sh" "$repo" "$shared/app" {app_lock}>&-
  echo "$app_hash" > "$shared/app.stamp"
fi
flock --unlock "$app_lock"
if $app_only; then
  echo "$shared/app"
  exit 0
fi

read -r cert key < <("$here/keys.sh" "${ROUTEROS_KEY_DIR:-$repo/firmware/out/keys}")

# 2. Debian's kernel (shared with the test VM's cache) and the device's initramfs.
kernel=$("$repo/firmware/vm/build-kernel.sh")
release=$(cat "$kernel/release")
initrd_hash=$(inputs_hash "$here/initramfs.sh" "$here/initramfs-init" "$repo/firmware/initramfs-modules.sh" -- "$release")
if ! cached "$shared/initrd.stamp" "$initrd_hash"; then
  log "initramfs for $release"
  "$here/initramfs.sh" "$kernel/tree" "$release" "$shared/initrd.img"
  echo "$initrd_hash" > "$shared/initrd.stamp"
fi

# 3. The root slot.
base=$("$here/base.sh" "$cache")
slot_hash=$(inputs_hash "$here/rootfs" "$here/rootfs.sh" "$here/modules.sh" "$cert" ${files:+"$files"} -- "$base" "$app_hash" "$initrd_hash" "$version")
if ! cached "$build/rootfs.stamp" "$slot_hash"; then
  log "root slot"
  "$here/rootfs.sh" "$base" "$kernel" "$shared/initrd.img" "$shared/app" "$cert" "$version" "$build/rootfs.img" "$files"
  echo "$slot_hash" > "$build/rootfs.stamp"
fi

# 4. The disk, its compressed copy and the bundle.
disk_hash=$(inputs_hash "$here/disk.sh" "$here/grub.cfg" -- "$slot_hash")
if ! $bundle_only && ! cached "$build/disk.stamp" "$disk_hash"; then
  log "disk image"
  "$here/disk.sh" "$build/rootfs.img" "$out/routeros.img"
  echo "$disk_hash" > "$build/disk.stamp"
fi
if ! $bundle_only && $download_copy && ! cached "$build/download.stamp" "$disk_hash"; then
  log "compressed copy"
  xz -T0 -3 -c "$out/routeros.img" > "$out/routeros.img.xz.partial" && mv "$out/routeros.img.xz.partial" "$out/routeros.img.xz"
  echo "$disk_hash" > "$build/download.stamp"
fi
bundle_hash=$(inputs_hash "$here/bundle.sh" "$cert" "$key" -- "$slot_hash" "$version")
if ! cached "$build/bundle.stamp" "$bundle_hash"; then
  log "update bundle"
  "$here/bundle.sh" "$build/rootfs.img" "$version" "$cert" "$key" "$out/routeros.raucb"
  echo "$bundle_hash" > "$build/bundle.stamp"
fi
echo "$version" > "$out/version"
if $bundle_only; then
  log "done in $((SECONDS - started)) s: $out/routeros.raucb ($(du -m "$out/routeros.raucb" | cut -f1) MB); version $version"
elif $download_copy; then
  log "done in $((SECONDS - started)) s: $out/routeros.img ($(du -m --apparent-size "$out/routeros.img" | cut -f1) MiB, $(du -m "$out/routeros.img.xz" | cut -f1) MB compressed), $out/routeros.raucb ($(du -m "$out/routeros.raucb" | cut -f1) MB); version $version"
else
  log "done in $((SECONDS - started)) s: $out/routeros.img ($(du -m --apparent-size "$out/routeros.img" | cut -f1) MiB, no compressed copy), $out/routeros.raucb ($(du -m "$out/routeros.raucb" | cut -f1) MB); version $version"
fi
