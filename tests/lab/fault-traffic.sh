# Sourced by tests/lab/fault-test.sh (after harness.sh): traffic through the lab router, the
# faults, and the checks. Each check is a command that succeeds or fails, saying why on stderr.

# admin_token SETUP_TOKEN: sets the admin password, signs in, prints the header of a write token.
admin_token() {
  local jar=$lab_dir/fault/jar password='fault tier admin password' xsrf token
  curl -sS --fail-with-body -X POST "$api/setup" -H 'Content-Type: application/json' \
    -d "{\"token\":\"$1\",\"password\":\"$password\"}" > /dev/null || return 1
  curl -sS --fail-with-body -c "$jar" -X POST "$api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$password\"}" > /dev/null || return 1
  xsrf=$(curl -sS --fail-with-body -b "$jar" -c "$jar" "$api/auth/antiforgery" | jq -er .token) || return 1
  token=$(curl -sS --fail-with-body -b "$jar" -c "$jar" -X POST "$api/tokens" -H "X-XSRF-TOKEN: $xsrf" \
    -H 'Content-Type: application/json' -d '{"name":"fault-tier","scope":"write"}' | jq -er .token) || return 1
  echo "Authorization: Bearer $token"
}

# wait_for SECONDS COMMAND...: until the command succeeds (every 0.2 s), or fails after SECONDS.
wait_for() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@" 2> /dev/null; do
    ((SECONDS < deadline)) || { "$@"; return 1; }
    sleep 0.2
  done
}

# traffic_start DIR SECONDS: a ping and an iperf3 TCP stream (SECONDS at most) from the LAN client
# to the ISP, through the router; returns once both flow.
traffic_start() {
  mkdir -p "$1"
  ip netns exec ros-wan iperf3 -s -B 203.0.113.1 -1 > "$1/server.log" 2>&1 &
  echo $! > "$1/server.pid"
  wait_for 10 server_listens
  ip netns exec ros-lan busybox ping -i 0.2 203.0.113.1 > "$1/ping.log" 2>&1 &
  echo $! > "$1/ping.pid"
  ip netns exec ros-lan iperf3 -c 203.0.113.1 -t "$2" -b 2M -l 16K -i 1 --json > "$1/stream.json" 2>&1 &
  echo $! > "$1/stream.pid"
  wait_for 10 grep -q 'bytes from' "$1/ping.log"
  wait_for 10 stream_connected
}
server_listens() { ip netns exec ros-wan ss -Htln 'sport = :5201' | grep -q .; }
stream_connected() { ip netns exec ros-lan ss -Htn state established 'dport = :5201' | grep -q .; }

# traffic_stop DIR: the stream a few seconds longer (a resumed stream shows it flows), then both end.
traffic_stop() {
  sleep 3
  kill -INT "$(cat "$1/stream.pid")" "$(cat "$1/ping.pid")" 2>/dev/null
  wait "$(cat "$1/stream.pid")" "$(cat "$1/ping.pid")" 2>/dev/null
  kill "$(cat "$1/server.pid")" 2>/dev/null
  wait "$(cat "$1/server.pid")" 2>/dev/null
  return 0
}

# kill_when_applying DB PID: as the API's user, reads the API's store until a revision is being
# applied, then kills the API (SIGKILL) at once; prints which revision. Its first line, "watching",
# comes once it knows the newest revision so far: start the commit after that line, or a quick
# commit can end before the watcher has looked and be taken for the revision before it. Exit 2
# when a new revision finished applying before a read saw it (an apply can be that quick: the
# caller tries again); exit 1 after 30 s.
kill_when_applying() {
  setpriv --reuid=routeros --regid=routeros --init-groups /usr/bin/python3 - "$1" "$2" <<'PYTHON'
import os, signal, sqlite3, sys, time
store = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=5)
newest_before = store.execute("SELECT COALESCE(MAX(Number), 0) FROM Revisions").fetchone()[0]
print("watching", flush=True)
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    row = store.execute("SELECT Number FROM Revisions WHERE State = 'Applying'").fetchone()
    if row:
        os.kill(int(sys.argv[2]), signal.SIGKILL)
        print(f"revision {row[0]}")
        sys.exit(0)
    done = store.execute("SELECT Number FROM Revisions WHERE Number > ? AND State <> 'Applying'", (newest_before,)).fetchone()
    if done:
        print(f"revision {done[0]} was applied before a read saw it applying")
        sys.exit(2)
    time.sleep(0.002)
print("no revision was seen applying")
sys.exit(1)
PYTHON
}

# Back: a new pid under the supervisor, and the API ready (engine reachable, store open).
api_back() { local now; now=$(cat /run/routeros-lab/api.pid 2>/dev/null) && [[ $now != "$1" ]] && lab_ready; }
engine_back() { local now; now=$(cat /run/routeros-lab/engine.pid 2>/dev/null) && [[ $now != "$1" ]] && lab_ready; }

# The ping's replies (busybox: "seq=N"): none missing between the first and the last.
ping_lost_none() {
  awk -F'seq=' '/bytes from/ { split($2, a, " "); seen[a[1]] = 1; if (first == "") first = a[1]; last = a[1] }
    END { missing = 0; for (s = first; s <= last; s++) if (!(s in seen)) missing++;
          if (first == "" || missing > 0) { print "ping: " missing " of " last - first + 1 " replies missing" > "/dev/stderr"; exit 1 } }' "$1"
}
# Replies again at the end: of the last 10 pings sent (2 s), at least 5 were answered.
ping_resumed() {
  awk -F'seq=' '/bytes from/ { split($2, a, " "); seen[a[1]] = 1 }
    / packets transmitted/ { sent = $0 + 0 }
    END { answered = 0; for (s = sent - 10; s < sent; s++) if (s in seen) answered++;
          if (answered < 5) { print "ping: " answered " of the last 10 answered" > "/dev/stderr"; exit 1 } }' "$1"
}

# The stream ended only by our interrupt, and no whole second of it (the last, partial one
# aside) carried nothing.
stream_never_stalled() {
  jq -e '(.error // "interrupt - the client has terminated") == "interrupt - the client has terminated"
    and (.intervals | length) > 3 and ([.intervals[:-1][].sum.bytes] | all(. > 0))' "$1" > /dev/null
}
# Ended only by our interrupt, and the last three whole seconds carried data.
stream_resumed() {
  jq -e '(.error // "interrupt - the client has terminated") == "interrupt - the client has terminated"
    and (.intervals | length) > 4 and ([.intervals[-4:-1][].sum.bytes] | all(. > 0))' "$1" > /dev/null
}

revisions_settled() { curl -sS --fail-with-body "$api/revisions" -H "$1" | jq -e 'length > 0 and all(.state != "Applying")' > /dev/null; }
# The revision the API records as running is the one the engine runs.
running_agrees() {
  curl -sS --fail-with-body "$api/status" -H "$1" | jq -e '.engineReachable and .runningRevision == .engine.runningRevision' > /dev/null
}
engine_runs() { curl -sS --fail-with-body "$api/status" -H "$1" | jq -e --argjson n "$2" '.engine.runningRevision == $n' > /dev/null; }
flow_listed() {
  curl -sS --fail-with-body "$api/flows?filter=port:$2" -H "$1" | jq -e '.connected and (.rows | length) > 0' > /dev/null
}
one_wan_dhcp_client() {
  local count
  count=$(ip netns pids ros-router | xargs -r -I{} cat /proc/{}/cmdline 2>/dev/null | tr '\0' ' ' | grep -o 'udhcpc -i wan0' | wc -l)
  [[ $count -eq 1 ]] || { echo "udhcpc on wan0: $count processes" >&2; return 1; }
}
