#!/usr/bin/env bash
# The engine and the API published self-contained for linux-x64 into APP_DIR/engine and APP_DIR/api
# (no .NET installed on the device).
#
# The engine is compiled NativeAOT (RouterOSNativeAot; clang links it): one native binary with no
# JIT and no runtime beside it. Measured with the engine applying a configuration committed over the
# API (scripts/engine-aot-bench.sh, `make bench`; docs/benchmarks.md), against this engine on the
# JIT: half the resident memory (40 against 82 MB idle: one 20 MB binary mapped instead of 47 MB of
# runtime and assemblies, and no JIT'd code mapped twice), a third of the time from exec to
# answering on its socket with the configuration restored (a boot), and 19 against 67 MiB on disk.
# Memory and start time are what a router is short of (docs/firmware.md). NativeAOT trims the whole
# program: the engine's code is trim- and AOT-clean (source-generated JSON, LibraryImport, no
# reflection: the analyzers check it in every build), and the compiler's warnings stay errors, so no
# trim warning is suppressed for it. (Full IL trimming of the JIT build broke Kestrel at run time, a
# TypeLoadException in X509Certificate2Collection; the NativeAOT engine serves gRPC, as the
# benchmark checks.)
#
# The API is compiled NativeAOT the same way, for the same reasons: on the JIT (self-contained,
# partial trim, ReadyToRun) it was about 160 MB resident idle, its ReadyToRun code, JIT'd code and
# runtime mapped, and engine + API could not meet the 150 MB goal (docs/benchmarks.md). Its storage
# is plain SQL on Microsoft.Data.Sqlite (EF Core's NativeAOT mode is experimental), its JSON source-
# generated only (reflection is off in the JIT builds too), and the request delegate and
# configuration binding generators run in every build, so the tests run the code the device runs.
#
# Usage: publish.sh REPO APP_DIR [PART...]
#   PART: engine, api (NativeAOT, what the image ships), or engine-jit (the engine on the JIT:
#   partial trim, ReadyToRun, for the benchmark's comparison). Default: engine api.
set -euo pipefail
repo=$1 app=$2
shift 2
parts=("$@")
((${#parts[@]} > 0)) || parts=(engine api)
rm -rf "$app" && mkdir -p "$app"
# Its own intermediate and output folders (--artifacts-path): make test builds the image while other
# tiers build and run the same projects, which must not share obj/ with it. Nor their build
# processes: make test runs this at the lowest priority, which MSBuild nodes and a compiler server
# left for the next build would pass on to it (and one of theirs would lift this one's).
common=(-c Release -r linux-x64 --self-contained -nologo -clp:NoSummary -v quiet -nodeReuse:false
  -p:UseSharedCompilation=false --artifacts-path "$(dirname "$app")/dotnet-artifacts")
jit=("${common[@]}" -p:RouterOSReadyToRun=true -p:PublishTrimmed=true -p:TrimMode=partial
  -p:SuppressTrimAnalysisWarnings=true)
# The dashboard's files are kept as they are and Brotli-compressed, not also gzipped (5 MB that xz
# cannot shrink, 5% of the compressed image): on the device a browser reaches the dashboard only
# over HTTPS (plain HTTP from off the router is redirected), where every browser since 2017 takes
# Brotli; a client that takes neither gets the files uncompressed.
brotli_only=(-p:EnableDefaultCompressionFormats=false -p:BuildCompressionFormats= -p:PublishCompressionFormats=brotli)
for part in "${parts[@]}"; do
  case $part in
    engine) dotnet publish "$repo/src/RouterOS.Engine" "${common[@]}" -p:RouterOSNativeAot=true -o "$app/engine" ;;
    engine-jit) dotnet publish "$repo/src/RouterOS.Engine" "${jit[@]}" -o "$app/engine" ;;
    api) dotnet publish "$repo/src/RouterOS.Api" "${common[@]}" -p:RouterOSNativeAot=true "${brotli_only[@]}" -o "$app/api" ;;
    *) echo "publish.sh: no part '$part' (engine, engine-jit, api)" >&2; exit 2 ;;
  esac
done
# Debug symbols are not shipped (NativeAOT writes its symbols beside the binary, as .dbg), nor
# Blazor's WebAssembly debugging proxy (only UseWebAssemblyDebugging starts it, which the API never
# calls), nor, in a JIT build (engine-jit), what only a developer's tools load: the debugger's
# libraries (mscordaccore, mscordbi) and createdump, the LTTng trace provider (the runtime goes on
# without it) and the standalone GCs (loaded only when DOTNET_GCName names one).
find "$app" \( -name '*.pdb' -o -name '*.dbg' -o -name 'libmscordaccore.so' -o -name 'libmscordbi.so' -o -name createdump \
  -o -name 'libcoreclrtraceptprovider.so' -o -name 'libclrgc.so' -o -name 'libclrgcexp.so' \) -delete
rm -rf "$app/api/BlazorDebugProxy"
chmod -R go-w,o+rX "$app"
