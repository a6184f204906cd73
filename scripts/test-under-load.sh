#!/usr/bin/env bash
# Tiers 1 and 2 several times in a row while stress-ng keeps every core busy: a test that waits on
# a fixed delay or races a clock shows up here, where a quiet machine hides it. Stops at the first
# run with a failure and keeps that run's reports.
# Usage: test-under-load.sh RESULTS_DIR CONFIGURATION RUNS PROJECT...
set -euo pipefail
results=$1; configuration=$2; runs=$3; shift 3
stress-ng --cpu "$(nproc)" --timeout 0 --quiet &
stress=$!
trap 'kill $stress 2>/dev/null; wait $stress 2>/dev/null || true' EXIT
for run in $(seq 1 "$runs"); do
  dir=$results/run-$run
  rm -rf "$dir" && mkdir -p "$dir"
  echo "== run $run of $runs beside stress-ng --cpu $(nproc) (load $(cut -d' ' -f1 /proc/loadavg))"
  scripts/test-projects.sh "$dir" "$configuration" "$@"
  if ! summary=$(scripts/test-summary.sh "$dir" "$dir/reports.check"); then
    echo "$summary"
    echo "run $run of $runs failed under load"
    exit 1
  fi
  echo "run $run: ${summary##*$'\n'}"
done
echo "$runs runs in a row passed under load"
