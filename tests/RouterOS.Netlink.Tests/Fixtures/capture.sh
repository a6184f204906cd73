#!/usr/bin/env bash
# Captures the netlink bytes the standard tools send (and, for the conntrack dump, receive), as
# golden fixtures for RouterOS.Netlink's tests. Run as root; everything happens in a scratch
# network namespace that is removed afterwards. Each fixture file holds the command on its first
# line and then one line of hex per sendmsg/recvmsg the tool made on its netlink socket.
# Usage: tests/RouterOS.Netlink.Tests/Fixtures/capture.sh   (rewrites the *.hex files here)
set -euo pipefail
cd "$(dirname "$0")"
ns="ros-capture-$$"
trap 'ip netns del "$ns" 2>/dev/null || true' EXIT
ip netns add "$ns"
in_ns() { ip netns exec "$ns" "$@"; }
in_ns ip link add p0 type veth peer name p1
in_ns ip link add br0 type bridge

# capture NAME DIRECTION COMMAND...: DIRECTION is write (sendmsg) or read (recvmsg).
capture() {
  local name=$1 direction=$2; shift 2
  local syscall=sendmsg,sendto
  [[ $direction == read ]] && syscall=recvmsg,recvfrom
  {
    echo "# $*"
    # strace prints a hex dump after each call; a new call starts a new line of hex.
    in_ns strace -f -qq -e trace=$syscall -e "$direction=all" -s 65536 "$@" 2>&1 >/dev/null |
      awk '/^ \| [0-9a-f]+  /{ line = substr($0, 11, 49); gsub(/ /, "", line); hex = hex line; next }
           /^ \* [0-9]+ bytes in buffer/{ next }
           { if (hex != "") print hex; hex = "" }
           END { if (hex != "") print hex }'
  } > "$name.hex"
}

capture link-add-bridge write ip link add br1 type bridge stp_state 0
capture link-add-bridge-vlan write ip link add br2 type bridge stp_state 1 vlan_filtering 1 vlan_protocol 802.1ad vlan_default_pvid 10 || true
capture link-add-vlan write ip link add link p0 name p0.10 type vlan protocol 802.1Q id 10 || true
capture link-set write ip link set dev p0 address 02:00:00:00:00:01 mtu 1400 up
capture link-set-master write ip link set dev p1 master br0
capture link-del write ip link del dev br1
capture link-get write ip link show dev p0
capture bridge-vlan-port write bridge vlan add dev p1 vid 10 pvid untagged || true
capture bridge-vlan-self write bridge vlan add dev br0 vid 10 self || true
capture bridge-vlan-del write bridge vlan del dev p1 vid 10 || true
capture addr-add write ip address add 192.0.2.1/24 dev p0
capture addr-add-v6 write ip address add 2001:db8::1/64 dev p0
capture addr-del write ip address del 192.0.2.1/24 dev p0
capture addr-replace-lifetime write ip address replace 2001:db8:1::1/64 dev p0 preferred_lft 600 valid_lft 1200
in_ns ip address add 192.0.2.1/24 dev p0
capture route-add write ip route add 198.51.100.0/24 metric 20 via 192.0.2.254 dev p0 proto 200
capture route-add-default write ip route add default via 192.0.2.254 proto 200
capture route-add-unreachable write ip route add unreachable 2001:db8:100::/56 proto 16
capture route-del write ip route del 198.51.100.0/24 metric 20 via 192.0.2.254 dev p0 proto 200
capture nft-list-tables write nft list tables
capture nft-add-table write nft add table inet capture
in_ns conntrack -I -p tcp -s 192.0.2.1 -d 198.51.100.7 --sport 40000 --dport 443 --state ESTABLISHED -t 120 -u SEEN_REPLY,ASSURED -m 7 >/dev/null 2>&1
capture conntrack-list write conntrack -L
capture conntrack-list-reply read conntrack -L
capture conntrack-insert write conntrack -I -p udp -s 192.0.2.9 -d 198.51.100.9 --sport 5000 --dport 53 -t 60 -u SEEN_REPLY -m 42
capture conntrack-delete write conntrack -D -p tcp -s 192.0.2.1 -d 198.51.100.7 --sport 40000 --dport 443
