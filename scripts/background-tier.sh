#!/usr/bin/env bash
# make test runs the device image tier's build in the background (docs/firmware.md, "The image tier
# in make test"). Each line of a make recipe is a shell of its own, so one line starts it and a
# later one waits for it.
#   background-tier.sh start PREFIX LIMIT OWNER COMMAND...: runs COMMAND under `timeout LIMIT`, its
#     output in PREFIX.log, its pid in PREFIX.pid and its exit status, once it ends, in
#     PREFIX.status. OWNER is make's pid: when make is gone (Ctrl-C, a kill), the tier is stopped
#     within seconds, not left to run until its limit (timeout makes a process group of its own,
#     which a terminal's Ctrl-C does not reach).
#   background-tier.sh wait PREFIX CHECK_FILE NAME: waits for it, prints its log, and writes
#     "fail NAME did not run to the end" to CHECK_FILE when it did not end by itself (its timeout,
#     a crash, a kill).
set -euo pipefail
action=$1 prefix=$2
shift 2
case $action in
  start)
    limit=$1 owner=$2
    shift 2
    rm -f "$prefix.status"
    # Its own output and no terminal: the tier outlives this recipe line, and must not hold make's
    # output (a pipe CI reads to its end) open.
    (
      timeout --kill-after 30s "$limit" "$@" > "$prefix.log" 2>&1 < /dev/null &
      tier=$!
      # TERM to timeout reaches the tier's whole process group.
      while kill -0 "$tier" 2>/dev/null; do
        if ! kill -0 "$owner" 2>/dev/null; then
          echo "background-tier: make (pid $owner) is gone: the tier is stopped" >> "$prefix.log"
          kill -TERM "$tier" 2>/dev/null
          break
        fi
        sleep 2
      done
      status=0
      wait "$tier" || status=$?
      echo "$status" > "$prefix.status"
    ) < /dev/null > /dev/null 2>&1 &
    echo $! > "$prefix.pid"
    ;;
  wait)
    check_file=$1 name=$2
    pid=$(cat "$prefix.pid")
    # Not this shell's child: tail waits for any process.
    tail --pid="$pid" -f /dev/null
    cat "$prefix.log" 2>/dev/null || true
    status=$(cat "$prefix.status" 2>/dev/null || echo "none")
    [[ $status == 0 ]] || echo "fail $name did not run to the end (exit status $status)" >> "$check_file"
    ;;
  *)
    echo "background-tier.sh: start or wait, not '$action'" >&2
    exit 2
    ;;
esac
