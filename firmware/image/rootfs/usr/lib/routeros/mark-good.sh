#!/bin/bash
# Marks the booted slot good when GET /readyz answers 200 (the engine answers and the store opens),
# so GRUB stops counting tries. A slot whose engine or API dies more than $2 times (default 5)
# before that, or that is not ready within $1 seconds, is marked bad and the machine reboots:
# GRUB then boots the other slot, which still has its configuration on /data.
# (bash's /dev/tcp, not busybox wget: Debian's busybox wget crashed here.)
set -u
limit=${1:-600} restarts=${2:-5}
restarts_of() { systemctl show -p NRestarts --value "$1" 2>/dev/null || echo 0; }
ready() {
  timeout 10 bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 || exit 1
    printf "GET /readyz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" >&3
    read -r _ status _ <&3
    [[ $status == 200 ]]' 2>/dev/null
}
booted() { rauc status --output-format=shell 2>/dev/null | sed -n "s/^RAUC_SYSTEM_BOOTED_BOOTNAME='\(.*\)'/\1/p"; }
start=$(cut -d. -f1 /proc/uptime)
while :; do
  if ready; then
    rauc status mark-good booted && echo "routeros: slot $(booted) marked good" > /dev/console
    exit 0
  fi
  now=$(cut -d. -f1 /proc/uptime)
  reason=""
  (( $(restarts_of routeros-engine) > restarts )) && reason="the engine died more than $restarts times"
  (( $(restarts_of routeros-api) > restarts )) && reason="the API died more than $restarts times"
  (( now - start >= limit )) && reason="not ready within $limit s"
  if [[ -n $reason ]]; then
    echo "routeros: slot $(booted) is not healthy ($reason): marking it bad and rebooting into the other slot" > /dev/console
    rauc status mark-bad booted
    systemctl reboot
    exit 1
  fi
  sleep 2
done
