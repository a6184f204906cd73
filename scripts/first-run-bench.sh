#!/usr/bin/env bash
# `make bench`: how long a new user waits. A fresh clone of this repository's HEAD runs `make run`
# twice, as the README says (root; NuGet packages and Debian packages already on the machine):
# each time from the command until the API answers on http://127.0.0.1:8080/readyz (the engine
# reached, the configuration committed), then the lab is stopped as Ctrl-C stops it. The first run
# builds and publishes everything the lab runs; the second finds nothing changed. The goals
# (issue 21): under 2 minutes and under 20 seconds on a 2-core machine.
# Usage: scripts/first-run-bench.sh [DOC]  (writes its section of DOC, docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")/.."
doc=$(realpath "${1:-docs/benchmarks.md}")
if [[ $(id -u) -ne 0 ]]; then
  echo "first-run-bench: run as root, as make run is" >&2
  exit 1
fi
if ip netns list | grep -qE '^ros-(router|lan|wan)\b' || curl -s -o /dev/null --max-time 2 http://127.0.0.1:8080/; then
  echo "first-run-bench: a lab is running (make run?): stop it first" >&2
  exit 1
fi
clone=$(mktemp -d /tmp/routeros-first-run.XXXXXX)
# The API runs as 'routeros' and reads what the lab published inside.
chmod 0755 "$clone"
lab=
stop_lab() {
  [[ -n $lab ]] || return 0
  # make and the lab are their own process group (setsid): TERM to all of it, as Ctrl-C does.
  kill -TERM -- "-$lab" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$lab" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$lab" 2>/dev/null || true
  wait "$lab" 2>/dev/null || true
  lab=
}
trap 'stop_lab; "$clone/scripts/lab.sh" --remove 2>/dev/null || true; rm -rf "$clone"' EXIT
git clone -q "$PWD" "$clone"

# run N: seconds from `make run` until /readyz answers 200 (at most 10 minutes).
run() {
  local started=${EPOCHREALTIME/./} now
  setsid make -C "$clone" run > "$clone/run-$1.log" 2>&1 &
  lab=$!
  until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 http://127.0.0.1:8080/readyz) == 200 ]]; do
    if ! kill -0 "$lab" 2>/dev/null; then
      echo "first-run-bench: make run exited; its output:" >&2; tail -n 30 "$clone/run-$1.log" >&2; exit 1
    fi
    now=${EPOCHREALTIME/./}
    if (((now - started) / 1000000 >= 600)); then
      echo "first-run-bench: no answer within 10 minutes; make run's output:" >&2; tail -n 30 "$clone/run-$1.log" >&2; exit 1
    fi
    sleep 0.2
  done
  now=${EPOCHREALTIME/./}
  stop_lab
  awk -v us=$((now - started)) 'BEGIN { printf "%.1f", us / 1000000 }'
}
first=$(run 1)
second=$(run 2)
build=$(grep -o 'RouterOS.Lab.slnf): done in [0-9]* s' "$clone/run-1.log" | grep -o '[0-9]* s')
publish=$(grep -o 'artifacts/api: done in [0-9]* s' "$clone/run-1.log" | grep -o '[0-9]* s')
section=$(cat <<MD
<!-- bench:first-run -->
## The first \`make run\` (issue 21)

$(date -u +%Y-%m-%d), $(nproc) cores, \`scripts/first-run-bench.sh\`: a fresh clone runs \`make run\` twice; each
time from the command until the API answers \`/readyz\` (the engine reached) on http://127.0.0.1:8080. NuGet's
and Debian's packages were already on the machine.

| | seconds | goal |
|---|---|---|
| first run: build ($build), publish ($publish beside the lab's start), lab up | $first | under 120 (about 176 before: the whole solution built, then a full publish) |
| second run, nothing changed | $second | under 20 (about 26 before) |
<!-- /bench:first-run -->
MD
)
scripts/bench-section.sh "$doc" first-run "$section"
echo "first run: $first s, second run: $second s"
