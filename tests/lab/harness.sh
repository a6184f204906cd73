# Sourced by the lab tests (tests/lab/*.sh): starts `make run`'s lab (scripts/lab.sh) in the
# background with data directories of its own, waits until the API is ready, and always takes it
# down again: namespaces, processes and veths, even when the test fails or is interrupted.
# Needs root, like `make run`. The lab's names are fixed (ros-router, ros-lan, ros-wan, port 8080),
# so a lab already running (someone's `make run`) is left alone and the test fails saying so.
# Provides: lab_start, lab_stop, lab_ready, check (pass/fail lines), $lab_dir, $setup_token, $api.
# Set lab_log_copy to a path to keep the lab's output there, lab_scratch to a directory to remove with the lab.

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
api=http://127.0.0.1:8080/api/v1
lab_pid=
lab_dir=
setup_token=

# check RESULT_FILE pass|fail NAME: one line of the check file scripts/test-summary.sh counts.
check() {
  echo "$2 $3" >> "$1"
  echo "lab test: $2 $3"
}

# Ready: the API answers /readyz (engine and store), the router's WAN has its lease and the LAN
# client its address (both by DHCP, a few seconds after the engine starts).
lab_ready() {
  [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 http://127.0.0.1:8080/readyz) == 200 ]] &&
    ip -n ros-router -4 address show dev wan0 2>/dev/null | grep -q 'inet ' &&
    ip -n ros-lan -4 address show dev eth0 2>/dev/null | grep -q 'inet 192.168.1.100/'
}

# Starts the lab; returns non-zero (saying why) when it did not come up within LAB_START_TIMEOUT s.
lab_start() {
  if ip netns list | grep -qE '^ros-(router|lan|wan)\b' || curl -s -o /dev/null --max-time 2 http://127.0.0.1:8080/; then
    echo "lab test: a lab is already running (make run?): stop it first; it was left alone" >&2
    return 1
  fi
  lab_dir=$(mktemp -d /tmp/routeros-lab-test.XXXXXX)
  # The API runs as 'routeros' and needs to reach its data directory inside.
  chmod 0755 "$lab_dir"
  trap lab_stop EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  # Building and publishing are most of a lab's start: a lab after the first one of the same
  # build runs the API the first one published.
  local build published_stamp=$repo/artifacts/api/.lab-test-build skip=
  build=$(stat -c '%n %Y %s' "$repo"/src/RouterOS.Api/bin/"${CONFIGURATION:-Debug}"/net10.0/RouterOS.*.dll 2>/dev/null)
  [[ -n $build && -f $published_stamp && $(cat "$published_stamp") == "$build" ]] && skip=1
  ROUTEROS_LAB_DATA=$lab_dir/data ROUTEROS_LAB_ENGINE_STATE=$lab_dir/engine ROUTEROS_LAB_SKIP_PUBLISH=$skip \
    "$repo/scripts/lab.sh" > "$lab_dir/lab.log" 2>&1 &
  lab_pid=$!
  local deadline=$((SECONDS + ${LAB_START_TIMEOUT:-900}))
  until lab_ready; do
    if ! kill -0 "$lab_pid" 2>/dev/null; then
      echo "lab test: the lab exited while starting; its output:" >&2
      tail -n 40 "$lab_dir/lab.log" >&2
      return 1
    fi
    if ((SECONDS > deadline)); then
      echo "lab test: the lab was not ready within ${LAB_START_TIMEOUT:-900} s; its output:" >&2
      tail -n 40 "$lab_dir/lab.log" >&2
      return 1
    fi
    sleep 1
  done
  [[ -n $build ]] && echo "$build" > "$published_stamp"
  # The last token the API printed is the live one (each start before setup prints a new one).
  setup_token=$(grep -o 'Setup token: [0-9a-f]*' "$lab_dir/lab.log" | tail -n 1 | cut -d' ' -f3)
}

# The lab's own stop (TERM), then whatever it left, by its pid files and namespace names.
lab_stop() {
  trap - EXIT INT TERM
  if [[ -n $lab_pid ]] && kill -0 "$lab_pid" 2>/dev/null; then
    kill -TERM "$lab_pid" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$lab_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$lab_pid" 2>/dev/null
    wait "$lab_pid" 2>/dev/null
  fi
  [[ -n $lab_pid ]] && "$repo/scripts/lab.sh" --remove
  lab_pid=
  # The lab's output beside the test's results, for whoever reads a failure.
  [[ -n ${lab_log_copy:-} && -f $lab_dir/lab.log ]] && cp "$lab_dir/lab.log" "$lab_log_copy"
  if [[ -n $lab_dir && -z ${LAB_KEEP:-} ]]; then
    rm -rf "$lab_dir"
  fi
  [[ -n ${lab_scratch:-} ]] && rm -rf "$lab_scratch"
  return 0
}
