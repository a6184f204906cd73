#!/usr/bin/env bash
# The engine and the API published self-contained for linux-x64 into APP_DIR/engine and APP_DIR/api
# (no .NET installed on the device), trimmed in the framework's own assemblies only
# (TrimMode=partial): EF Core is not trim-safe, full trimming of the engine broke Kestrel at run
# time (a TypeLoadException in X509Certificate2Collection), and the minimal APIs' request delegate
# generator, which full trimming turns on, does not compile the settings endpoints' generic
# handlers. ReadyToRun: the app's own assemblies are compiled ahead, so the engine and the API do
# not spend their first minutes in the JIT on a slow CPU (docs/firmware.md has the figures).
# Usage: publish.sh REPO APP_DIR
set -euo pipefail
repo=$1 app=$2
rm -rf "$app" && mkdir -p "$app"
# Its own intermediate and output folders (--artifacts-path): make test builds the image while other
# tiers build and run the same projects, which must not share obj/ with it.
common=(-c Release -r linux-x64 --self-contained -nologo -clp:NoSummary -v quiet -p:RouterOSReadyToRun=true
  --artifacts-path "$(dirname "$app")/dotnet-artifacts"
  -p:PublishTrimmed=true -p:TrimMode=partial -p:EnableRequestDelegateGenerator=false -p:SuppressTrimAnalysisWarnings=true)
dotnet publish "$repo/src/RouterOS.Engine" "${common[@]}" -o "$app/engine"
dotnet publish "$repo/src/RouterOS.Api" "${common[@]}" -o "$app/api"
# Debug symbols are not shipped.
find "$app" -name '*.pdb' -delete
chmod -R go-w,o+rX "$app"
