#!/usr/bin/env bash
# `make bench`: the dashboard's download size. Publishes the WebAssembly app in Release (trimmed,
# as it ships) and writes what a browser downloads on its first visit, uncompressed and as the
# API serves it (Brotli), into its section of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
doc=${1:-docs/benchmarks.md}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet publish web/RouterOS.Dashboard -c Release -o "$out" -nologo -clp:NoSummary -v quiet
root=$out/wwwroot
# Every file the first visit fetches: the uncompressed originals, and for each its .br where one exists.
raw=0; brotli=0; files=0
while IFS= read -r -d '' file; do
  size=$(stat -c %s "$file")
  raw=$((raw + size)); files=$((files + 1))
  if [[ -f $file.br ]]; then brotli=$((brotli + $(stat -c %s "$file.br"))); else brotli=$((brotli + size)); fi
done < <(find "$root" -type f ! -name '*.br' ! -name '*.gz' -print0)
framework=$(find "$root/_framework" -name '*.wasm' ! -name '*.br' ! -name '*.gz' | wc -l)
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
section=$(cat <<MD
<!-- bench:dashboard-size -->
## Dashboard download size (Release publish, trimmed)

$(date -u +%Y-%m-%d), \`dotnet publish web/RouterOS.Dashboard -c Release\` (Blazor WebAssembly trims on publish; invariant
globalization). Everything the published app serves: $files files ($framework WebAssembly assemblies).

| | Size |
|---|---|
| Uncompressed | $(mib "$raw") |
| As served (Brotli, \`.br\` next to each file, sent by MapStaticAssets) | $(mib "$brotli") |
<!-- /bench:dashboard-size -->
MD
)
scripts/bench-section.sh "$doc" dashboard-size "$section"
echo "dashboard: $(mib "$raw") uncompressed, $(mib "$brotli") as served (Brotli), $files files"
