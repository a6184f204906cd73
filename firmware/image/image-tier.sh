#!/usr/bin/env bash
# The device image tier (issue 20): builds the image (make image, cached), boots it under
# qemu -accel tcg with OVMF, two virtio NICs on taps in namespaces this script makes (a LAN client
# and an ISP with DHCP, web and iperf3 servers), and checks what an administrator relies on, each
# as one "pass|fail NAME" line in RESULTS_DIR/image.check. A check that did not get to run (the VM
# died, a deadline passed) is a failure too.
# Usage: firmware/image/image-tier.sh RESULTS_DIR [build|boot]
#   build: only the image and the test bundles; boot: only the boots, of what build made. make test
#   runs the build in the background at the lowest priority while the other tiers run (it times
#   nothing), and the boots alone after them (they do: docs/firmware.md, "The image tier in make test").
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
results=$(realpath -m "$1")
phase=${2:-all}
[[ $phase == all || $phase == build || $phase == boot ]] || { echo "image-tier.sh: the phase is build or boot, not '$phase'" >&2; exit 2; }
check_file=$results/image.check
WORK=$repo/artifacts/image-tier
source "$here/vm-lib.sh"
source "$repo/scripts/tier-lib.sh"
tier=image
mkdir -p "$results"
if [[ $phase != boot ]]; then
  rm -rf "$WORK" && mkdir -p "$WORK"
  : > "$check_file"
fi
started=$SECONDS

# Measurements (docs/benchmarks.md quotes them): one line each in RESULTS_DIR/image-figures.txt.
figures=$results/image-figures.txt
[[ $phase == build ]] || : > "$figures"
figure() { echo "$1" >> "$figures"; echo "== figure: $1"; }
finish() {
  vm_stop
  vm_net_down
  [[ -f $WORK/qemu-resets ]] && echo "== qemu: $(wc -l < "$WORK/qemu-resets") lost restart(s) of the guest: the harness power-cycled it (vm-lib.sh, vm_restart_lost)"
  tier_summary
  exit 0
}
trap 'vm_stop; vm_net_down' EXIT

[[ $phase == boot ]] || plan "the image builds"
[[ $phase == build ]] || plan "first boot prints the setup token on the console" \
  "the API answers on the LAN side" "the API does not answer on the WAN side" \
  "setup with the console's token" "the LAN client gets a lease from the router" \
  "the console's routeros command shows the firmware" "the hardware watchdog is armed" \
  "the LAN client fetches a page from the upstream through NAT" \
  "a TCP transfer through the router is offloaded" \
  "memory is measured with the router idle and with 10000 flows" \
  "a bundle with a broken signature is refused and changes nothing" \
  "a bundle with one payload byte altered never boots" \
  "an upgrade to a second build boots it" \
  "a configuration change survives a reboot (the upgrade's)" \
  "an image that cannot come up healthy falls back to the previous slot by itself" \
  "backup, factory reset, restore gives back the configuration"

# 1. Build: the image, and the bundles the upgrade checks install.
build_image() {
  if ! "$here/build.sh" --no-download-copy > "$WORK/build.log" 2>&1; then
    cat "$WORK/build.log"
    check fail "the image builds"
    give_up "the image did not build"
  fi
  tail -1 "$WORK/build.log"
  version=$(cat "$repo/firmware/out/version")
  # The second build: the same tree under another version string. The broken build: its API
  # cannot start (a drop-in runs /bin/false), so it never comes up healthy.
  mkdir -p "$WORK/broken-files/etc/systemd/system/routeros-api.service.d"
  printf '[Service]\nExecStart=\nExecStart=/bin/false\n' > "$WORK/broken-files/etc/systemd/system/routeros-api.service.d/broken.conf"
  if ! ROUTEROS_VERSION="$version-second" ROUTEROS_IMAGE_OUT="$WORK/second" "$here/build.sh" --bundle-only >> "$WORK/build.log" 2>&1 \
    || ! ROUTEROS_VERSION="$version-broken" ROUTEROS_IMAGE_OUT="$WORK/broken" ROUTEROS_IMAGE_FILES="$WORK/broken-files" \
      "$here/build.sh" --bundle-only >> "$WORK/build.log" 2>&1; then
    cat "$WORK/build.log"
    check fail "the image builds" "the second or the broken bundle did not build"
    give_up "the bundles did not build"
  fi
  # The bundle the integrity checks alter: signed like any other, its payload 4 MiB of random bytes.
  # Neither check gets as far as writing a slot, so a full slot's 100 MB would only make the upload
  # (about 60 s through the guest's network under TCG) and the install's reading longer, twice.
  mkdir -p "$WORK/small"
  head -c 4194304 /dev/urandom > "$WORK/small/slot.img"
  read -r cert key < <("$here/keys.sh" "${ROUTEROS_KEY_DIR:-$repo/firmware/out/keys}")
  if ! "$here/bundle.sh" "$WORK/small/slot.img" "$version-small" "$cert" "$key" "$WORK/small/routeros.raucb" >> "$WORK/build.log" 2>&1; then
    cat "$WORK/build.log"
    check fail "the image builds" "the small test bundle did not build"
    give_up "the bundles did not build"
  fi
  check pass "the image builds" "$version, in $((SECONDS - started)) s with the three test bundles"
  echo "$version" > "$WORK/built"
}
if [[ $phase == boot ]]; then
  [[ -f $WORK/built ]] || give_up "the image did not build"
else
  build_image
fi
if [[ $phase == build ]]; then
  echo "== image tier, build: $((SECONDS - started)) s"
  exit 0
fi
version=$(cat "$WORK/built")
cp --sparse=always "$repo/firmware/out/routeros.img" "$WORK/disk.img"
rm -f "$WORK/ovmf-vars.fd" # a new machine: the firmware's variables as shipped

# 2. First boot.
vm_net_up "$WORK"
vm_start "$WORK/disk.img" "$WORK"
boot_at=$SECONDS
if ! token_line=$(vm_wait_for 'Setup token: [0-9a-f]+' 900); then
  tail -50 "$WORK/console.log"
  check fail "first boot prints the setup token on the console"
  give_up "no setup token on the console"
fi
token=$(sed 's/.*Setup token: \([0-9a-f]*\).*/\1/' <<<"$token_line")
check pass "first boot prints the setup token on the console" "after $((SECONDS - boot_at)) s"
figure "first boot under TCG: power-on to the setup token on the console: $((SECONDS - boot_at)) s"

lan() { ip netns exec "$LAN_NS" "$@"; }
isp() { ip netns exec "$ISP_NS" "$@"; }
# The API as the LAN client reaches it: HTTPS on 8443 (plain HTTP from off the router redirects there).
router=192.168.1.1
api=https://$router:8443/api/v1
curl_lan() { lan curl --silent --show-error --insecure --max-time 30 "$@"; }

# 3. The LAN client's lease (udhcpc, as a laptop would), then the API from both sides.
# The LAN's DHCP server starts when the engine applies the defaults, which the API commits once the
# engine answers: under TCG that can be minutes after the token, so the client keeps asking.
lease() {
  local deadline=$((SECONDS + 600))
  until lan busybox udhcpc -i eth0 -n -q -t 10 -T 3 -s "$here/udhcpc-apply.sh" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
  done
}
wait_ready() { # the API is ready (engine and store) from the LAN side, within $1 s
  local deadline=$((SECONDS + $1))
  while ((SECONDS < deadline)); do
    [[ $(curl_lan -o /dev/null -w '%{http_code}' "https://$router:8443/readyz" 2>/dev/null) == 200 ]] && return 0
    sleep 2
  done
  return 1
}
expect "the LAN client gets a lease from the router" lease
lan ip -4 addr show dev eth0 | grep -o 'inet [0-9./]*'
expect "the API answers on the LAN side" wait_ready 600
figure "first boot under TCG: power-on to the API ready on the LAN: $((SECONDS - boot_at)) s"
wan_address=$(awk '{ print $3; exit }' "$WORK/isp/leases" 2>/dev/null)
wan_refuses() {
  [[ -n $wan_address ]] || { echo "the router's WAN has no lease"; return 1; }
  ! isp curl --silent --max-time 5 --insecure -o /dev/null "http://$wan_address:8080/healthz" \
    && ! isp curl --silent --max-time 5 --insecure -o /dev/null "https://$wan_address:8443/healthz"
}
expect "the API does not answer on the WAN side" wan_refuses

# 4. Setup with the token from the console, then an API token for the rest.
setup() {
  api_setup curl_lan "$api" "$token" "a long admin password" || return 1
  bearer=$(api_token curl_lan "$api" "$WORK/jar" "a long admin password" image-tier)
}
expect "setup with the console's token" setup
auth="Authorization: Bearer ${bearer:-none}"
call() { curl_lan --fail-with-body -H "$auth" "$@"; }

# The console command, for an administrator without the network (root has no password on the console).
console_status() {
  local from
  from=$(vm_console_size)
  vm_console_type "" root "" "routeros system status" || return 1
  vm_wait_for "version: $version" 120 "$from" && vm_wait_for 'slot A \(rootfs.0\): booted' 60 "$from"
}
expect "the console's routeros command shows the firmware" console_status
# The hardware watchdog (qemu's i6300esb here): systemd has armed it and pets it (watchdog.conf).
watchdog_armed() {
  local from
  from=$(vm_console_size)
  vm_console_type "cat /sys/class/watchdog/watchdog0/identity /sys/class/watchdog/watchdog0/state" || return 1
  vm_wait_for 'i6300ESB' 60 "$from" >/dev/null && vm_wait_for '^active$' 30 "$from"
}
expect "the hardware watchdog is armed" watchdog_armed

# 5. Through the router: NAT (the ISP has no route back to 192.168.1.0/24) and the fast path.
expect "the LAN client fetches a page from the upstream through NAT" \
  bash -c "[[ \$(ip netns exec $LAN_NS curl --silent --max-time 20 http://$ISP_ADDRESS/index.html) == 'upstream page' ]]"
offloaded() {
  lan iperf3 --client "$ISP_ADDRESS" --time 40 --bitrate 20M >/dev/null 2>&1 &
  local transfer=$! deadline=$((SECONDS + 40)) page
  while ((SECONDS < deadline)); do
    page=$(call "$api/flows?filter=proto:tcp%20port:5201&limit=20" 2>/dev/null)
    if jq -e '[.rows[] | select(.offload == "software" or .offload == "hardware")] | length > 0' <<<"$page" >/dev/null 2>&1; then
      kill "$transfer" 2>/dev/null; wait "$transfer" 2>/dev/null
      return 0
    fi
    sleep 2
  done
  echo "no offloaded flow; the last page: $page"
  kill "$transfer" 2>/dev/null; wait "$transfer" 2>/dev/null
  return 1
}
expect "a TCP transfer through the router is offloaded" offloaded

# 6. Memory, as an administrator reads it on the console: each process's resident set (Rss), its
# proportional share (Pss: shared pages split among the processes mapping them) and its anonymous
# memory (heap and JIT code: what is not a mapped file), idle and then with 10,000 flows.
read -r -d '' memory_command <<'CMD'
for p in RouterOS.Engine RouterOS.Api; do printf "%s " $p; awk '/^(Rss|Pss|Anonymous):/ { printf "%s %s ", $1, $2 }' /proc/$(pidof -s $p)/smaps_rollup; echo; done; free -k | awk '/^Mem:/ { print "used", $3 }'
CMD
memory_line() { # prints "ENGINE_RSS/PSS/ANON API_RSS/PSS/ANON USED" in kB, read on the console
  local out engine api used attempt
  for attempt in 1 2; do # a log line from a service can land in the middle of the output: once more
    out=$(vm_console_run "$memory_command" 120) || continue
    engine=$(grep -m1 -E '^RouterOS.Engine Rss: [0-9]+ Pss: [0-9]+ Anonymous: [0-9]+' <<<"$out") || continue
    api=$(grep -m1 -E '^RouterOS.Api Rss: [0-9]+ Pss: [0-9]+ Anonymous: [0-9]+' <<<"$out") || continue
    used=$(grep -m1 -E '^used [0-9]+' <<<"$out") || continue
    awk '{ printf "%s/%s/%s ", $3, $5, $7 }' <<<"$engine"; awk '{ printf "%s/%s/%s ", $3, $5, $7 }' <<<"$api"; awk '{ print $2 }' <<<"$used"
    return 0
  done
  echo "no memory figures on the console: $out" >&2
  return 1
}
describe_memory() { # describe_memory LABEL "ENGINE API USED"
  local e a used
  read -r e a used <<<"$2"
  IFS=/ read -r er ep ea <<<"$e"; IFS=/ read -r ar ap aa <<<"$a"
  figure "memory, $1: engine RSS $((er / 1024)) MB (PSS $((ep / 1024)), anonymous $((ea / 1024))), API RSS $((ar / 1024)) MB (PSS $((ap / 1024)), anonymous $((aa / 1024))); engine + API RSS $(((er + ar) / 1024)) MB, PSS $(((ep + ap) / 1024)) MB; the system's used memory $((used / 1024)) MB"
}
# 10,000 UDP flows from the LAN client to the ISP, one per destination port, each sent again every
# 10 s so that none times out (30 s unreplied) while the figures are read. Paced at about 2,000
# packets a second: sent as fast as Python can, a TCG router dropped a third of each round (one
# run held 7,108 flows).
flows_start() {
  lan python3 - "$ISP_ADDRESS" > "$WORK/flows.log" 2>&1 <<'PY' &
import socket, sys, time
sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sender.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 20)
while True:
    round_started = time.monotonic()
    for port in range(20000, 30000):
        try:
            sender.sendto(b"flow", (sys.argv[1], port))
        except OSError:
            time.sleep(0.001)  # the send buffer is full: the router is slower than this loop
        if port % 100 == 99:
            time.sleep(0.05)
    time.sleep(max(0.0, 10 - (time.monotonic() - round_started)))
PY
  FLOWS_PID=$!
}
flows_stop() { [[ -n ${FLOWS_PID:-} ]] && kill "$FLOWS_PID" 2>/dev/null; wait "$FLOWS_PID" 2>/dev/null; FLOWS_PID=; }
measure_memory() {
  local idle busy total deadline
  idle=$(memory_line) || return 1
  describe_memory "idle after first boot (setup done, one commit)" "$idle"
  flows_start
  deadline=$((SECONDS + 300))
  while ((SECONDS < deadline)); do
    total=$(call "$api/flows?limit=1" 2>/dev/null | jq -r '.total // 0')
    ((total >= 10000)) && break
    sleep 5
  done
  ((total >= 10000)) || { echo "the router never held 10000 flows (the last count: $total)"; flows_stop; return 1; }
  busy=$(memory_line) || { flows_stop; return 1; }
  flows_stop
  describe_memory "with $total flows" "$busy"
}
expect "memory is measured with the router idle and with 10000 flows" measure_memory

# 7. Upgrades. Progress comes back as NDJSON; the last line is the outcome.
# The firmware's state asks the update client (rauc status): the first time after a boot, under TCG,
# that took longer than the 30 s the other calls get.
firmware() { call --max-time 180 "$api/system/firmware"; }
slots_of() { firmware | jq -c '{booted, nextBoot, slots: [.slots[] | {bootname, version, bootStatus}]}'; }
hostname_is() { [[ $(call "$api/config" | jq -r .system.hostname) == "$1" ]]; }
commit_hostname() {
  call -X PUT "$api/system" -H 'Content-Type: application/json' -d "{\"hostname\":\"$1\"}" >/dev/null || return 1
  call -X POST "$api/commit" -H 'Content-Type: application/json' -d "{\"message\":\"hostname $1\"}" >/dev/null || return 1
  hostname_is "$1"
}
# reboot_and_wait HOW...: runs HOW (which makes the router reboot), then waits for the next boot
# to mark its slot good (or, with MARKER set, for that console line) and the API to be ready.
reboot_and_wait() {
  local from marker=${MARKER:-'marked good'}
  from=$(vm_console_size)
  # The answer may not arrive when the router goes down first: the console tells.
  "$@" >/dev/null || echo "the call that reboots did not answer cleanly; waiting for the reboot on the console"
  vm_wait_for 'Restarting system|reboot: Restarting' 300 "$from" >/dev/null || { echo "no reboot seen"; return 1; }
  vm_wait_for "$marker" 900 "$from" || { echo "no '$marker' after the reboot"; return 1; }
  wait_ready 600
}
api_reboot() { call -X POST "$api/system/reboot" -H 'Content-Type: application/json' -d '{"confirm":"reboot"}'; }
upgrade() { # upgrade BUNDLE: prints the outcome's phase
  call -X POST "$api/system/upgrade" -H 'Content-Type: application/octet-stream' --data-binary "@$1" --max-time 900 \
    -o "$WORK/upgrade.ndjson" -w '%{http_code}' > "$WORK/upgrade.status" 2>/dev/null
  echo "HTTP $(cat "$WORK/upgrade.status"): $(tail -1 "$WORK/upgrade.ndjson")" >&2
  # 422: refused before anything was written (the answer is a problem, not progress).
  if [[ $(cat "$WORK/upgrade.status") == 422 ]]; then echo refused; return; fi
  tail -1 "$WORK/upgrade.ndjson" | jq -r '.phase // "none"'
}
# A byte of the CMS signature at the end of the bundle, or of the payload in its middle.
altered() { # altered SOURCE OFFSET_FROM_END|middle OUTPUT
  cp "$1" "$3"
  local size offset
  size=$(stat -c %s "$3")
  if [[ $2 == middle ]]; then offset=$((size / 2)); else offset=$((size - $2)); fi
  printf "$(printf '\\x%02x' $(( ($(od -An -tu1 -j "$offset" -N1 "$3") + 1) % 256 )))" \
    | dd of="$3" bs=1 seek="$offset" conv=notrunc status=none
}
signature_refused() {
  local before after
  before=$(slots_of)
  altered "$WORK/small/routeros.raucb" 300 "$WORK/bad-signature.raucb"
  [[ $(upgrade "$WORK/bad-signature.raucb") == refused ]] || return 1
  after=$(slots_of)
  [[ $before == "$after" ]] || { echo "the slots changed: $before -> $after"; return 1; }
}
expect "a bundle with a broken signature is refused and changes nothing" signature_refused

payload_never_boots() {
  altered "$WORK/small/routeros.raucb" middle "$WORK/bad-payload.raucb"
  local outcome
  outcome=$(upgrade "$WORK/bad-payload.raucb")
  [[ $outcome == failed || $outcome == refused ]] || { echo "the install ended $outcome"; return 1; }
  # The next boot stays on the running slot A: the half-written B is not bootable.
  firmware | jq -e '.booted == "A" and .nextBoot == "A" and ([.slots[] | select(.bootname == "B") | .bootStatus] != ["good"])' >/dev/null \
    || { echo "after the failed install: $(slots_of)"; return 1; }
}
expect "a bundle with one payload byte altered never boots" payload_never_boots

# The upgrade's reboot is also the check that a committed change survives a reboot: the
# configuration lives on /data, which the new slot mounts as the old one did.
commit_hostname tier-router || echo "the hostname change was not committed"
firmware | tee "$WORK/firmware-1.json" | jq -c '{booted, nextBoot, slots: [.slots[] | {bootname, version, bootStatus}]}'
upgraded() {
  [[ $(upgrade "$WORK/second/routeros.raucb") == installed ]] || return 1
  [[ $(firmware | jq -r .nextBoot) == B ]] || { echo "the next boot is not B"; return 1; }
  local reboot_at=$SECONDS
  reboot_and_wait api_reboot || return 1
  figure "reboot into the upgraded slot until the API answered: $((SECONDS - reboot_at)) s"
  firmware | tee "$WORK/firmware-2.json" | jq -e --arg v "$version-second" \
    '.booted == "B" and .version == $v and .engineVersion == $v and ([.slots[] | select(.bootname == "B") | .version] == [$v])' >/dev/null \
    || { echo "not booted from B with $version-second: $(cat "$WORK/firmware-2.json")"; return 1; }
}
expect "an upgrade to a second build boots it" upgraded
expect "a configuration change survives a reboot (the upgrade's)" hostname_is tier-router

falls_back() {
  [[ $(upgrade "$WORK/broken/routeros.raucb") == installed ]] || return 1
  [[ $(firmware | jq -r .nextBoot) == A ]] || { echo "the next boot is not A"; return 1; }
  # A boots, its API never comes up, it is marked bad and the machine reboots into B by itself.
  local from
  from=$(vm_console_size)
  api_reboot >/dev/null || return 1
  vm_wait_for 'is not healthy' 900 "$from" || { echo "A was not found unhealthy"; return 1; }
  from=$(vm_console_size)
  vm_wait_for 'marked good' 900 "$from" >/dev/null && wait_ready 600 || { echo "B did not come back"; return 1; }
  firmware | jq -e --arg v "$version-second" '.booted == "B" and .version == $v' >/dev/null \
    || { echo "after the fallback: $(slots_of)"; return 1; }
  hostname_is tier-router
}
expect "an image that cannot come up healthy falls back to the previous slot by itself" falls_back

# 8. Backup, factory reset (the next boot is a first boot: a new setup token), restore.
reset_and_restore() {
  local passphrase="a backup passphrase for the tier"
  # The backup's key takes 600,000 PBKDF2 rounds (BackupKeys), the restore's too: seconds natively,
  # and once (2026-12-06, the machine busy beside it) more than curl's 30 s under TCG.
  call --max-time 180 "$api/system/backup" -H "X-Backup-Passphrase: $passphrase" -o "$WORK/backup.json" || return 1
  MARKER='Setup token: [0-9a-f]+' reboot_and_wait \
    call -X POST "$api/system/factory-reset" -H 'Content-Type: application/json' -d '{"confirm":"factory-reset"}' > "$WORK/reset-token" || return 1
  token=$(grep -o 'Setup token: [0-9a-f]*' "$WORK/reset-token" | tail -1 | cut -d' ' -f3)
  rm -f "$WORK/jar"
  setup || { echo "setup after the reset failed"; return 1; }
  auth="Authorization: Bearer $bearer"
  hostname_is routeros || { echo "the reset did not bring back the defaults"; return 1; }
  call --max-time 180 -X POST "$api/system/restore" -H "X-Backup-Passphrase: $passphrase" -H 'Content-Type: application/json' \
    --data-binary "@$WORK/backup.json" >/dev/null || return 1
  hostname_is tier-router
}
expect "backup, factory reset, restore gives back the configuration" reset_and_restore

finish
