# Shared by the image build's steps (sourced, not run).
# Every step is cached: it runs only when the hash of its inputs changed, so a second `make image`
# with nothing changed only compares hashes.

# The repository's root: names in a hash are relative to it, so that two clones of one commit (a
# CI's fresh clone, a developer's tree) share the cache in /var/cache/routeros.
IMAGE_REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# The hash of files and directories (contents and names relative to the repository; build output
# directories skipped) and of any literal strings given after `--`.
inputs_hash() {
  local paths=() literal=()
  while (($#)); do
    if [[ $1 == -- ]]; then shift; literal=("$@"); break; fi
    paths+=("$1"); shift
  done
  {
    find "${paths[@]}" -type f ! -path '*/bin/*' ! -path '*/obj/*' ! -path '*/node_modules/*' -print0 \
      | sort -z | xargs -0 sha256sum | sed "s|  $IMAGE_REPO_ROOT/|  |"
    printf '%s\n' "${literal[@]}"
  } | sha256sum | cut -c1-16
}

# cached STAMP HASH: true when STAMP holds HASH (the step's output is current).
cached() { [[ -f $1 && $(cat "$1") == "$2" ]]; }

log() { printf '[image %(%T)T] %s\n' -1 "$*" >&2; }

# debian_tar OUT PACKAGE...: a root filesystem tarball of Debian's essential set and PACKAGEs, made
# by mmdebstrap from this machine's own apt sources (no mirror is named in the repository), without
# manuals, documentation (but the copyrights) and translations. The device image's and the
# container images' bases.
debian_tar() {
  local out=$1 sources
  shift
  sources=$(grep -l '^Types: deb' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 || true)
  [[ -n $sources ]] || sources=/etc/apt/sources.list
  # merged-usr hook: without it bookworm pulls usrmerge and with it perl (about 47 MB).
  mmdebstrap --quiet --mode=root --format=tar --variant=essential \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    --include="$(IFS=,; echo "$*")" \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-include=/usr/share/locale/locale.alias' --dpkgopt='path-exclude=/usr/share/info/*' \
    bookworm "$out" "$sources" >&2
}
