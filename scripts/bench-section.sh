#!/usr/bin/env bash
# Writes one benchmark's section into docs/benchmarks.md (the shell benchmarks' counterpart of
# bench/Shared/BenchmarkDocument.cs): SECTION, which starts with <!-- bench:NAME --> and ends
# with <!-- /bench:NAME -->, replaces the section of that name, or is appended when there is none,
# so each benchmark rewrites its own figures and leaves the others'.
# Usage: bench-section.sh DOC NAME SECTION
set -euo pipefail
doc=$1 name=$2 section=$3
if grep -qF "<!-- bench:$name -->" "$doc"; then
  python3 - "$doc" "$name" "$section" <<'PY'
import re, sys
path, name, section = sys.argv[1:4]
text = open(path).read()
pattern = re.escape(f"<!-- bench:{name} -->") + ".*?" + re.escape(f"<!-- /bench:{name} -->")
open(path, "w").write(re.sub(pattern, lambda _: section, text, flags=re.S))
PY
else
  printf '\n%s\n' "$section" >> "$doc"
fi
