#!/usr/bin/env bash
# Runs the config API on http://127.0.0.1:8080 as the unprivileged system user 'routeros' (created
# here if missing), with its data in ./data (or ROUTEROS_LAB_DATA), from what scripts/lab-build.sh
# published into artifacts/api. The API never runs as root: only the engine does. The lab's
# supervisor starts it again this way after it dies, in a second.
set -euo pipefail
cd "$(dirname "$0")/.."
user=routeros
data=${ROUTEROS_LAB_DATA:-$PWD/data}
if ! id -u "$user" >/dev/null 2>&1; then
  useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
fi
mkdir -p "$data"
chown -R "$user:" "$data"
chmod 0700 "$data"
# Published, not from the build output: the dashboard's files are copied in with it (a build
# output points at the NuGet cache under /root, which the API's user cannot read). Run from the
# publish folder, so its appsettings.json (log levels, defaults) is the content root's.
out=$PWD/artifacts/api
[[ -f $out/RouterOS.Api.dll ]] || { echo "run-api: nothing published in $out (scripts/lab-build.sh publish)" >&2; exit 1; }
cd "$out"
# setpriv execs (runuser forks and waits): the API's pid is this script's, so a supervisor's
# signal reaches the API itself and a kill -9 of the API is seen by the supervisor at once.
exec setpriv --reuid="$user" --regid="$user" --init-groups env HOME="$data" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
  RouterOS__DataDirectory="$data" \
  RouterOS__EngineSocket="${RouterOS__EngineSocket:-/run/routeros/engine.sock}" \
  RouterOS__InitialConfig="${RouterOS__InitialConfig:-}" \
  ASPNETCORE_ENVIRONMENT=Production \
  dotnet RouterOS.Api.dll --urls http://127.0.0.1:8080
