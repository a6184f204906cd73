#!/usr/bin/env bash
# Adds up the CTRF reports (one per test project run) and the extra checks that make test ran,
# prints one plain line "N passed, N failed[, N skipped]" last, and exits non-zero on any failure
# or when no test ran at all.
# Usage: test-summary.sh [--no-reports] RESULTS_DIR [CHECK_RESULT_FILE...]
#   --no-reports: only checks ran (make test-kernel), so no test project report is expected.
#   each CHECK_RESULT_FILE holds lines "pass <name>" or "fail <name>" for checks that are not a
#   test project (dotnet format, the full-kernel VM scenarios).
set -euo pipefail
expect_reports=true
if [[ ${1:-} == --no-reports ]]; then
  expect_reports=false
  shift
fi
results_dir=$1
shift

passed=0 failed=0 skipped=0
shopt -s nullglob
reports=("$results_dir"/*.ctrf)
for report in "${reports[@]}"; do
  read -r p f s o < <(jq -r '.results.summary | "\(.passed) \(.failed) \(.skipped) \((.pending // 0) + (.other // 0))"' "$report")
  passed=$((passed + p)); failed=$((failed + f + o)); skipped=$((skipped + s))
  # Errors outside any test (a fixture that threw, a crashed test host) count as failures too.
  errors=$(jq '[.results.extra.suites[]?.errors[]?] | length' "$report")
  failed=$((failed + errors))
  jq -r '.results.tests[] | select(.status == "failed") | "FAILED: \(.name)"' "$report"
  jq -r '.results.extra.suites[]?.errors[]? | "ERROR: \(.)"' "$report"
done
for check in "$@"; do
  if [[ ! -s $check ]]; then
    failed=$((failed + 1)); echo "FAILED: $check (no result)"; continue
  fi
  while read -r verdict name; do
    if [[ $verdict == pass ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name"; fi
  done < "$check"
done

if $expect_reports && ((${#reports[@]} == 0)); then
  echo "no test report found in $results_dir: the test run did not happen"
  failed=$((failed + 1))
fi
line="$passed passed, $failed failed"
((skipped > 0)) && line+=", $skipped skipped"
echo "$line"
((failed == 0))
