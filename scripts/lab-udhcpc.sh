#!/bin/sh
# `make run`: the LAN client's DHCP hook (busybox udhcpc runs it with the lease in its environment).
# It takes the address and default route the router's dnsmasq hands out, and the router as DNS.
case "$1" in
  deconfig) ip address flush dev "$interface" ;;
  bound|renew)
    ip address flush dev "$interface"
    ip address add "$ip/${mask:-24}" dev "$interface"
    [ -n "$router" ] && ip route replace default via "${router%% *}" dev "$interface"
    ;;
esac
exit 0
