#!/usr/bin/env bash
# The engine and the API published self-contained for linux-x64 into APP_DIR/engine and APP_DIR/api
# (no .NET installed on the device). The engine is trimmed (about 30 MB instead of 109). The API
# is trimmed only in the framework's own assemblies (TrimMode=partial: 87 MB instead of 141): EF
# Core is not trim-safe, and the minimal APIs' request delegate generator, which full trimming
# turns on, does not compile the settings endpoints' generic handlers (docs/firmware.md).
# The firmware's version is not compiled in: it is /etc/routeros-release in the slot, so two
# builds that differ only in their version string share one publish.
# Usage: publish.sh REPO APP_DIR
set -euo pipefail
repo=$1 app=$2
rm -rf "$app" && mkdir -p "$app"
common=(-c Release -r linux-x64 --self-contained -nologo -clp:NoSummary -v quiet)
dotnet publish "$repo/src/RouterOS.Engine" "${common[@]}" -p:PublishTrimmed=true -o "$app/engine"
dotnet publish "$repo/src/RouterOS.Api" "${common[@]}" -p:PublishTrimmed=true -p:TrimMode=partial \
  -p:EnableRequestDelegateGenerator=false -p:SuppressTrimAnalysisWarnings=true -o "$app/api"
# Debug symbols are not shipped.
find "$app" -name '*.pdb' -delete
chmod -R go-w,o+rX "$app"
