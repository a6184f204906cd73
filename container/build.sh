#!/usr/bin/env bash
# The container images docker-compose.yml runs: localhost/routeros-engine and localhost/routeros-api,
# the two targets of container/Containerfile, from the engine and API the device image ships
# (firmware/image/build.sh --app-only: NativeAOT engine, ReadyToRun API; cached).
# Usage: container/build.sh [--local-base]
#   --local-base: the base made from this machine's Debian packages (container/base.sh) instead of
#   the .NET runtime-deps image from a registry; what the tests use (they have no registry).
# Podman when it is installed, else Docker (ROUTEROS_CONTAINER_TOOL names one).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
source "$repo/firmware/image/lib.sh"
tool=${ROUTEROS_CONTAINER_TOOL:-$(command -v podman >/dev/null && echo podman || echo docker)}
base_args=()
case ${1:-} in
  # The local base holds every package already, so the build needs no network: none, so that the
  # runtime makes no bridge and no NAT rules on this machine for it.
  --local-base) base_args=(--network none --build-arg "BASE=$("$here/base.sh" "${ROUTEROS_IMAGE_CACHE:-/var/cache/routeros/image}/container")") ;;
  "") ;;
  *) echo "container/build.sh: no option '$1' (--local-base)" >&2; exit 2 ;;
esac
app=$("$repo/firmware/image/build.sh" --app-only | tail -1)
context=$repo/artifacts/container
rm -rf "$context" && mkdir -p "$context"
cp -a "$app/engine" "$app/api" "$here/api-health.sh" "$context/"
for target in engine api; do
  log "container image localhost/routeros-$target ($tool)"
  "$tool" build --quiet "${base_args[@]}" --target "$target" -t "localhost/routeros-$target:latest" \
    -f "$here/Containerfile" "$context" >/dev/null
done
# What an earlier build of these images left untagged (their own label only: nobody else's images).
"$tool" image prune --force --filter label=org.routeros.part >/dev/null
