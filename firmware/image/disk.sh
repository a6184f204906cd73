#!/usr/bin/env bash
# The disk image from one slot image, without loop devices or mounts: a GPT with the EFI system
# partition (GRUB with its configuration embedded, and grubenv: RAUC's boot order and tries), root
# slot A with the slot image, root slot B empty (marked not bootable, B_OK=0, until the first
# upgrade writes it: the download carries one slot, not two), and the data partition (empty
# ext4: the first boot writes the factory defaults).
# Usage: disk.sh SLOT_IMAGE OUTPUT_DISK
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
slot=$1 disk=$2
work=$(mktemp -d "${disk%/*}/disk.XXXXXX")
trap 'rm -rf "$work"' EXIT
esp_mib=64 slot_mib=384 data_mib=512

# GRUB for UEFI, only the modules the configuration uses.
modules="part_gpt fat squash4 xzio gzio loadenv test regexp linux normal echo search search_fs_file serial terminal sleep reboot halt configfile"
grub-mkstandalone -O x86_64-efi --install-modules="$modules" --modules="$modules" --locales= --fonts= --themes= \
  -o "$work/BOOTX64.EFI" "boot/grub/grub.cfg=$here/grub.cfg"
grub-editenv "$work/grubenv" create
grub-editenv "$work/grubenv" set ORDER="A B" A_OK=1 A_TRY=0 B_OK=0 B_TRY=0
truncate -s "${esp_mib}M" "$work/esp.img"
mkfs.vfat -F 32 -n ESP -i 52534f53 "$work/esp.img" >/dev/null
mmd -i "$work/esp.img" ::/EFI ::/EFI/BOOT
mcopy -i "$work/esp.img" "$work/BOOTX64.EFI" "$work/grubenv" ::/EFI/BOOT/

(( $(stat -c %s "$slot") <= slot_mib * 1024 * 1024 )) || { echo "disk: the slot image is larger than a slot ($slot_mib MiB)" >&2; exit 1; }
# Fixed UUID and hash seed: the same slot gives the same disk.
E2FSPROGS_FAKE_TIME=1 mkfs.ext4 -q -F -L data -U 52534f53-4441-5441-0000-000000000001 \
  -E root_owner=0:0,hash_seed=52534f53-4441-5441-0000-000000000002 "$work/data.img" "${data_mib}M" >/dev/null

total=$((1 + esp_mib + 2 * slot_mib + data_mib + 1))
rm -f "$disk.partial" && truncate -s "${total}M" "$disk.partial"
sfdisk --quiet "$disk.partial" <<SFDISK
label: gpt
label-id: 52534F53-0000-4000-8000-000000000001
start=1MiB, size=${esp_mib}MiB, type=U, name=esp
size=${slot_mib}MiB, type=L, name=rootA
size=${slot_mib}MiB, type=L, name=rootB
size=${data_mib}MiB, type=L, name=data
SFDISK
offset=1
for piece in "$work/esp.img:$esp_mib" "$slot:$slot_mib" "-:$slot_mib" "$work/data.img:$data_mib"; do
  [[ ${piece%:*} == - ]] || dd if="${piece%:*}" of="$disk.partial" bs=1M seek="$offset" conv=notrunc,sparse status=none
  offset=$((offset + ${piece##*:}))
done
mv "$disk.partial" "$disk"
