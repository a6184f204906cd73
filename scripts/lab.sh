#!/usr/bin/env bash
# `make run`: the lab router. Three network namespaces (ros-router, ros-lan, ros-wan) joined by
# veth pairs, the engine (root) managing ros-router, and the API (user routeros) on
# http://127.0.0.1:8080 with examples/lab-router.json committed on first start. ros-wan plays the
# ISP: a DHCP and DNS server (dnsmasq) the router's WAN takes its address from, a web server, and
# with ROUTEROS_LAB_WAN=pppoe (`make run WAN=pppoe`) a pppoe-server instead, where the kernel has
# PPP (examples/lab-router-pppoe.json). Nothing outside the three namespaces is changed (the
# ISP's PPP secrets live in /etc/netns/ros-wan, which only `ip netns exec ros-wan` sees, and go
# with the lab). Engine and API are supervised separately (scripts/lab-supervise.sh): either one
# killed is started again while the kernel keeps routing. Ctrl-C or TERM tears it all down (in
# under 3 s); a run after a crash first removes what it left.
# `scripts/lab.sh --remove` removes what a lab left and exits.
# ROUTEROS_LAB_DATA and ROUTEROS_LAB_ENGINE_STATE: other data directories than ./data and
# /var/lib/routeros-lab-engine (the README and fault tests start each lab afresh this way).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
config=${CONFIGURATION:-Debug}
data=${ROUTEROS_LAB_DATA:-$root/data}
export ROUTEROS_LAB_DATA=$data
engine_dll=$root/src/RouterOS.Engine/bin/$config/net10.0/RouterOS.Engine.dll
socket=/run/routeros/engine.sock
# The supervised services' pids, for the teardown and the fault tests (tests/lab/).
run_dir=/run/routeros-lab
pids=()

wan_etc=/etc/netns/ros-wan

# Stops a service an earlier lab left running, found by its pid file, only if it is what we started.
stop_leftover() {
  local pid_file=$run_dir/$1.pid pid
  pid=$(cat "$pid_file" 2>/dev/null) || return 0
  if [[ $pid =~ ^[0-9]+$ ]] && grep -qa "$2" "/proc/$pid/cmdline" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
}
remove_namespace() {
  [[ -e /run/netns/$1 ]] || return 0
  ip netns pids "$1" 2>/dev/null | xargs -r kill -KILL 2>/dev/null || true
  ip netns del "$1" 2>/dev/null || true
}
remove_lab() {
  stop_leftover engine RouterOS.Engine.dll
  stop_leftover api RouterOS.Api.dll
  # What runs in the lab's namespaces (the ISP's servers, the LAN's DHCP client, the engine's
  # dnsmasq and DHCP client) goes with them; deleting a namespace deletes its veths.
  for ns in ros-router ros-lan ros-wan; do remove_namespace "$ns"; done
  rm -rf "$wan_etc"
  rm -f "$socket"
}
stop() {
  trap - EXIT INT TERM
  local started=${EPOCHREALTIME/./}
  echo; echo "lab: stopping"
  # All at once: each supervisor stops its service (TERM, KILL after 1.5 s) and exits; meanwhile the
  # ISP and the LAN client, which keep no state worth a clean exit, go with their namespaces.
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for ns in ros-lan ros-wan; do remove_namespace "$ns"; done
  wait 2>/dev/null || true
  local services=${EPOCHREALTIME/./}
  remove_lab
  local now=${EPOCHREALTIME/./}
  echo "lab: stopped in $(((now - started) / 1000)) ms (services $(((services - started) / 1000)) ms)"
}

if [[ $(id -u) -ne 0 ]]; then
  echo "lab: run as root (it creates network namespaces and starts the privileged engine)" >&2
  exit 1
fi
mkdir -p "$run_dir"
remove_lab
# --remove: only remove what a lab left (the lab tests' last resort when a lab did not stop).
[[ ${1:-} == --remove ]] && exit 0
# A signal is the normal way to stop: exit 0 after the teardown; any other exit keeps its status.
trap stop EXIT
trap 'stop; exit 0' INT TERM

# Built before anything starts (the engine runs from its build output), and the API published while
# the namespaces and the engine come up (scripts/lab-build.sh); each in the background with a wait,
# so that Ctrl-C or TERM stops a build at once. ROUTEROS_LAB_SKIP_PUBLISH=1: neither (the lab tests
# build and publish once for several labs).
publish_pid=
if [[ -z ${ROUTEROS_LAB_SKIP_PUBLISH:-} ]]; then
  scripts/lab-build.sh build &
  pids+=($!)
  wait "${pids[-1]}" || { echo "lab: the build failed (its errors above)" >&2; exit 1; }
  unset 'pids[-1]'
  scripts/lab-build.sh publish &
  publish_pid=$!
  pids+=("$publish_pid")
fi

ip netns add ros-router; ip netns add ros-lan; ip netns add ros-wan
ip link add lan0 netns ros-router type veth peer name eth0 netns ros-lan
ip link add wan0 netns ros-router type veth peer name eth0 netns ros-wan
ip -n ros-router link set lo up
# The LAN client takes its address from the router's DHCP server (a static lease: 192.168.1.100).
ip -n ros-lan link set eth0 address 02:00:00:00:01:00
ip -n ros-lan link set lo up; ip -n ros-lan link set eth0 up
ip -n ros-wan link set lo up; ip -n ros-wan link set eth0 up
ip -n ros-wan address add 203.0.113.1/24 dev eth0
ip -n ros-wan address add 2001:db8:ff::1/64 dev eth0 nodad
# The upstream answers HTTP; it has no route back to the LAN, so only masqueraded traffic gets answers.
mkdir -p "$data/wan-www"
echo "hello from ros-wan (the upstream)" > "$data/wan-www/index.html"
ip netns exec ros-wan python3 -m http.server --bind 203.0.113.1 --directory "$data/wan-www" 80 >/dev/null 2>&1 &
pids+=($!)
# Over IPv6 too: the LAN's addresses come from the ISP's prefix and are routed, no NAT.
ip netns exec ros-wan python3 -m http.server --bind 2001:db8:ff::1 --directory "$data/wan-www" 80 >/dev/null 2>&1 &
pids+=($!)

id -u routeros >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin routeros
# The engine's state holds secrets: root only, outside the API's data directory.
engine_state=${ROUTEROS_LAB_ENGINE_STATE:-/var/lib/routeros-lab-engine}
mkdir -p "$engine_state"
chmod 0700 "$engine_state"

# Load the example that fits this kernel: without flowtable support, leave the flowtable out and say so.
caps=$(dotnet "$engine_dll" probe --netns ros-router)
wan=${ROUTEROS_LAB_WAN:-dhcp}
if [[ $wan == pppoe && $(jq -r .ppp <<<"$caps") != true ]]; then
  echo "lab: WAN=pppoe asked for, but this kernel has no PPP support (ppp_generic, pppoe): a PPPoE session"
  echo "     cannot run here, so the lab's WAN takes its address by DHCP instead. PPPoE runs on a kernel"
  echo "     with PPP (the device image; the full-kernel test VM: make test-kernel)."
  wan=dhcp
fi
example=examples/lab-router.json
[[ $wan == pppoe ]] && example=examples/lab-router-pppoe.json
lab_config=$data/lab-router.json
if [[ $(jq -r .flowtable <<<"$caps") == true ]]; then
  cp "$example" "$lab_config"
else
  jq 'del(.flowtables, .offloadPolicy)' "$example" > "$lab_config"
  echo "lab: this kernel has no flowtable support (nf_flow_table), so the example's flowtable 'ft' and"
  echo "     offload rule 'lan-to-wan' are left out: flows take the classic forwarding path."
fi
jq -r '.notes[]' <<<"$caps" | sed 's/^/lab: kernel: /'

# The ISP in ros-wan: DHCP (or a pppoe-server) and DNS for the router's WAN.
scripts/lab-isp.sh "$wan" "$data" "$example"

# The engine restores the last confirmed configuration whenever it starts, so a restarted engine
# puts back what it had; the API reconnects to it by itself.
scripts/lab-supervise.sh engine "$run_dir/engine.pid" \
  dotnet "$engine_dll" --netns ros-router --socket "$socket" --state "$engine_state" --group routeros &
pids+=($!)
for _ in $(seq 1 100); do [[ -S $socket ]] && break; sleep 0.2; done
[[ -S $socket ]] || { echo "lab: the engine did not start" >&2; exit 1; }

chown routeros: "$lab_config"
ip netns exec ros-lan busybox udhcpc -i eth0 -f -A 3 -s "$root/scripts/lab-udhcpc.sh" >/dev/null 2>&1 &
pids+=($!)
echo "lab: router up. From the LAN client:  ip netns exec ros-lan curl http://203.0.113.1/"
echo "lab: and over IPv6 (once the ISP delegated the prefix):  ip netns exec ros-lan curl -6 'http://[2001:db8:ff::1]/'"
echo "lab: kernel state:  ip netns exec ros-router ip -d link;  ip netns exec ros-router nft list ruleset"
export RouterOS__InitialConfig="$lab_config" RouterOS__EngineSocket="$socket"
if [[ -n $publish_pid ]]; then
  wait "$publish_pid" || { echo "lab: the API could not be published (its errors above)" >&2; exit 1; }
  # Out of the list the teardown signals: the pid is free for the system to give again.
  running=()
  for pid in "${pids[@]}"; do [[ $pid == "$publish_pid" ]] || running+=("$pid"); done
  pids=("${running[@]}")
fi
scripts/lab-supervise.sh api "$run_dir/api.pid" scripts/run-api.sh &
pids+=($!)
# Until Ctrl-C or TERM (the trap stops everything); a service that dies is its supervisor's business.
wait
