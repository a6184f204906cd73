#!/bin/sh
# Marks the booted slot good when GET /readyz answers (the engine answers and the store opens),
# so GRUB stops counting tries. A slot whose engine or API dies more than $2 times (default 5)
# before that, or that is not ready within $1 seconds, is marked bad and the machine reboots:
# GRUB then boots the other slot, which still has its configuration on /data.
set -u
limit=${1:-600} restarts=${2:-5}
restarts_of() { systemctl show -p NRestarts --value "$1" 2>/dev/null || echo 0; }
start=$(cut -d. -f1 /proc/uptime)
while :; do
  if busybox wget -q -T 5 -O /dev/null http://127.0.0.1:8080/readyz 2>/dev/null; then
    rauc status mark-good booted && echo "routeros: slot $(rauc status --output-format=shell | sed -n "s/^RAUC_SYSTEM_BOOTED_BOOTNAME='\(.*\)'/\1/p") marked good" > /dev/console
    exit 0
  fi
  now=$(cut -d. -f1 /proc/uptime)
  reason=""
  [ "$(restarts_of routeros-engine)" -gt "$restarts" ] && reason="the engine died more than $restarts times"
  [ "$(restarts_of routeros-api)" -gt "$restarts" ] && reason="the API died more than $restarts times"
  [ $((now - start)) -ge "$limit" ] && reason="not ready within $limit s"
  if [ -n "$reason" ]; then
    echo "routeros: this slot is not healthy ($reason): marking it bad and rebooting into the other slot" > /dev/console
    rauc status mark-bad booted
    systemctl reboot
    exit 1
  fi
  sleep 2
done
