#!/usr/bin/env bash
# The fault tier: the management side failing never stops routing. Against `make run`'s lab
# (tests/lab/harness.sh), with a ping (busybox, every 0.2 s) and a TCP stream (iperf3, 2 Mbit/s)
# from the LAN client through the router to the ISP:
#   1. kill -9 of the API in the middle of a commit (the revision is recorded as applying): the
#      ping loses nothing, the stream never stalls, the supervisor brings the API back, and the
#      revision state agrees with the engine (no revision left applying).
#   2. kill -9 of the engine: the supervisor brings it back with the running revision restored,
#      the API reconnects by itself (ready, its flow feed connected), ping and stream resume, and
#      one DHCP client runs on the WAN (the dead engine's is stopped).
# One "pass NAME" or "fail NAME: why" line per check into RESULT_FILE (scripts/test-summary.sh).
# Usage: tests/lab/fault-test.sh RESULT_FILE
set -uo pipefail
result=$(realpath -m "$1")
here=$(cd "$(dirname "$0")" && pwd)
source "$here/harness.sh"
source "$here/fault-traffic.sh"
lab_log_copy=${result%.check}-lab.log
: > "$result"
# How long a killed service may take to be back (a busy CI machine starts .NET slowly).
back_within=60
stream_seconds=$((back_within + 30))

# expect NAME CONDITION-COMMAND...: a check line from whether the command succeeds.
expect() {
  local name=$1
  shift
  if "$@"; then check "$result" pass "$name"; else check "$result" fail "$name"; fi
}

if ! lab_start; then
  check "$result" fail "fault tier: the lab did not start (see $lab_log_copy)"
  exit 1
fi
work=$lab_dir/fault
mkdir -p "$work"
if ! auth=$(admin_token "$setup_token"); then
  check "$result" fail "fault tier: could not set up the admin and a token"
  exit 1
fi

# --- 1. the API killed during a commit --------------------------------------------------------
traffic_start "$work/api" "$stream_seconds"
api_pid=$(cat /run/routeros-lab/api.pid)
# Killed the moment the store says the revision is being applied (the API waits on the engine).
# An apply can finish between two reads of the store; then another commit (another address) is tried.
for attempt in 1 2 3 4 5; do
  config=$(curl -sS --fail-with-body "$api/config" -H "$auth" | jq -c --arg a "10.99.$attempt.1/24" '.addresses += [{"device":"br-lan","address":$a}]')
  curl -sS --fail-with-body -X PUT "$api/config" -H "$auth" -H 'Content-Type: application/json' -d "$config" > /dev/null
  kill_when_applying "$lab_dir/data/routeros.db" "$api_pid" > "$work/api/killed-at" 2>&1 &
  watcher=$!
  wait_for 30 grep -q '^watching' "$work/api/killed-at"
  curl -sS -X POST "$api/commit" -H "$auth" -H 'Content-Type: application/json' -d '{"message":"fault tier: API killed"}' \
    > "$work/api/commit.json" 2>&1
  wait "$watcher"
  kill_status=$?
  [[ $kill_status == 2 ]] || break
done
expect "API killed during a commit: killed while its revision was applying ($(tail -1 "$work/api/killed-at"))" test "$kill_status" -eq 0
expect "API killed: the supervisor started it again within ${back_within} s" wait_for "$back_within" api_back "$api_pid"
traffic_stop "$work/api"
expect "API killed: the ping through the router lost no reply" ping_lost_none "$work/api/ping.log"
expect "API killed: the TCP stream through the router never stalled and completed" stream_never_stalled "$work/api/stream.json"
expect "API killed: no revision is left applying" revisions_settled "$auth"
expect "API killed: the API's running revision is the engine's" running_agrees "$auth"

# --- 2. the engine killed while flows run -----------------------------------------------------
traffic_start "$work/engine" "$stream_seconds"
wait_for 10 flow_listed "$auth" 5201 > /dev/null
engine_pid=$(cat /run/routeros-lab/engine.pid)
running_before=$(curl -sS --fail-with-body "$api/status" -H "$auth" | jq -r '.engine.runningRevision')
kill -KILL "$engine_pid"
expect "engine killed: the supervisor started it again and the API is ready again within ${back_within} s" wait_for "$back_within" engine_back "$engine_pid"
expect "engine killed: the restarted engine runs revision ${running_before} again" engine_runs "$auth" "$running_before"
expect "engine killed: the API's flow feed reconnected and lists the TCP stream" wait_for "$back_within" flow_listed "$auth" 5201
traffic_stop "$work/engine"
expect "engine killed: the ping through the router resumed" ping_resumed "$work/engine/ping.log"
expect "engine killed: the TCP stream through the router resumed and completed" stream_resumed "$work/engine/stream.json"
expect "engine killed: one DHCP client on wan0 (the dead engine's was stopped)" one_wan_dhcp_client

lab_stop
grep -q '^fail' "$result" && exit 1
exit 0
