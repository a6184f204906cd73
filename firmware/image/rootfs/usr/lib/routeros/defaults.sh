#!/bin/sh
# Writes the factory defaults of a home router for this machine's Ethernet ports to $1:
# the LAN bridge br-lan over every port but the last, 192.168.1.1/24 with DHCP and DNS for the
# LAN; the WAN on the last port by DHCP; masquerade; a flowtable with counter over LAN and WAN
# ports and an offload rule for forwarded TCP and UDP from the LAN to the WAN. The management API
# and dashboard answer from the LAN only: the WAN zone drops input. With one port, it is the LAN.
set -eu
out=$1
ports=""
for path in /sys/class/net/*; do
  name=${path##*/}
  # Physical Ethernet only: a device behind it (not a bridge, veth or tunnel) and ARPHRD_ETHER (1).
  [ -e "$path/device" ] && [ "$(cat "$path/type")" = 1 ] || continue
  ports="$ports $name"
done
ports=$(printf '%s\n' $ports | sort -V | tr '\n' ' ')
[ -n "${ports% }" ] || { echo "defaults: no Ethernet port found" >&2; exit 1; }
set -- $ports
if [ $# -gt 1 ]; then
  eval wan=\${$#}
  lan=$(printf '%s\n' "$@" | sed '$d')
else
  wan=""
  lan=$1
fi

list() { printf '%s\n' "$@" | sed 's/.*/"&"/' | paste -sd, -; }
objects() { printf '%s\n' "$@" | sed 's/.*/{ "name": "&" }/' | paste -sd, -; }

if [ -n "$wan" ]; then
  wan_port=", { \"name\": \"$wan\", \"description\": \"WAN\" }"
  dhcp_client="\"clients\": [ { \"device\": \"$wan\" } ],"
  flowtable=", \"flowtables\": [ { \"name\": \"ft\", \"devices\": [ $(list $lan $wan) ], \"counter\": true } ],
  \"offloadPolicy\": [ { \"name\": \"lan-to-wan\", \"action\": \"offload\", \"flowtable\": \"ft\", \"match\": { \"inputInterface\": \"br-lan\", \"outputInterface\": \"$wan\" } } ]"
  wan_zone=", { \"name\": \"wan\", \"interfaces\": [ \"$wan\" ], \"input\": \"drop\", \"masquerade\": true, \"mssClamping\": true }"
  forwarding='{ "from": "lan", "to": "wan" }'
else
  wan_port="" dhcp_client="" flowtable="" wan_zone="" forwarding=""
fi

mkdir -p "$(dirname "$out")"
cat > "$out.tmp" <<JSON
{
  "schemaVersion": 1,
  "system": { "hostname": "routeros" },
  "ports": [ $(printf '%s\n' $lan | sed 's/.*/{ "name": "&", "description": "LAN" }/' | paste -sd, -)$wan_port ],
  "bridges": [ { "name": "br-lan", "ports": [ $(objects $lan) ] } ],
  "addresses": [ { "device": "br-lan", "address": "192.168.1.1/24" } ],
  "dhcp": {
    $dhcp_client
    "servers": [ { "device": "br-lan", "rangeStart": "192.168.1.100", "rangeEnd": "192.168.1.249", "domain": "lan" } ]
  },
  "dns": { "enabled": true }$flowtable,
  "firewall": {
    "zones": [ { "name": "lan", "interfaces": [ "br-lan" ], "input": "accept" }$wan_zone ],
    "forwardings": [ $forwarding ]
  }
}
JSON
chmod 0644 "$out.tmp"
mv "$out.tmp" "$out"
