#!/usr/bin/env bash
# Installs what `make run` and `make test` need on a fresh Debian 12 / Ubuntu machine, and nothing
# twice: packages already present are skipped, so running it again is quick and changes nothing.
set -euo pipefail

# Debian packages the build and the test tiers use. Later tiers add theirs here.
#   jq: sums the test reports into the closing "N passed, N failed" line.
#   iproute2, nftables, libnftables1, conntrack: the engine (libnftables.so.1 is P/Invoked) and the lab.
#   iperf3, curl: traffic through the lab router and the privileged tests.
#   dhcpcd-base: the engine's DHCPv6 client (prefix delegation); kea-dhcp6-server: the lab's and the tests'
#     ISP delegating prefixes; ndisc6: rdisc6 reads the router's advertisements in the IPv6 tests.
#   strace, util-linux (nsenter): `make bench` counts the tools' netlink sends and runs nft in a namespace.
#   qemu-system-x86, busybox-static, kmod, cpio: the full-kernel test VM (firmware/vm): its initramfs and boot.
#   stress-ng: `make test-under-load` runs the tests beside it, to show none depends on timing.
#   mmdebstrap, squashfs-tools, grub-efi-amd64-bin, mtools, dosfstools, fdisk, rauc, openssl, xz-utils, ovmf:
#     the device image (firmware/image): its root filesystem, slots, GRUB, disk and signed bundles, and UEFI under qemu.
#   python3: the image tier types on the VM's serial console and sends its 10,000 test flows.
#   chromium: the dashboard's browser tests (Playwright drives it; `playwright install` cannot download here).
#   podman, runc, docker-compose: the compose tier (container/compose-tier.sh) runs docker-compose.yml
#     with Docker's own docker-compose against Podman's Docker API (no Docker daemon runs here).
#   clang, zlib1g-dev: the engine's NativeAOT publish (firmware/image/publish.sh, make image and make bench)
#     links the compiled engine with clang, against zlib.
# `make run` needs only the lab's share (LAB_PACKAGES: the engine, the lab's ISP and LAN client, the
# README's commands), so a first `make run` does not wait for a browser, qemu and a compiler.
# Usage: install-deps.sh [lab]  (no argument: everything, for the tests, the image and the benchmarks)
LAB_PACKAGES=(jq iproute2 nftables libnftables1 conntrack curl util-linux busybox-static dnsmasq-base dhcpcd-base kea-dhcp6-server ppp pppoe python3)
APT_PACKAGES=("${LAB_PACKAGES[@]}" ndisc6 iperf3 strace qemu-system-x86 kmod cpio chromium stress-ng
  mmdebstrap squashfs-tools grub-efi-amd64-bin mtools dosfstools fdisk rauc openssl xz-utils ovmf clang zlib1g-dev
  podman runc docker-compose)
[[ ${1:-} == lab ]] && APT_PACKAGES=("${LAB_PACKAGES[@]}")

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-deps: need root to install: ${missing[*]} (run as root, as the README says)" >&2
    exit 1
  fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "install-deps: the .NET 10 SDK is required (dotnet on PATH); it is not in Debian's archive, so install it first" >&2
  exit 1
fi
