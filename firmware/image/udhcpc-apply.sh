#!/bin/sh
# udhcpc's hook for the image tier's LAN client: put the leased address and default route on the interface.
case $1 in
  bound|renew)
    ip -4 addr flush dev "$interface"
    ip addr add "$ip/${mask:-24}" dev "$interface"
    [ -n "${router:-}" ] && ip route replace default via "${router%% *}" dev "$interface"
    ;;
esac
