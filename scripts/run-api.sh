#!/usr/bin/env bash
# Runs the config API on http://127.0.0.1:8080 as the unprivileged system user 'routeros' (created
# here if missing), with its data in ./data. The API never runs as root: only the engine does.
set -euo pipefail
cd "$(dirname "$0")/.."
user=routeros
data=$PWD/data
if ! id -u "$user" >/dev/null 2>&1; then
  useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
fi
mkdir -p "$data"
chown -R "$user:" "$data"
chmod 0700 "$data"
# The API's user must be able to read its build output.
chmod -R o+rX src/RouterOS.Api/bin
# From its build output, so its appsettings.json (log levels, defaults) is the content root's.
cd src/RouterOS.Api/bin/"${CONFIGURATION:-Debug}"/net10.0
exec runuser -u "$user" -- env HOME="$data" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
  RouterOS__DataDirectory="$data" \
  RouterOS__EngineSocket="${RouterOS__EngineSocket:-/run/routeros/engine.sock}" \
  RouterOS__InitialConfig="${RouterOS__InitialConfig:-}" \
  ASPNETCORE_ENVIRONMENT=Production \
  dotnet RouterOS.Api.dll --urls http://127.0.0.1:8080
