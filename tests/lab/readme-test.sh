#!/usr/bin/env bash
# The README works: every ```sh block of README.md runs as written against `make run`'s lab.
# Starts the lab (tests/lab/harness.sh), puts the setup token it printed where the README says
# <token from the API output>, and runs the blocks in order in one bash with `set -e -o pipefail`
# (the README's curl calls use --fail-with-body, so any refusal fails the block), in a scratch
# directory (the walkthrough writes files there) that sees the repository's examples/.
# One line per block goes to RESULT_FILE ("pass ..." or "fail ..."), as scripts/test-summary.sh counts.
# The block that starts the lab and the tests (make run, make test) is the one not run: this test
# is what runs the lab, and `make test` runs this test.
# Usage: tests/lab/readme-test.sh RESULT_FILE [README]  (another README: to see this test fail)
set -uo pipefail
result=$(realpath -m "$1")
source "$(dirname "$0")/harness.sh"
lab_log_copy=${result%.check}-lab.log
: > "$result"
readme=$(realpath "${2:-$repo/README.md}")

blocks=$(mktemp -d /tmp/routeros-readme.XXXXXX)
# Removed with the lab by the harness, whatever happens.
lab_scratch=$blocks
trap lab_stop EXIT
# Each ```sh ... ``` block of the README into its own file, in order.
awk -v dir="$blocks" '
  /^```sh[[:space:]]*$/ { n++; file = sprintf("%s/block-%02d.sh", dir, n); inside = 1; next }
  /^```/ && inside { inside = 0; close(file); next }
  inside { print > file }
' "$readme"
shopt -s nullglob
files=("$blocks"/block-*.sh)
if ((${#files[@]} == 0)); then
  check "$result" fail "README: no \`\`\`sh block found"
  exit 1
fi

if ! lab_start; then
  check "$result" fail "README: the lab did not start (see $lab_log_copy)"
  exit 1
fi
if [[ -z $setup_token ]]; then
  check "$result" fail "README: the API printed no setup token"
  exit 1
fi

work=$blocks/work
mkdir -p "$work"
ln -s "$repo/examples" "$work/examples"
script=$blocks/walkthrough.sh
{
  echo 'set -e -o pipefail'
  echo 'trap '\''echo "README command failed (status $?): $BASH_COMMAND" >&2'\'' ERR'
} > "$script"
for file in "${files[@]}"; do
  name=$(basename "$file" .sh)
  if grep -qE '^make (run|test)\b' "$file"; then
    echo "lab test: $name starts the lab or the tests (make run / make test): not run here" >&2
    continue
  fi
  # The placeholder the README names, replaced by the token this lab printed.
  sed "s/<token from the API output>/$setup_token/g" "$file" >> "$script"
  # Reached only if every command of the block succeeded.
  echo "echo \"pass README $name: $(head -n 1 "$file" | tr -d '"$`\\' | cut -c1-60)\" >> '$result'" >> "$script"
done

(cd "$work" && bash -x "$script") > "$blocks/walkthrough.log" 2>&1
status=$?
cp "$blocks/walkthrough.log" "${result%.check}-walkthrough.log"
if ((status != 0)); then
  failed=$(grep 'README command failed' "$blocks/walkthrough.log" | tail -n 1)
  check "$result" fail "README walkthrough: ${failed:-exited with $status} (see ${result%.check}-walkthrough.log)"
fi
lab_stop
exit "$status"
