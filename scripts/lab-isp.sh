#!/usr/bin/env bash
# The lab's ISP in the ros-wan namespace (scripts/lab.sh): a dnsmasq answering DNS for
# upstream.test (www.upstream.test is the web server) and, for WAN=dhcp, handing the router's
# wan0 203.0.113.2; for WAN=pppoe, rp-pppoe's pppoe-server handing out 10.64.0.10 from 10.64.0.1
# to the PPPoE uplink of EXAMPLE (its username and password, PAP). Both run in the background;
# the lab removes whatever runs in its namespaces. The PPP secrets go to /etc/netns/ros-wan,
# which only `ip netns exec ros-wan` sees (the lab removes it).
# Usage: scripts/lab-isp.sh dhcp|pppoe DATA_DIR EXAMPLE
set -euo pipefail
wan=$1 data=$2 example=$3
wan_etc=/etc/netns/ros-wan

# The ISP starts afresh with the lab: a lease kept from a run before names an earlier wan0 (veths get
# new MACs) and would hold the one address the range has.
rm -f "$data/wan-dnsmasq.leases"
dhcp=()
[[ $wan == dhcp ]] && dhcp=(--dhcp-range=203.0.113.2,203.0.113.2,255.255.255.0,1h --dhcp-option=option:router,203.0.113.1 --dhcp-option=option:dns-server,203.0.113.1)
ip netns exec ros-wan dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --interface=eth0 --bind-interfaces \
  --host-record=www.upstream.test,203.0.113.1 --local=/upstream.test/ --dhcp-leasefile="$data/wan-dnsmasq.leases" "${dhcp[@]}" \
  </dev/null >/dev/null 2>&1 &

if [[ $wan == pppoe ]]; then
  username=$(jq -r '.pppoe[0].username' "$example")
  password=$(jq -r '.pppoe[0].password' "$example")
  mkdir -p "$wan_etc/ppp"
  # pppd's secrets syntax: double-quoted words with \ and " escaped.
  quote() { local text=${1//\\/\\\\}; printf '"%s"' "${text//\"/\\\"}"; }
  printf '%s * %s *\n' "$(quote "$username")" "$(quote "$password")" > "$wan_etc/ppp/pap-secrets"
  printf 'require-pap\nms-dns 203.0.113.1\nnoipdefault\nnoipv6\nlcp-echo-interval 10\nlcp-echo-failure 3\n' > "$wan_etc/ppp/lab-server-options"
  chmod -R go-rwx "$wan_etc"
  modprobe -a ppp_generic pppoe ppp_async 2>/dev/null || true
  ip netns exec ros-wan pppoe-server -I eth0 -L 10.64.0.1 -R 10.64.0.10 -N 4 -O /etc/ppp/lab-server-options </dev/null >/dev/null 2>&1
  echo "lab: WAN over PPPoE: pppoe-server in ros-wan; the router dials as '$username' on wan0. See the PPPoE page."
else
  echo "lab: WAN by DHCP: the router's wan0 takes 203.0.113.2 from dnsmasq in ros-wan."
fi
