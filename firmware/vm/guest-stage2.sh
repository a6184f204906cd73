#!/bin/sh
# The test VM's PID 1 after switch_root (the host's / read-only, a tmpfs on top): mount the
# usual filesystems, put the guest kernel's modules where modprobe and nft look, mount the
# writable results share at /vmout, run the script named on the kernel command line
# (routeros.run=), keep its exit code in /vmout/rc and its output in /vmout/log, power off.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=dumb LANG=C.UTF-8
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
mkdir -p /dev/pts /dev/shm; mount -t devpts devpts /dev/pts; mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs tmpfs /run; mkdir -p /run/lock /run/netns
arg() { sed -n "s/.*routeros.$1=\([^ ]*\).*/\1/p" /proc/cmdline; }
mkdir -p /lib/modules; mount --bind "$(arg modules)" /lib/modules
mkdir -p /vmout; mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 out /vmout
ip link set lo up; hostname routeros-vm
script=$(arg run)
echo "vm: kernel $(uname -r), up $(cut -d' ' -f1 /proc/uptime) s, running $script"
{ sh "$script"; echo $? > /run/rc; } 2>&1 | tee /vmout/log
rc=$(cat /run/rc 2>/dev/null || echo 255)
echo "$rc" > /vmout/rc
echo "vm: done (rc $rc), up $(cut -d' ' -f1 /proc/uptime) s"
sync; busybox poweroff -f
