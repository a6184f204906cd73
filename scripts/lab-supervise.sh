#!/usr/bin/env bash
# The lab's supervisor (scripts/lab.sh): runs one service (the engine, or the API) and starts it
# again a second after it dies, for as long as the lab runs. The device image will supervise the
# same two services with systemd units (Restart=always); the lab runs inside whatever shell started
# `make run`, where no systemd manages our processes, so the same policy is this small loop.
# Engine and API each get their own supervisor: one dying never takes the other down, and routing
# (kernel state the engine set) never depends on either.
# TERM or INT: the service gets TERM, then KILL if it is still there after 1.5 s, and the
# supervisor exits: stopping the lab is bounded (under 3 s in all, the namespaces' removal included).
# Usage: lab-supervise.sh NAME PID_FILE COMMAND [ARGUMENT...]
#   PID_FILE holds the running service's pid (for the lab's teardown and the fault tests).
set -uo pipefail
name=$1 pid_file=$2
shift 2
stop_grace_us=1500000
# The lab that started this supervisor: when it is gone (killed outright), nothing is restarted.
lab=$PPID
holdoff=1
child=

stop() {
  trap - TERM INT
  if [[ -n $child ]]; then
    kill -TERM "$child" 2>/dev/null
    # Bash reaps its children as they exit, so kill -0 fails once the service is gone. By the
    # clock, not by counting sleeps (on a busy machine each sleep takes longer than asked).
    local deadline=$((${EPOCHREALTIME/./} + stop_grace_us))
    while kill -0 "$child" 2>/dev/null && ((${EPOCHREALTIME/./} < deadline)); do
      sleep 0.05
    done
    if kill -0 "$child" 2>/dev/null; then
      echo "lab: $name did not stop within 1.5 s: killed"
      kill -KILL "$child" 2>/dev/null
    fi
    wait "$child" 2>/dev/null
  fi
  rm -f "$pid_file"
  exit 0
}
trap stop TERM INT

while :; do
  "$@" &
  child=$!
  echo "$child" > "$pid_file"
  wait "$child"
  status=$?
  child=
  rm -f "$pid_file"
  if ! kill -0 "$lab" 2>/dev/null; then
    echo "lab: $name exited (status $status) and the lab is gone: not started again"
    exit 0
  fi
  echo "lab: $name exited (status $status); the supervisor starts it again in ${holdoff} s"
  # In the background and waited for, so a TERM during the hold-off is handled at once.
  sleep "$holdoff" &
  child=$!
  wait "$child"
  child=
done
