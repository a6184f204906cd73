#!/usr/bin/env bash
# `make bench`: how long the dashboard takes to show something useful. Publishes the API with the
# dashboard in Release, as the container and the device image ship it (trimmed, precompressed),
# serves it from that folder on loopback (no engine: the dashboard's files and its sign-in need
# none), and opens it in Debian's Chromium, headless (bench/RouterOS.Dashboard.Bench): a first visit
# with an empty cache, then a reload, RUNS times; medians into docs/benchmarks.md.
# Goals (issue 23): content within 2 s on a first visit and 1 s on a reload.
# Usage: scripts/dashboard-load-bench.sh [DOC] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
doc=$(realpath "${1:-docs/benchmarks.md}")
runs=${2:-7}
port=${ROUTEROS_DASHBOARD_BENCH_PORT:-18090}
work=$(mktemp -d /tmp/routeros-dashboard-bench.XXXXXX)
api=
cleanup() {
  [[ -z $api ]] || { kill "$api" 2>/dev/null || true; wait "$api" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT
dotnet build bench/RouterOS.Dashboard.Bench -c Release -nologo -clp:NoSummary -v quiet
dotnet publish src/RouterOS.Api -c Release -o "$work/api" -nologo -clp:NoSummary -v quiet
mkdir -p "$work/data"
(cd "$work/api" && exec env ASPNETCORE_ENVIRONMENT=Production RouterOS__DataDirectory="$work/data" \
  RouterOS__EngineSocket="$work/engine.sock" RouterOS__AllowRoot=true \
  dotnet RouterOS.Api.dll --urls "http://127.0.0.1:$port" > "$work/api.log" 2>&1) &
api=$!
for _ in $(seq 1 300); do
  curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/" && break
  kill -0 "$api" 2>/dev/null || { echo "dashboard-load-bench: the API exited:" >&2; tail -n 30 "$work/api.log" >&2; exit 1; }
  sleep 0.2
done
# What a reload relies on (the API tests check it on the build, which has no Brotli): a fingerprinted
# framework file comes as Brotli and immutable, the page and dotnet.js are revalidated.
base=http://127.0.0.1:$port
corelib=$(curl -s --compressed "$base/_framework/dotnet.js" | grep -o 'System\.Private\.CoreLib\.[a-z0-9]*\.wasm' | sed -n 1p)
headers() { curl -s -o /dev/null -D - -H 'Accept-Encoding: br, gzip' "$base$1" | tr -d '\r' | tr 'A-Z' 'a-z'; }
framework=$(headers "/_framework/$corelib")
grep -q '^content-encoding: br$' <<< "$framework" && grep -q '^cache-control: .*immutable' <<< "$framework" \
  || { echo "dashboard-load-bench: /_framework/$corelib is not served as Brotli and immutable:" >&2; echo "$framework" >&2; exit 1; }
# The router's address sends a signed-out browser to setup or sign-in (rendered at build time).
[[ $(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$base/") == "302 $base/setup" ]] \
  || { echo "dashboard-load-bench: / does not send a new router's browser to /setup" >&2; exit 1; }
for path in /setup /login /_framework/dotnet.js; do
  grep -q '^cache-control: no-cache$' <<< "$(headers "$path")" || { echo "dashboard-load-bench: $path is not served no-cache" >&2; exit 1; }
done
load=$(cut -d' ' -f1-3 /proc/loadavg)
# The API prints the one-time setup token; the bench sets the router up with it after the signed-out loads.
token=$(sed -n 's/^Setup token: //p' "$work/api.log" | tail -n 1)
[[ -n $token ]] || { echo "dashboard-load-bench: the API printed no setup token" >&2; exit 1; }
dotnet bench/RouterOS.Dashboard.Bench/bin/Release/net10.0/RouterOS.Dashboard.Bench.dll "http://127.0.0.1:$port/" "$runs" "$work/medians.tsv" "$token"
read -r _ first_paint first_content first_usable first_bytes first_requests _ < <(grep '^first' "$work/medians.tsv")
read -r _ reload_paint reload_content reload_usable reload_bytes reload_requests reload_304 < <(grep '^reload' "$work/medians.tsv")
read -r _ signed_paint signed_app signed_data signed_bytes signed_requests signed_304 < <(grep '^signed-in' "$work/medians.tsv")
s() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }
kib() { awk -v b="$1" 'BEGIN { if (b >= 1048576) printf "%.2f MiB", b / 1048576; else printf "%.1f KiB", b / 1024 }'; }
ratio() { awk -v ms="$1" -v goal="$2" 'BEGIN { printf "%.2f", ms / goal }'; }
section=$(cat <<MD
<!-- bench:dashboard-load -->
## Dashboard first load and reload (issue 23)

$(date -u +%Y-%m-%d), $(nproc) cores, load average $load at the start (1, 5, 15 min; above 2, other work shared the
cores), \`scripts/dashboard-load-bench.sh\`: the API published in Release (the dashboard trimmed, \`.br\`/\`.gz\`
beside its files) on loopback; Debian's Chromium, headless, 1440x900 (bench/RouterOS.Dashboard.Bench). A first
visit in a fresh profile (empty cache), then a reload of the same tab; $runs runs after one not counted; medians.
The router's address sends a signed-out browser to /setup (here) or /login, served as rendered at build time
(web/RouterOS.Dashboard.Prerender). Paint: the first contentful paint. Content: the page's form (the setup
token's field) in the page. Usable: that field enabled, the app running and taking input. Bytes: what crossed
the network (compressed, headers included).

| | paint s | content s | usable s | goal s | content / goal | usable / goal | bytes | requests (304) |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
| first visit (cold cache) | $(s "$first_paint") | $(s "$first_content") | $(s "$first_usable") | 2 | $(ratio "$first_content" 2000) | $(ratio "$first_usable" 2000) | $(kib "$first_bytes") | $first_requests |
| reload (warm cache) | $(s "$reload_paint") | $(s "$reload_content") | $(s "$reload_usable") | 1 | $(ratio "$reload_content" 1000) | $(ratio "$reload_usable" 1000) | $(kib "$reload_bytes") | $reload_requests ($reload_304) |

An administrator's daily case, signed in: a reload of the Interfaces page ($runs runs after one not counted,
medians). App: the app running and signed in (the user's name in the app bar); data: the page with the router's
configuration read from the API. Until the app runs, the page shows the loading skeleton.

| | paint s | app s | data s | goal s | data / goal | bytes | requests (304) |
|---|---:|---:|---:|---:|---:|---:|---:|
| reload, signed in, /interfaces | $(s "$signed_paint") | $(s "$signed_app") | $(s "$signed_data") | 1 | $(ratio "$signed_data" 1000) | $(kib "$signed_bytes") | $signed_requests ($signed_304) |

Paint can come after content: the form is in the page as the HTML is parsed, and painted once the stylesheets are
in. The form that shows at once is disabled until the app runs (typing into it before would be lost): usable is
the WebAssembly runtime having started the app in its interpreter (no AOT workload is served offline here), and the
API cannot render pages per request (NativeAOT on the device). Earlier, on this machine: before the pages rendered
at build time (HEAD 3015a0b, quiet), the form appeared only with the running app, at 3.85 s on a first visit and
2.12 s on a reload; before the skeleton (HEAD 44554fb, load average 38), "Loading RouterOS..." until 13.75 s and
6.38 s.
<!-- /bench:dashboard-load -->
MD
)
scripts/bench-section.sh "$doc" dashboard-load "$section"
echo "dashboard load: first visit content $(s "$first_content") s, usable $(s "$first_usable") s, $(kib "$first_bytes"); reload content $(s "$reload_content") s, usable $(s "$reload_usable") s, $(kib "$reload_bytes"); signed-in reload of /interfaces: data $(s "$signed_data") s"
