#!/usr/bin/env bash
# The lab's ISP in the ros-wan namespace (scripts/lab.sh): a dnsmasq answering DNS for
# upstream.test (www.upstream.test is the web server) and, for WAN=dhcp, handing the router's
# wan0 203.0.113.2 and IPv6 as ISPs sell it: dnsmasq advertises the ISP's router on the link
# (2001:db8:ff::1/64) and Kea's DHCPv6 server gives the router 2001:db8:ff::100 and delegates it a
# /56 of 2001:db8:100::/48, which the ISP routes to it; for WAN=pppoe, rp-pppoe's pppoe-server handing out 10.64.0.10 from 10.64.0.1
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
[[ $wan == dhcp ]] && dhcp=(--dhcp-range=203.0.113.2,203.0.113.2,255.255.255.0,1h --dhcp-option=option:router,203.0.113.1 --dhcp-option=option:dns-server,203.0.113.1
  --enable-ra --dhcp-range=::,constructor:eth0,ra-only)
ip netns exec ros-wan dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --interface=eth0 --bind-interfaces \
  --host-record=www.upstream.test,203.0.113.1,2001:db8:ff::1 --local=/upstream.test/ --dhcp-leasefile="$data/wan-dnsmasq.leases" "${dhcp[@]}" \
  </dev/null >/dev/null 2>&1 &

if [[ $wan == dhcp ]]; then
  # Kea keeps its pid and lock files in the lab's data, not in the host's /run/kea; leases in memory only.
  cat > "$data/wan-kea-dhcp6.json" <<'KEA'
{ "Dhcp6": {
  "server-id": { "type": "EN", "enterprise-id": 32473, "identifier": "0100", "persist": false },
  "interfaces-config": { "interfaces": [ "eth0" ], "service-sockets-max-retries": 600, "service-sockets-retry-wait-time": 100 },
  "lease-database": { "type": "memfile", "persist": false },
  "renew-timer": 900, "rebind-timer": 1440, "preferred-lifetime": 1800, "valid-lifetime": 3600,
  "option-data": [ { "name": "dns-servers", "data": "2001:db8:ff::1" } ],
  "subnet6": [ { "id": 1, "subnet": "2001:db8:ff::/64", "interface": "eth0",
    "pools": [ { "pool": "2001:db8:ff::100-2001:db8:ff::100" } ],
    "pd-pools": [ { "prefix": "2001:db8:100::", "prefix-len": 48, "delegated-len": 56 } ] } ]
} }
KEA
  KEA_PIDFILE_DIR=$data KEA_LOCKFILE_DIR=$data ip netns exec ros-wan kea-dhcp6 -c "$data/wan-kea-dhcp6.json" </dev/null >/dev/null 2>&1 &
  # What an ISP's DHCPv6 relay does: the delegated prefixes are routed to the router that holds them.
  ip -n ros-wan -6 route add 2001:db8:100::/48 via 2001:db8:ff::100 dev eth0
fi

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
  echo "lab: WAN by DHCP: the router's wan0 takes 203.0.113.2 from dnsmasq in ros-wan, and a /56 for the LAN from Kea (DHCPv6-PD)."
fi
