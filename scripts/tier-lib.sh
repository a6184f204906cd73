# Shared by the shell test tiers (firmware/image/image-tier.sh, container/compose-tier.sh; sourced,
# not run). Each check is one "pass|fail TIER: NAME" line in the tier's check file, which
# scripts/test-summary.sh counts. The tier sets, before it checks anything:
#   tier        its name in each line (image, compose)
#   check_file  where the lines go
#   started     $SECONDS when it started
# and defines finish, which give_up calls last.

check() { # check pass|fail NAME [DETAIL]
  echo "$1 $tier: $2" >> "$check_file"
  echo "== [$((SECONDS - started)) s] $1 $tier: $2${3:+ ($3)}"
}
# expect NAME COMMAND...: pass when the command succeeds.
expect() { local name=$1; shift; if "$@"; then check pass "$name"; else check fail "$name"; fi; }
# The checks that remain when the tier has to stop early are failures, each named.
planned=()
plan() { planned+=("$@"); }
give_up() { # give_up WHY
  local name
  for name in "${planned[@]}"; do
    grep -qF " $tier: $name" "$check_file" || check fail "$name" "not run: $1"
  done
  finish
}
tier_summary() { echo "== $tier tier: $(grep -c '^pass' "$check_file") passed, $(grep -c '^fail' "$check_file") failed, $((SECONDS - started)) s"; }

# remove_stale_namespaces PREFIX: the namespaces PREFIX-PID-* of earlier runs whose process is gone
# (a killed run cannot remove its own), with whatever still runs in them.
remove_stale_namespaces() {
  local prefix=$1 ns pid
  for ns in $(ip netns list | awk -v p="^$prefix-[0-9]+-" '$1 ~ p { print $1 }'); do
    pid=${ns#"$prefix"-}; pid=${pid%%-*}
    kill -0 "$pid" 2>/dev/null && continue
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
}

# api_setup CURL API TOKEN PASSWORD: the administrator's password set with the setup token.
# api_token CURL API JAR PASSWORD NAME: signs in as the administrator (the cookie in JAR) and prints
# a new write API token called NAME. CURL is the tier's curl (a function that reaches the router).
api_setup() {
  "$1" --fail-with-body -X POST "$2/setup" -H 'Content-Type: application/json' \
    -d "{\"token\":\"$3\",\"password\":\"$4\"}" >/dev/null
}
api_token() {
  local curl=$1 api=$2 jar=$3 password=$4 name=$5 xsrf
  "$curl" --fail-with-body -c "$jar" -X POST "$api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$password\"}" >/dev/null || return 1
  xsrf=$("$curl" --fail-with-body -b "$jar" -c "$jar" "$api/auth/antiforgery" | jq -r .token) || return 1
  "$curl" --fail-with-body -b "$jar" -c "$jar" -X POST "$api/tokens" -H "X-XSRF-TOKEN: $xsrf" \
    -H 'Content-Type: application/json' -d "{\"name\":\"$name\",\"scope\":\"write\"}" | jq -er .token
}
