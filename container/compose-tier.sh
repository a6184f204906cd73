#!/usr/bin/env bash
# The compose tier (issue 21): builds the container images and runs the very docker-compose.yml a
# user runs, with Podman, and checks what an administrator relies on, each as one
# "pass|fail compose: NAME" line in RESULTS_DIR/compose.check. A check that did not get to run is a
# failure too; where Podman cannot run, every check fails and says why.
#
# The machine's own network is never touched: the stack's network is the machine's (network_mode:
# host), so the whole container runtime runs inside a namespace this script makes (nsenter --net),
# where "the host's network" is that namespace, a veth to a LAN client namespace in it. The compose
# file is the user's, unchanged; one check then points the engine at a second namespace with the
# setting a lab would use (ROUTEROS_ENGINE_NETWORK). Podman answers Docker's API (podman system service) and Docker's
# own docker-compose (Debian's, 1.29) drives it: Debian's podman-compose (1.0.3) adds a network to
# every container, which network_mode: host refuses, and ignores depends_on's conditions. Nothing here
# runs systemd, which runs Podman's health checks on a timer: this script runs them (podman
# healthcheck run) every few seconds in its place.
# Usage: container/compose-tier.sh RESULTS_DIR
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
results=$(realpath -m "$1")
check_file=$results/compose.check
work=$repo/artifacts/compose-tier
mkdir -p "$results"
: > "$check_file"
rm -rf "$work" && mkdir -p "$work"
started=$SECONDS
prefix=rosctr-$$
ns=$prefix-host lan_ns=$prefix-lan router_ns=$prefix-router project=$prefix
export CONTAINERS_CONF=$here/containers.conf
export DOCKER_HOST=unix://$work/podman.sock COMPOSE_PROJECT_NAME=$project
compose_file=$repo/docker-compose.yml

source "$repo/scripts/tier-lib.sh"
tier=compose
plan "the images build" "both services become healthy" "the API answers on loopback" "setup with the token from the logs" \
  "a configuration committed through REST is in the namespace's kernel (address, nft table)" "the LAN client gets a lease from the engine's dnsmasq" \
  "the API container runs as non-root with no capabilities and a read-only root" "the engine container is not privileged and has only its capabilities" \
  "down and up again keep the configuration" "the engine manages the namespace ROUTEROS_ENGINE_NETWORK names" \
  "down -v leaves no containers, volumes or namespaces"
finish() {
  cleanup
  tier_summary
  exit 0
}

# In the stack's "host": the namespace this script made.
inside() { nsenter --net="/run/netns/$ns" "$@"; }
pod() { inside podman "$@"; }
compose() { inside docker-compose -f "$compose_file" "$@"; }

service_pid= health_pid=
cleanup() {
  if [[ -S $work/podman.sock ]]; then compose down -v --timeout 10 >/dev/null 2>&1; fi
  [[ -n $health_pid ]] && kill "$health_pid" 2>/dev/null
  [[ -n $service_pid ]] && kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null
  health_pid= service_pid=
  local name
  for name in "$ns" "$lan_ns" "$router_ns"; do
    ip netns pids "$name" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$name" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 143' TERM INT

for tool in podman docker-compose runc nsenter; do
  command -v "$tool" >/dev/null || give_up "$tool is not installed (scripts/install-deps.sh installs it)"
done
remove_stale_namespaces rosctr
# What the stack could have left: a container's own network namespace (Podman names it netns-UUID)
# that was not there before the stack started. Only those count: the tiers that run beside this one
# (make test) add and remove namespaces of their own all the while.
podman_namespaces() { ip netns list | awk '{ print $1 }' | grep '^netns-' | sort; }
podman_namespaces_at_start=$(podman_namespaces)

# 1. The images, on a base made from this machine's Debian packages (it has no registry).
if ! "$here/build.sh" --local-base > "$work/build.log" 2>&1; then
  cat "$work/build.log"
  check fail "the images build"
  give_up "the images did not build"
fi
check pass "the images build" "in $((SECONDS - started)) s"

# 2. The stack's host: a namespace with a LAN port (a veth to a client's namespace).
ip netns add "$ns" && ip netns add "$lan_ns" || give_up "cannot make the namespaces"
ip -n "$ns" link set lo up
ip -n "$lan_ns" link set lo up
ip -n "$ns" link add lan0 type veth peer name eth0 netns "$lan_ns"
ip -n "$lan_ns" link set eth0 up

pod system service --time=0 "$DOCKER_HOST" > "$work/podman-service.log" 2>&1 &
service_pid=$!
for _ in $(seq 50); do [[ -S $work/podman.sock ]] && break; sleep 0.2; done
[[ -S $work/podman.sock ]] || give_up "podman system service did not start: $(tail -3 "$work/podman-service.log")"
containers() { pod ps -a --filter "label=com.docker.compose.project=$project" --format '{{.Names}}'; }
# systemd's part: each container's health check, every 3 s.
(
  while sleep 3; do
    for name in $(containers 2>/dev/null); do pod healthcheck run "$name" >/dev/null 2>&1; done
  done
) &
health_pid=$!

container_of() { containers | grep -m1 -- "_$1_"; }
health_of() { pod inspect --format '{{.State.Health.Status}}' "$(container_of "$1")" 2>/dev/null; }
both_healthy() { # within $1 s
  local deadline=$((SECONDS + $1))
  while ((SECONDS < deadline)); do
    [[ $(health_of engine) == healthy && $(health_of api) == healthy ]] && return 0
    sleep 2
  done
  echo "engine: $(health_of engine), api: $(health_of api)"
  return 1
}
up() { compose up -d >> "$work/compose.log" 2>&1 || { tail -20 "$work/compose.log"; return 1; }; }
up_and_healthy() { up && both_healthy 240; }
expect "both services become healthy" up_and_healthy
grep -qF "pass compose: both services become healthy" "$check_file" || {
  compose logs --no-color > "$work/logs.txt" 2>&1; tail -40 "$work/logs.txt"; give_up "the stack did not come up"
}

# 3. The API on the stack host's loopback, and setup with the token from `docker compose logs api`.
api=http://127.0.0.1:8080/api/v1
curl_in() { inside curl --silent --show-error --max-time 30 "$@"; }
expect "the API answers on loopback" bash -c "[[ \$(nsenter --net=/run/netns/$ns curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/readyz) == 200 ]]"
password="a long admin password for the compose tier"
sign_in() { bearer=$(api_token curl_in "$api" "$work/jar" "$password" "$1"); } # sign_in TOKEN_NAME
setup() {
  local token
  token=$(compose logs --no-color api 2>&1 | grep -o 'Setup token: [0-9a-f]*' | tail -1 | cut -d' ' -f3)
  [[ -n $token ]] || { echo "no setup token in the api's logs"; return 1; }
  api_setup curl_in "$api" "$token" "$password" || return 1
  sign_in compose-tier
}
expect "setup with the token from the logs" setup
call() { curl_in --fail-with-body -H "Authorization: Bearer ${bearer:-none}" "$@"; }

# 4. A configuration through REST, in the namespace's kernel; dnsmasq serving the LAN from the engine's container.
config='{
  "schemaVersion": 1,
  "system": { "hostname": "compose-router" },
  "ports": [ { "name": "lan0" } ],
  "addresses": [ { "device": "lan0", "address": "192.168.77.1/24" } ],
  "dhcp": { "servers": [ { "device": "lan0", "rangeStart": "192.168.77.100", "rangeEnd": "192.168.77.150" } ] },
  "firewall": { "zones": [ { "name": "lan", "interfaces": [ "lan0" ], "input": "accept" } ] }
}'
committed() {
  call -X PUT "$api/config" -H 'Content-Type: application/json' -d "$config" >/dev/null || return 1
  call -X POST "$api/commit" -H 'Content-Type: application/json' -d '{"message":"compose tier"}' >/dev/null || return 1
  ip -n "$ns" -4 addr show dev lan0 | grep -q 'inet 192.168.77.1/24' || { echo "lan0: $(ip -n "$ns" -br addr show dev lan0)"; return 1; }
  ip netns exec "$ns" nft list table inet routeros >/dev/null || { echo "no table inet routeros in the namespace"; return 1; }
}
expect "a configuration committed through REST is in the namespace's kernel (address, nft table)" committed
lease() {
  ip netns exec "$lan_ns" timeout 60 busybox udhcpc -i eth0 -n -q -t 20 -T 2 -s /bin/true > "$work/udhcpc.log" 2>&1 \
    || { cat "$work/udhcpc.log"; return 1; }
  grep -Eq 'lease of 192\.168\.77\.(1[0-4][0-9]|150) obtained' "$work/udhcpc.log" || { cat "$work/udhcpc.log"; return 1; }
}
expect "the LAN client gets a lease from the engine's dnsmasq" lease

# 5. What each service may do, read from its process.
status_field() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }
pid_of() { pod inspect --format '{{.State.Pid}}' "$(container_of "$1")"; }
api_confined() {
  local pid
  pid=$(pid_of api) || return 1
  [[ $(status_field "$pid" Uid) == 10001 && $(status_field "$pid" CapEff) == 0000000000000000 && $(status_field "$pid" CapPrm) == 0000000000000000 ]] \
    || { echo "api: uid $(status_field "$pid" Uid), CapEff $(status_field "$pid" CapEff)"; return 1; }
  [[ $(pod inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$(container_of api)") == true ]] || { echo "the api's root is writable"; return 1; }
  ! pod exec "$(container_of api)" touch /opt/routeros/written 2>/dev/null || { echo "the api wrote to its root"; return 1; }
}
expect "the API container runs as non-root with no capabilities and a read-only root" api_confined
# linux/capability.h: CHOWN 0, KILL 5, SETGID 6, SETUID 7, NET_BIND_SERVICE 10, NET_ADMIN 12, NET_RAW 13.
engine_capabilities=$(printf '%016x' $(((1 << 0) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 10) | (1 << 12) | (1 << 13))))
engine_confined() {
  local pid
  pid=$(pid_of engine) || return 1
  [[ $(pod inspect --format '{{.HostConfig.Privileged}}' "$(container_of engine)") == false ]] || { echo "the engine is privileged"; return 1; }
  [[ $(status_field "$pid" CapEff) == "$engine_capabilities" ]] || { echo "engine CapEff $(status_field "$pid" CapEff), expected $engine_capabilities"; return 1; }
}
expect "the engine container is not privileged and has only its capabilities" engine_confined

# 6. down, up: the volumes keep the configuration (and the administrator: no new setup).
kept() {
  compose down --timeout 20 >> "$work/compose.log" 2>&1 || return 1
  [[ -z $(containers) ]] || { echo "containers left after down: $(containers)"; return 1; }
  up_and_healthy || return 1
  rm -f "$work/jar"
  sign_in compose-tier-again || { echo "the administrator's password no longer signs in"; return 1; }
  [[ $(call "$api/config" | jq -r '.addresses[0].address') == 192.168.77.1/24 ]] || { echo "the configuration is gone"; return 1; }
  ip -n "$ns" -4 addr show dev lan0 | grep -q 'inet 192.168.77.1/24'
}
expect "down and up again keep the configuration" kept

# 7. The engine in a namespace of its own (the setting a lab or a test uses); the API stays on the
# stack's host. The engine restores the configuration from its volume into that namespace.
named_namespace() {
  ip netns add "$router_ns" && ip -n "$router_ns" link set lo up && ip -n "$router_ns" link add lan0 type veth peer name lan0-peer || return 1
  compose down --timeout 20 >> "$work/compose.log" 2>&1 || return 1
  ROUTEROS_ENGINE_NETWORK=ns:/run/netns/$router_ns up_and_healthy || return 1
  ip -n "$router_ns" -4 addr show dev lan0 | grep -q 'inet 192.168.77.1/24' || { echo "lan0 in $router_ns: $(ip -n "$router_ns" -br addr show dev lan0)"; return 1; }
  ip netns exec "$router_ns" nft list table inet routeros >/dev/null || { echo "no table inet routeros in $router_ns"; return 1; }
  local engine_pid
  engine_pid=$(pid_of engine)
  [[ $(ip netns identify "$engine_pid") == "$router_ns" ]] || { echo "the engine (pid $engine_pid) is in '$(ip netns identify "$engine_pid")', not $router_ns"; return 1; }
  [[ $(curl_in -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/readyz) == 200 ]] || { echo "the API on the stack's host does not reach the engine"; return 1; }
}
expect "the engine manages the namespace ROUTEROS_ENGINE_NETWORK names" named_namespace

# 8. down -v: nothing of the stack is left (containers, volumes; it made no namespaces).
nothing_left() {
  compose down -v --timeout 20 >> "$work/compose.log" 2>&1 || { echo "down -v failed:"; tail -5 "$work/compose.log"; return 1; }
  [[ -z $(containers) ]] || { echo "containers: $(containers)"; return 1; }
  local volumes
  volumes=$(pod volume ls --format '{{.Name}}' | grep "^${project}_")
  [[ -z $volumes ]] || { echo "volumes: $volumes"; return 1; }
  local left
  left=$(comm -13 <(echo "$podman_namespaces_at_start") <(podman_namespaces))
  [[ -z $left ]] || { echo "namespaces the stack left: ${left//$'\n'/ }"; return 1; }
}
expect "down -v leaves no containers, volumes or namespaces" nothing_left
finish
