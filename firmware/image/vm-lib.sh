# Booting the device image under qemu for the image tier and `make vm` (sourced, not run).
# The image's two NICs are taps in a namespace of their own (qemu runs there), each bridged to a
# veth whose other end is in a namespace the caller uses: the LAN client (NIC 1) and the ISP
# (NIC 2: a DHCP server, a web server and an iperf3 server on 203.0.113.1). Nothing outside these
# namespaces is touched; every name starts with rosimg-<pid> so a later run can remove what a
# killed run left behind (remove_stale_namespaces, scripts/tier-lib.sh, which the caller sources).

VM_PREFIX=rosimg-$$
VM_NS=$VM_PREFIX-vm LAN_NS=$VM_PREFIX-lan ISP_NS=$VM_PREFIX-isp
ISP_ADDRESS=203.0.113.1

vm_net_up() {
  local work=$1
  remove_stale_namespaces rosimg
  for ns in "$VM_NS" "$LAN_NS" "$ISP_NS"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
  local side
  for side in lan isp; do
    ip -n "$VM_NS" tuntap add dev "tap-$side" mode tap
    ip -n "$VM_NS" link add "br-$side" type bridge
    ip -n "$VM_NS" link add "to-$side" type veth peer name eth0 netns "$([[ $side == lan ]] && echo "$LAN_NS" || echo "$ISP_NS")"
    ip -n "$VM_NS" link set "tap-$side" master "br-$side"
    ip -n "$VM_NS" link set "to-$side" master "br-$side"
    ip -n "$VM_NS" link set "tap-$side" up; ip -n "$VM_NS" link set "to-$side" up; ip -n "$VM_NS" link set "br-$side" up
  done
  ip -n "$LAN_NS" link set eth0 address 02:00:00:00:0a:01 up
  ip -n "$ISP_NS" addr add "$ISP_ADDRESS/24" dev eth0
  ip -n "$ISP_NS" link set eth0 up
  mkdir -p "$work/isp/www"
  head -c 2000000 /dev/urandom > "$work/isp/www/big.bin"
  echo "upstream page" > "$work/isp/www/index.html"
  # The ISP: DHCP for the router's WAN (no DNS: tests use addresses), a web server and iperf3.
  ip netns exec "$ISP_NS" dnsmasq --keep-in-foreground --port=0 --interface=eth0 --bind-interfaces \
    --dhcp-range=203.0.113.100,203.0.113.150,255.255.255.0,1h --dhcp-option=option:router,$ISP_ADDRESS \
    --dhcp-leasefile="$work/isp/leases" --pid-file="$work/isp/dnsmasq.pid" --log-facility="$work/isp/dnsmasq.log" &
  ip netns exec "$ISP_NS" busybox httpd -f -p 80 -h "$work/isp/www" &
  ip netns exec "$ISP_NS" iperf3 --server --daemon --pidfile "$work/isp/iperf3.pid" >/dev/null
}

vm_net_down() {
  local ns
  for ns in "$VM_NS" "$LAN_NS" "$ISP_NS"; do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
}

# The UEFI firmware as a machine has it: code in read-only flash, variables in a flash of their
# own that the guest writes (a copy per WORK, kept across its reboots). One combined -bios image
# keeps the variables in RAM instead, and a warm reset then has to find them there again.
OVMF_CODE=/usr/share/OVMF/OVMF_CODE_4M.fd
OVMF_VARS=/usr/share/OVMF/OVMF_VARS_4M.fd

# vm_start DISK WORK: boots DISK (written in place); the console goes to WORK/console.log and
# takes input from the socket WORK/console.sock; qemu's pid goes to WORK/qemu.pid (read there, not
# from a variable, so a restart from inside a command substitution is seen by its caller).
vm_start() {
  local disk=$1 work=$2
  rm -f "$work/console.sock" "$work/qmp.sock" "$work/qemu.pid"
  [[ -f $work/ovmf-vars.fd ]] || cp "$OVMF_VARS" "$work/ovmf-vars.fd"
  echo "$disk" > "$work/qemu.disk"
  # stdout too goes to the log: a qemu holding a caller's pipe would keep $(...) from returning.
  ip netns exec "$VM_NS" qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m 1536 \
    -drive "if=pflash,format=raw,readonly=on,file=$OVMF_CODE" -drive "if=pflash,format=raw,file=$work/ovmf-vars.fd" \
    -drive "file=$disk,format=raw,if=virtio" -device i6300esb \
    -netdev tap,id=lan,ifname=tap-lan,script=no,downscript=no -device virtio-net-pci,netdev=lan,mac=52:54:00:00:0a:01 \
    -netdev tap,id=wan,ifname=tap-isp,script=no,downscript=no -device virtio-net-pci,netdev=wan,mac=52:54:00:00:0b:01 \
    -chardev "socket,id=console,path=$work/console.sock,server=on,wait=off,logfile=$work/console.log,logappend=on" \
    -serial chardev:console -qmp "unix:$work/qmp.sock,server=on,wait=off" \
    -display none -monitor none >>"$work/qemu.log" 2>&1 &
  echo $! > "$work/qemu.pid"
}

vm_pid() { cat "$WORK/qemu.pid" 2>/dev/null; }
# A qemu that exited is a zombie until the shell that started it waits: not running.
vm_running() {
  local pid state
  pid=$(vm_pid) && [[ -n $pid ]] || return 1
  state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) && [[ $state != Z ]]
}

vm_stop() {
  local pid deadline
  pid=$(vm_pid) && [[ -n $pid ]] || return 0
  kill "$pid" 2>/dev/null
  # qemu exits within a second of SIGTERM; one that does not (stuck in I/O) is killed, so that a
  # stop never holds the tier, and make test, past CI's limit.
  deadline=$((SECONDS + 30))
  while vm_running && ((SECONDS < deadline)); do sleep 0.2; done
  if vm_running; then
    echo "vm: qemu (pid $pid) was still running 30 s after SIGTERM: killing it" >&2
    kill -KILL "$pid" 2>/dev/null
    deadline=$((SECONDS + 10))
    while vm_running && ((SECONDS < deadline)); do sleep 0.2; done
  fi
  if vm_running; then
    echo "vm: qemu (pid $pid) outlived SIGKILL by 10 s (in uninterruptible sleep): left behind" >&2
    return 0
  fi
  wait "$pid" 2>/dev/null # reaps it when this shell started it (it has exited: no wait)
  rm -f "$WORK/qemu.pid"
  return 0
}

# vm_wait_for PATTERN SECONDS FROM_BYTE: waits until the console log after FROM_BYTE has a line
# matching PATTERN (extended regex); prints it. Fails when qemu is gone or at the deadline.
vm_wait_for() {
  local pattern=$1 seconds=$2 from=${3:-0} log=$WORK/console.log deadline=$((SECONDS + $2)) line
  while ((SECONDS < deadline)); do
    if line=$(tail -c +"$((from + 1))" "$log" 2>/dev/null | tr -d '\r' | grep -E -m1 "$pattern"); then
      echo "$line"
      return 0
    fi
    vm_running || return 1
    vm_restart_lost
    sleep 1
  done
  return 1
}

# A guest whose kernel said "reboot: Restarting system" and then stayed silent for VM_RESTART_GRACE
# seconds (default 120; OVMF prints its boot lines within a few) was not restarted by qemu. Seen
# about once in twenty reboots under TCG while OVMF ran as one -bios image: the boot CPU spinning
# in the firmware's reset service, the console silent for good, and qemu's own reset button (QMP
# system_reset) pressed seven times to no effect. The harness then does what an administrator
# would: it turns the machine off and on (a new qemu on the same disk and firmware variables),
# says so on stderr and counts it in WORK/qemu-resets: the guest had done its part. A guest that
# hangs before that line (in its shutdown) is not helped: that is the router's fault.
vm_restart_lost() {
  local log=$WORK/console.log silent
  tail -c 200 "$log" 2>/dev/null | tr -d '\r' | grep -q 'reboot: Restarting system' || return 0
  silent=$(($(date +%s) - $(stat -c %Y "$log")))
  ((silent >= ${VM_RESTART_GRACE:-120})) || return 0
  echo "== qemu: the guest said it was restarting $silent s ago and has been silent since: power-cycled" >&2
  echo "after $silent s of silence" >> "$WORK/qemu-resets"
  vm_stop
  vm_start "$(cat "$WORK/qemu.disk")" "$WORK"
  # The new boot's output follows; until then the log is not taken for silent again.
  touch "$log"
}

vm_console_size() { stat -c %s "$WORK/console.log" 2>/dev/null || echo 0; }

# vm_console_type LINE...: types each line on the serial console (as an administrator at the machine would).
vm_console_type() {
  python3 - "$WORK/console.sock" "$@" <<'PY'
import socket, sys, time
console = socket.socket(socket.AF_UNIX)
console.connect(sys.argv[1])
for line in sys.argv[2:]:
    console.sendall((line + "\n").encode())
    time.sleep(2)
console.close()
PY
}

# vm_console_run COMMAND [SECONDS]: signs in on the console as root (no password there; typing
# "root" at a shell prompt is a harmless "command not found"), runs COMMAND and prints its output,
# the console's escape sequences removed. The markers are printed by printf so that the echo of
# the typed line itself never matches them.
VM_CONSOLE_RUNS=0
vm_console_run() {
  local command=$1 seconds=${2:-60} n from
  n=$((VM_CONSOLE_RUNS += 1))
  from=$(vm_console_size)
  vm_console_type "" root "" "printf '@@%s\\n' begin-$n; $command; printf '@@%s\\n' end-$n" || return 1
  vm_wait_for "@@end-$n" "$seconds" "$from" >/dev/null || return 1
  tail -c +"$((from + 1))" "$WORK/console.log" | tr -d '\r' | sed 's/\x1b\[[0-9;?=]*[a-zA-Z]//g' \
    | sed -n "/@@begin-$n/,/@@end-$n/p"
}
