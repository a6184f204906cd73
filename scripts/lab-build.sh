#!/usr/bin/env bash
# The lab's build (scripts/lab.sh, `make run`): only what the lab runs, the engine and the API with
# the dashboard (RouterOS.Lab.slnf: no test or benchmark project), in one build that compiles
# independent projects on every core; then the API published from that build into artifacts/api,
# where its unprivileged user can read the dashboard's files (a build output names them in the
# NuGet cache under /root).
# The publish leaves out what only a device needs: the dashboard's assemblies are not trimmed and
# not Brotli-compressed (on a 2-core machine those two took 28 of a first publish's 65 s, and the
# lab's browser is on loopback). A second run with nothing changed builds and publishes nothing new.
# Progress: MSBuild's own (its live view on a terminal, a line per project otherwise), and the
# time each step took.
# Usage: lab-build.sh build|publish (the lab starts its namespaces and engine while the API publishes).
set -euo pipefail
cd "$(dirname "$0")/.."
config=${CONFIGURATION:-Debug}
out=$PWD/artifacts/api
step() {
  local what=$1 started=$SECONDS
  shift
  echo "lab: $what"
  "$@"
  echo "lab: $what: done in $((SECONDS - started)) s"
}
case ${1:-} in
  build)
    step "building the engine, the API and the dashboard (RouterOS.Lab.slnf)" \
      dotnet build RouterOS.Lab.slnf -c "$config" -nologo -v minimal -clp:NoSummary ;;
  publish)
    step "publishing the API and the dashboard into $out" \
      dotnet publish src/RouterOS.Api -c "$config" --no-build -p:CompressionEnabled=false -p:PublishTrimmed=false \
      -o "$out" -nologo -v quiet -clp:NoSummary
    chmod -R o+rX "$out" ;;
  *) echo "lab-build.sh: build or publish" >&2; exit 2 ;;
esac
