#!/usr/bin/env bash
# Tiers 1 and 2: every test project, built already, one at a time, each report under its own name
# (reports named by the clock overwrote each other when two projects finished together, and their
# tests went uncounted). A project that crashes or writes no report is a failed check, never silence.
# Usage: test-projects.sh RESULTS_DIR CONFIGURATION PROJECT...
set -uo pipefail
results=$(realpath "$1"); configuration=$2; shift 2
for project in "$@"; do
  name=$(basename "$project" .csproj)
  dotnet test --project "$project" -c "$configuration" --no-build --results-directory "$results" \
    --report-xunit-ctrf --report-xunit-ctrf-filename "$name.ctrf" --timeout 20m || true
  if [[ -f $results/$name.ctrf ]]; then echo "pass $name wrote its test report"
  else echo "fail $name wrote no test report (its tests did not run or crashed)"; fi >> "$results/reports.check"
done
