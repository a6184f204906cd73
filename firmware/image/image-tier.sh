#!/usr/bin/env bash
# The device image tier (issue 20): builds the image (make image, cached), boots it under
# qemu -accel tcg with OVMF, two virtio NICs on taps in namespaces this script makes (a LAN client
# and an ISP with DHCP, web and iperf3 servers), and checks what an administrator relies on, each
# as one "pass|fail NAME" line in RESULTS_DIR/image.check. A check that did not get to run (the VM
# died, a deadline passed) is a failure too.
# Usage: firmware/image/image-tier.sh RESULTS_DIR
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
results=$(realpath -m "$1")
check_file=$results/image.check
WORK=$repo/artifacts/image-tier
source "$here/vm-lib.sh"
mkdir -p "$results"
rm -rf "$WORK" && mkdir -p "$WORK"
: > "$check_file"
started=$SECONDS

check() { # check pass|fail NAME [DETAIL]
  echo "$1 image: $2" >> "$check_file"
  echo "== [$((SECONDS - started)) s] $1 image: $2${3:+ ($3)}"
}
# expect NAME COMMAND...: pass when the command succeeds.
expect() { local name=$1; shift; if "$@"; then check pass "$name"; else check fail "$name"; fi; }
# The checks that remain when the tier has to stop early are failures, each named.
planned=()
plan() { planned+=("$@"); }
give_up() {
  local name
  for name in "${planned[@]}"; do
    grep -qF " image: $name" "$check_file" || check fail "$name" "not run: $1"
  done
  finish
}
finish() {
  vm_stop
  vm_net_down
  echo "== image tier: $(grep -c '^pass' "$check_file") passed, $(grep -c '^fail' "$check_file") failed, $((SECONDS - started)) s"
  exit 0
}
trap 'vm_stop; vm_net_down' EXIT

plan "the image builds" "first boot prints the setup token on the console" \
  "the API answers on the LAN side" "the API does not answer on the WAN side" \
  "setup with the console's token" "the LAN client gets a lease from the router" \
  "the LAN client fetches a page from the upstream through NAT" \
  "a TCP transfer through the router is offloaded" "a configuration change survives a reboot"

# 1. Build.
if ! "$here/build.sh" > "$WORK/build.log" 2>&1; then
  cat "$WORK/build.log"
  check fail "the image builds"
  give_up "the image did not build"
fi
tail -1 "$WORK/build.log"
check pass "the image builds"
cp --sparse=always "$repo/firmware/out/routeros.img" "$WORK/disk.img"

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

lan() { ip netns exec "$LAN_NS" "$@"; }
isp() { ip netns exec "$ISP_NS" "$@"; }
# The API as the LAN client reaches it: HTTPS on 8443 (plain HTTP from off the router redirects there).
router=192.168.1.1
api=https://$router:8443/api/v1
curl_lan() { lan curl --silent --show-error --insecure --max-time 30 "$@"; }

# 3. The LAN client's lease (udhcpc, as a laptop would), then the API from both sides.
lease() { lan busybox udhcpc -i eth0 -n -q -t 20 -T 3 -s "$here/udhcpc-apply.sh" >/dev/null 2>&1; }
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
wan_address=$(awk '{ print $3; exit }' "$WORK/isp/leases" 2>/dev/null)
wan_refuses() {
  [[ -n $wan_address ]] || { echo "the router's WAN has no lease"; return 1; }
  ! isp curl --silent --max-time 5 --insecure -o /dev/null "http://$wan_address:8080/healthz" \
    && ! isp curl --silent --max-time 5 --insecure -o /dev/null "https://$wan_address:8443/healthz"
}
expect "the API does not answer on the WAN side" wan_refuses

# 4. Setup with the token from the console, then an API token for the rest.
setup() {
  curl_lan --fail-with-body -X POST "$api/setup" -H 'Content-Type: application/json' \
    -d "{\"token\":\"$token\",\"password\":\"a long admin password\"}" >/dev/null || return 1
  curl_lan --fail-with-body -c "$WORK/jar" -X POST "$api/auth/login" -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"a long admin password"}' >/dev/null || return 1
  local xsrf
  xsrf=$(curl_lan --fail-with-body -b "$WORK/jar" -c "$WORK/jar" "$api/auth/antiforgery" | jq -r .token) || return 1
  bearer=$(curl_lan --fail-with-body -b "$WORK/jar" -c "$WORK/jar" -X POST "$api/tokens" -H "X-XSRF-TOKEN: $xsrf" \
    -H 'Content-Type: application/json' -d '{"name":"image-tier","scope":"write"}' | jq -er .token) || return 1
}
expect "setup with the console's token" setup
auth="Authorization: Bearer ${bearer:-none}"
call() { curl_lan --fail-with-body -H "$auth" "$@"; }

# 5. Through the router: NAT (the ISP has no route back to 192.168.1.0/24) and the fast path.
expect "the LAN client fetches a page from the upstream through NAT" \
  bash -c "[[ \$(ip netns exec $LAN_NS curl --silent --max-time 20 http://$ISP_ADDRESS/index.html) == 'upstream page' ]]"
offloaded() {
  lan iperf3 --client "$ISP_ADDRESS" --time 40 --bitrate 20M >/dev/null 2>&1 &
  local transfer=$! deadline=$((SECONDS + 40)) page
  while ((SECONDS < deadline)); do
    page=$(call "$api/flows?filter=proto:tcp%20port:5201&limit=20" 2>/dev/null)
    if jq -e '[.rows[] | select(.state | test("offload"; "i"))] | length > 0' <<<"$page" >/dev/null 2>&1; then
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

finish
