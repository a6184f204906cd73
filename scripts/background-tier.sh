#!/usr/bin/env bash
# A test tier that runs beside the others in `make test` (the device image tier: most of its time
# is a TCG guest booting, which needs one core while the other tiers use the rest).
#
#   background-tier.sh start NAME LIMIT COMMAND...
#     starts COMMAND in a session of its own at a lower priority (nice 10: the tiers in the
#     foreground, whose VM has deadlines of its own, keep their cores), stopped after LIMIT
#     (timeout(1)'s syntax); its output goes to NAME.log, its exit status to NAME.rc.
#   background-tier.sh wait NAME CHECK_FILE FAILURE
#     waits for it, prints its output, and adds the line FAILURE to CHECK_FILE when it did not end
#     by itself (it crashed, or LIMIT stopped it). Interrupted (Ctrl-C, a CI's TERM), it stops the
#     tier's whole session first, so nothing is left running: the tier's own traps remove its VM
#     and namespaces.
set -euo pipefail
action=$1 name=$2
shift 2
case $action in
  start)
    limit=$1
    shift
    rm -f "$name.rc" "$name.pid"
    # setsid: the tier and everything it starts (qemu, its namespaces' processes) are one session,
    # stopped together (timeout(1) makes a process group of its own, but stays in the session);
    # the session's id is the pid recorded here.
    setsid bash -c 'nice -n 10 timeout --kill-after 30s "$0" "$@"; echo $? > "'"$name"'.rc"' "$limit" "$@" \
      > "$name.log" 2>&1 < /dev/null &
    echo $! > "$name.pid"
    ;;
  wait)
    check_file=$1 failure=$2
    session=$(cat "$name.pid")
    trap 'pkill -TERM -s "$session"; exit 130' INT TERM
    while [[ ! -f $name.rc ]] && kill -0 "$session" 2>/dev/null; do
      sleep 5
    done
    cat "$name.log"
    if [[ $(cat "$name.rc" 2>/dev/null) != 0 ]]; then
      echo "$failure" >> "$check_file"
    fi
    ;;
  *)
    echo "background-tier.sh: start NAME LIMIT COMMAND... | wait NAME CHECK_FILE FAILURE" >&2
    exit 2
    ;;
esac
