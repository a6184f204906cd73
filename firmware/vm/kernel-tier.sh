#!/usr/bin/env bash
# The full-kernel test tier (issue 6): publishes the engine and the scenarios ReadyToRun (.NET
# starts slowly under emulation), boots Debian's stock kernel in the test VM once, runs every
# scenario there against the real engine, and writes one "pass|fail NAME" line per scenario to
# RESULTS_DIR/kernel.check for the closing count. A scenario that did not get to run (the VM
# died or passed its deadline) is a failure too.
# Usage: firmware/vm/kernel-tier.sh RESULTS_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
results=$(realpath -m "$1")
work=$repo/artifacts/vm
check=$results/kernel.check
start=$SECONDS
mkdir -p "$results" "$work"
rm -rf "$work/out" "$work/engine" "$work/scenarios"

publish() { dotnet publish "$repo/$1" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$2" -nologo -clp:NoSummary -v quiet; }
publish src/RouterOS.Engine "$work/engine"
publish tests/RouterOS.KernelScenarios "$work/scenarios"
mapfile -t names < <(dotnet "$work/scenarios/RouterOS.KernelScenarios.dll" --list)

cat > "$work/guest.sh" <<GUEST
#!/bin/sh
exec dotnet "$work/scenarios/RouterOS.KernelScenarios.dll" "$work/engine/RouterOS.Engine.dll" /vmout/results
GUEST
set +e
# In the background and waited for, so that a kill of this script reaches run.sh (which stops its VM).
VM_TIMEOUT=${VM_TIMEOUT:-900} "$here/run.sh" "$work/guest.sh" "$work/out" &
run_pid=$!
trap 'kill "$run_pid" 2>/dev/null' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
wait "$run_pid"
vm=$?
trap - EXIT
set -e
echo "== full-kernel VM log ($work/out/log):"
cat "$work/out/log" 2>/dev/null || echo "(no log)"
: > "$check"
for name in "${names[@]}"; do
  if line=$(grep -F -x -e "pass $name" -e "fail $name" "$work/out/results" 2>/dev/null); then
    echo "$line" >> "$check"
  else
    echo "fail $name (did not run: the VM ended with $vm)" >> "$check"
  fi
done
echo "== full-kernel tier: $(grep -c '^pass' "$check") passed, $(grep -c '^fail' "$check") failed, $((SECONDS - start)) s (VM exit $vm)"
