#!/usr/bin/env bash
# `make bench`: the engine published NativeAOT (what the device image ships, firmware/image/publish.sh)
# against the same engine on the JIT (self-contained, partial trim, ReadyToRun: what the image
# shipped before), each run for real and measured in the same run. Each build gets network
# namespaces of its own (a router, a LAN client, an upstream, as `make run`'s lab), and:
#   1. its engine starts (root, managing the router namespace) with no state: exec until its socket
#      answers a gRPC call (EngineSystem/GetSystemInfo, sent with curl over HTTP/2);
#   2. the published API (user routeros) starts against it; setup, sign-in and an API token over
#      REST, then a configuration is imported and committed with a confirm window, and confirmed;
#   3. checks, each of which fails the run: the addresses, the default route and the nft table
#      (masquerade, the input rule's port) are in the router namespace; the LAN client fetches a page
#      from the upstream through the router; GET /api/v1/flows lists that connection; GET
#      /api/v1/system/firmware (the API through EngineSystem) and `RouterOS.Engine system status`
#      (the console's gRPC client) answer;
#   4. idle: the engine's resident memory (VmRSS, RssAnon, RssFile, RssShmem of /proc/PID/status)
#      and the API's, the median of 5 readings 2 s apart after 20 s with nothing asked of the engine
#      but the API's flow stream; then the API stops.
# 5. Then both engines are stopped and started again RESTARTS times (default 7), the two builds
#    taking turns so that both see the same load; each start restores and applies the committed
#    configuration before its socket answers, as on a boot. The table must still be there after.
# The namespaces, processes and files are removed however the run ends (trap).
# Usage: scripts/engine-aot-bench.sh [DOC]  (root; writes its section of DOC, docs/benchmarks.md)
#   ROUTEROS_BENCH_PUBLISHED=DIR: use DIR/aot (publish.sh DIR/aot engine api) and DIR/jit (publish.sh
#   DIR/jit engine-jit) instead of publishing, which is most of the run's time on a small machine.
#   ROUTEROS_BENCH_KEEP=1: keep the run's logs, rulesets and state (not its namespaces) for a look.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
doc=$(realpath "${1:-docs/benchmarks.md}")
restarts=${ROUTEROS_BENCH_RESTARTS:-7}
builds=(jit aot)
if [[ $(id -u) -ne 0 ]]; then
  echo "engine-aot-bench: run as root (it creates network namespaces and starts the privileged engine)" >&2
  exit 1
fi

work=$(mktemp -d /tmp/routeros-engine-aot.XXXXXX)
# The API runs as 'routeros' and reads its published files and its data directory in here.
chmod 0755 "$work"
# Per build: its namespaces, its engine's pid and its web server's; the API runs for one build at a time.
declare -A router lan wan engine_pid www_pid
for b in "${builds[@]}"; do
  router[$b]=rosaot-$b-router-$$ lan[$b]=rosaot-$b-lan-$$ wan[$b]=rosaot-$b-wan-$$
done
api_pid=

# stop PID: TERM, and KILL if it has not exited within 10 s.
stop() {
  [[ -n $1 ]] && kill -0 "$1" 2>/dev/null || return 0
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
remove_namespaces() {
  local ns
  for ns in "${router[$1]}" "${lan[$1]}" "${wan[$1]}"; do
    [[ -e /run/netns/$ns ]] || continue
    # What runs inside (the upstream's web server, the engine's dnsmasq) goes with it.
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -KILL 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
}
cleanup() {
  trap - EXIT INT TERM
  local b
  stop "$api_pid"
  for b in "${builds[@]}"; do
    stop "${engine_pid[$b]:-}"; stop "${www_pid[$b]:-}"
    remove_namespaces "$b"
  done
  if [[ -n ${ROUTEROS_BENCH_KEEP:-} ]]; then
    echo "engine-aot-bench: kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The logs of the build under way, shown when it fails (the run's files go with it).
logs=()
fail() {
  local log
  for log in "${logs[@]}"; do
    [[ -s $log ]] && { echo "--- the end of $(basename "$log"):"; tail -n 40 "$log"; } >&2
  done
  echo "engine-aot-bench: $*" >&2
  exit 1
}
now_ms() { echo $((${EPOCHREALTIME/./} / 1000)); }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
kb_mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# --- the two builds ---------------------------------------------------------------------------
published=${ROUTEROS_BENCH_PUBLISHED:-$work}
if [[ -z ${ROUTEROS_BENCH_PUBLISHED:-} ]]; then
  echo "engine-aot-bench: publishing the engine NativeAOT and the API (as the image), and the engine on the JIT"
  firmware/image/publish.sh "$repo" "$work/aot" engine api
  firmware/image/publish.sh "$repo" "$work/jit" engine-jit
fi
api_dir=$published/aot/api
id -u routeros >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin routeros
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# gRPC's framing of an empty message (no compression, length 0): GetSystemInfo's request.
printf '\0\0\0\0\0' > "$work/empty.grpc"
# grpc_answers SOCKET: the engine's EngineSystem/GetSystemInfo answers with grpc-status 0.
grpc_answers() {
  [[ -S $1 ]] && curl -s --max-time 2 --http2-prior-knowledge --unix-socket "$1" -H 'content-type: application/grpc' -H 'te: trailers' \
    --data-binary @"$work/empty.grpc" -D - -o /dev/null http://engine/routeros.engine.v1.EngineSystem/GetSystemInfo 2>/dev/null |
    tr -d '\r' | grep -qx 'grpc-status: 0'
}

engine_of() { echo "$published/$1/engine/RouterOS.Engine"; }
socket_of() { echo "$work/$1-run/engine.sock"; }
# start_engine BUILD: starts the build's engine; elapsed: the ms from exec to its first gRPC answer.
# Not called in a command substitution: the engine is this shell's child.
start_engine() {
  local b=$1 started socket
  socket=$(socket_of "$b")
  started=$(now_ms)
  Logging__Console__FormatterOptions__TimestampFormat='HH:mm:ss.fff ' "$(engine_of "$b")" \
    --netns "${router[$b]}" --socket "$socket" --state "$work/$b-state" --group routeros >> "$work/$b-engine.log" 2>&1 &
  engine_pid[$b]=$!
  until grpc_answers "$socket"; do
    kill -0 "${engine_pid[$b]}" 2>/dev/null || fail "$b: the engine exited while starting"
    (($(now_ms) - started < 120000)) || fail "$b: the engine did not answer within 120 s"
    sleep 0.005
  done
  elapsed=$(($(now_ms) - started))
}

# The router (lan0, wan0), a LAN client (192.168.1.100) and an upstream web server (203.0.113.1).
make_namespaces() {
  local b=$1
  remove_namespaces "$b"
  ip netns add "${router[$b]}"; ip netns add "${lan[$b]}"; ip netns add "${wan[$b]}"
  ip link add lan0 netns "${router[$b]}" type veth peer name eth0 netns "${lan[$b]}"
  ip link add wan0 netns "${router[$b]}" type veth peer name eth0 netns "${wan[$b]}"
  ip -n "${router[$b]}" link set lo up
  ip -n "${lan[$b]}" link set lo up; ip -n "${lan[$b]}" link set eth0 up
  ip -n "${lan[$b]}" address add 192.168.1.100/24 dev eth0
  ip -n "${lan[$b]}" route add default via 192.168.1.1
  ip -n "${wan[$b]}" link set lo up; ip -n "${wan[$b]}" link set eth0 up
  ip -n "${wan[$b]}" address add 203.0.113.1/24 dev eth0
  mkdir -p "$work/www"
  echo "hello from the upstream" > "$work/www/index.html"
  ip netns exec "${wan[$b]}" python3 -m http.server --bind 203.0.113.1 --directory "$work/www" 80 >/dev/null 2>&1 &
  www_pid[$b]=$!
}

# The lab's router (examples/lab-router.json) with a static uplink instead of DHCP, and an input
# rule with a port (a list of value-typed items in the configuration's JSON); without flowtables
# in this kernel, without its flowtable (as `make run` does).
router_config() {
  jq --argjson flowtable "$1" '
    .dhcp.clients = []
    | .addresses += [ { device: "wan0", address: "203.0.113.2/24" } ]
    | .routes = [ { destination: "0.0.0.0/0", gateway: "203.0.113.1" } ]
    | .firewall.inputRules = [ { name: "ssh-from-wan", zone: "wan", protocol: "tcp", ports: [ "2222" ] } ]
    | if $flowtable then . else del(.flowtables, .offloadPolicy) end' examples/lab-router.json
}

# A REST call that must succeed: its answer on stdout; on failure, the run fails with the answer.
call() {
  local body arg url
  for arg in "$@"; do [[ $arg == http* ]] && url=$arg; done
  body=$(curl --fail-with-body -sS --max-time 60 "$@") || fail "$url failed: $body"
  printf '%s' "$body"
}

# set_up BUILD: steps 1 to 4 for one build; its figures go into the arrays below. Its engine stays up.
declare -A size files first rss anon file shmem api_rss restart
flowtable_note=
set_up() {
  local b=$1 engine socket data=$work/$1-api api=http://127.0.0.1:$port/api/v1 flowtable token auth xsrf reply deadline
  local jar=$work/$1-jar rtr=${router[$1]}
  engine=$(engine_of "$b") socket=$(socket_of "$b")
  logs=("$work/$b-engine.log" "$work/$b-api.log")
  echo "engine-aot-bench: $b: starting the engine"
  size[$b]=$(du -sb "$published/$b/engine" | cut -f1)
  files[$b]=$(find "$published/$b/engine" -type f | wc -l)
  make_namespaces "$b"
  flowtable=$("$engine" probe --netns "$rtr" | jq .flowtable)
  flowtable_note="no flowtable, which this kernel lacks: nf_flow_table"
  [[ $flowtable == true ]] && flowtable_note="with its flowtable and offload rule"
  mkdir -p "$work/$b-state" "$data"
  chmod 0700 "$work/$b-state"
  chown routeros: "$data"; chmod 0700 "$data"
  start_engine "$b"
  first[$b]=$elapsed

  echo "engine-aot-bench: $b: the API, setup and a commit over REST"
  router_config "$flowtable" > "$work/router.json"
  # No HTTPS port: a fixed one could be another lab's.
  (cd "$api_dir" && exec setpriv --reuid=routeros --regid=routeros --init-groups env HOME="$data" \
    ASPNETCORE_ENVIRONMENT=Production RouterOS__DataDirectory="$data" RouterOS__EngineSocket="$socket" RouterOS__HttpsPort=0 \
    ./RouterOS.Api --urls "http://127.0.0.1:$port") > "$work/$b-api.log" 2>&1 &
  api_pid=$!
  deadline=$((SECONDS + 300))
  until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/readyz") == 200 ]]; do
    kill -0 "$api_pid" 2>/dev/null || fail "$b: the API exited while starting"
    ((SECONDS < deadline)) || fail "$b: the API was not ready within 300 s"
    sleep 0.5
  done
  token=$(grep -o 'Setup token: [0-9a-f]*' "$work/$b-api.log" | tail -n 1 | cut -d' ' -f3)
  [[ -n $token ]] || fail "$b: the API printed no setup token"
  call -X POST "$api/setup" -H 'Content-Type: application/json' \
    -d "{\"token\":\"$token\",\"password\":\"a long admin password\"}" > /dev/null
  call -c "$jar" -X POST "$api/auth/login" -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"a long admin password"}' > /dev/null
  xsrf=$(call -b "$jar" -c "$jar" "$api/auth/antiforgery" | jq -r .token)
  token=$(call -b "$jar" -c "$jar" -X POST "$api/tokens" -H "X-XSRF-TOKEN: $xsrf" \
    -H 'Content-Type: application/json' -d '{"name":"bench","scope":"write"}' | jq -r .token)
  auth="Authorization: Bearer $token"
  call -X PUT "$api/config" -H "$auth" -H 'Content-Type: application/json' --data-binary @"$work/router.json" > /dev/null
  call -X POST "$api/commit" -H "$auth" -H 'Content-Type: application/json' \
    -d '{"message":"engine-aot-bench","confirmWithinSeconds":120}' > /dev/null
  call -X POST "$api/commit/confirm" -H "$auth" > /dev/null

  echo "engine-aot-bench: $b: checking the router namespace, the flows and the system calls"
  # Read whole, then matched: grep -q on a pipe could stop its writer early (pipefail).
  [[ $(ip -n "$rtr" -4 address show dev br-lan) == *"inet 192.168.1.1/24"* ]] || fail "$b: br-lan has no 192.168.1.1/24"
  [[ $(ip -n "$rtr" -4 address show dev wan0) == *"inet 203.0.113.2/24"* ]] || fail "$b: wan0 has no 203.0.113.2/24"
  [[ $(ip -n "$rtr" route show default) == *"via 203.0.113.1"* ]] || fail "$b: no default route via 203.0.113.1"
  ip netns exec "$rtr" nft list ruleset > "$work/$b-ruleset.nft"
  grep -q masquerade "$work/$b-ruleset.nft" || fail "$b: the ruleset has no masquerade"
  # The input rule matches the service's port as the server answers from it (Nft/RulesetGenerator.cs).
  grep -q 'proto-src 2222' "$work/$b-ruleset.nft" || fail "$b: the ruleset lacks the input rule's port 2222"
  reply=$(ip netns exec "${lan[$b]}" curl --fail -sS --max-time 10 http://203.0.113.1/) || fail "$b: the LAN client did not reach the upstream"
  [[ $reply == "hello from the upstream" ]] || fail "$b: the LAN client got '$reply' from the upstream"
  deadline=$((SECONDS + 30))
  until call "$api/flows?filter=proto:tcp%20port:80%20addr:192.168.1.100/32" -H "$auth" | jq -e '.rows | length > 0' > /dev/null; do
    ((SECONDS < deadline)) || fail "$b: GET /api/v1/flows did not list the LAN client's connection within 30 s"
    sleep 0.5
  done
  call "$api/system/firmware" -H "$auth" | jq -e '.engineVersion | length > 0' > /dev/null ||
    fail "$b: GET /api/v1/system/firmware did not give the engine's version"
  reply=$("$engine" system status --socket "$socket") || fail "$b: 'RouterOS.Engine system status' failed"
  [[ $reply == "version: "* ]] || fail "$b: 'RouterOS.Engine system status' answered '$reply'"

  echo "engine-aot-bench: $b: idle memory"
  sleep 20
  local readings=() pid=${engine_pid[$b]}
  for _ in 1 2 3 4 5; do
    readings+=("$(awk '/^(VmRSS|RssAnon|RssFile|RssShmem):/ { printf "%s ", $2 }' "/proc/$pid/status")$(awk '/^VmRSS:/ { print $2 }' "/proc/$api_pid/status")")
    sleep 2
  done
  median_of() { printf '%s\n' "${readings[@]}" | cut -d' ' -f"$1" | median; }
  rss[$b]=$(median_of 1) anon[$b]=$(median_of 2) file[$b]=$(median_of 3) shmem[$b]=$(median_of 4) api_rss[$b]=$(median_of 5)
  stop "$api_pid"; api_pid=
  echo "engine-aot-bench: $b: $(mib "${size[$b]}") MiB on disk, first start ${first[$b]} ms, RSS ${rss[$b]} kB (anon ${anon[$b]}, file ${file[$b]}, shmem ${shmem[$b]}), API ${api_rss[$b]} kB"
}

for b in "${builds[@]}"; do set_up "$b"; done

echo "engine-aot-bench: $restarts restarts of each engine, taking turns, each restoring the committed configuration"
logs=("$work/jit-engine.log" "$work/aot-engine.log")
declare -A times
for _ in $(seq 1 "$restarts"); do
  for b in "${builds[@]}"; do
    stop "${engine_pid[$b]}"
    start_engine "$b"
    times[$b]+="$elapsed "
  done
done
for b in "${builds[@]}"; do
  [[ $(ip netns exec "${router[$b]}" nft list ruleset) == *"proto-src 2222"* ]] || fail "$b: the ruleset is gone after the restarts"
  restart[$b]=$(tr ' ' '\n' <<<"${times[$b]}" | grep . | median)
  echo "engine-aot-bench: $b: restarts took ${times[$b]}ms (median ${restart[$b]})"
done

section=$(cat <<MD
<!-- bench:engine-aot -->
## Engine: NativeAOT against JIT (issue 20)

- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) cores, $(uname -sr); load average when the run ended: $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) cores, above $(nproc) means processes waited for a core: the times are that noisy).
- Both builds of the engine as \`firmware/image/publish.sh\` makes them, self-contained for linux-x64: JIT (partial trim, ReadyToRun; what the image shipped before) and NativeAOT (what it ships). Both with the GC settings compiled in (\`src/RouterProcess.props\`: workstation GC, concurrent; the NativeAOT build also with gen0's budget between 2 and 6 MB).
- Each build ran for real, as root managing network namespaces of its own, with the published API (NativeAOT, user routeros) in front of it: setup, sign-in and a commit of the lab router's configuration over REST (static uplink, an input rule, $flowtable_note), then checked: the addresses, default route and nft table landed in the namespace, a LAN client reached the upstream through the router, \`GET /api/v1/flows\` listed that connection, and \`GET /api/v1/system/firmware\` and \`RouterOS.Engine system status\` (gRPC EngineSystem) answered.
- Start: from exec until the socket answers a gRPC call (EngineSystem/GetSystemInfo, over HTTP/2 with curl). The engine restores and applies the committed configuration (nft table, links, addresses, routes, dnsmasq) before it listens, so a restart is what a boot does; the two builds restarted by turns, with the page cache warm. Memory: after the commit and 20 s idle with the API watching flows, the median of 5 readings.

| | JIT + ReadyToRun | NativeAOT | NativeAOT / JIT |
|---|---:|---:|---:|
| engine on disk (files) | $(mib "${size[jit]}") MiB (${files[jit]}) | $(mib "${size[aot]}") MiB (${files[aot]}) | $(ratio "${size[aot]}" "${size[jit]}") |
| first start, no state: exec to gRPC answer (one run) | ${first[jit]} ms | ${first[aot]} ms | $(ratio "${first[aot]}" "${first[jit]}") |
| restart, configuration restored: exec to gRPC answer (median of $restarts) | ${restart[jit]} ms | ${restart[aot]} ms | $(ratio "${restart[aot]}" "${restart[jit]}") |
| resident memory, idle (VmRSS) | $(kb_mb "${rss[jit]}") MB | $(kb_mb "${rss[aot]}") MB | $(ratio "${rss[aot]}" "${rss[jit]}") |
| of which anonymous (RssAnon: the heaps, stacks) | $(kb_mb "${anon[jit]}") MB | $(kb_mb "${anon[aot]}") MB | $(ratio "${anon[aot]}" "${anon[jit]}") |
| of which file-backed (RssFile: the mapped binaries) | $(kb_mb "${file[jit]}") MB | $(kb_mb "${file[aot]}") MB | $(ratio "${file[aot]}" "${file[jit]}") |
| of which shared (RssShmem: the JIT's code, mapped twice for W^X) | $(kb_mb "${shmem[jit]}") MB | $(kb_mb "${shmem[aot]}") MB | |
| the API beside it (VmRSS); engine + API | $(kb_mb "${api_rss[jit]}") MB; $(kb_mb $((rss[jit] + api_rss[jit]))) MB | $(kb_mb "${api_rss[aot]}") MB; $(kb_mb $((rss[aot] + api_rss[aot]))) MB | |

Restarts, in order (ms): JIT ${times[jit]% }; NativeAOT ${times[aot]% }.
<!-- /bench:engine-aot -->
MD
)
scripts/bench-section.sh "$doc" engine-aot "$section"
echo "engine-aot-bench: written to $doc"
