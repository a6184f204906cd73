# Shared by the test VM's and the device image's initramfs (sourced, not run): Debian's kernel
# builds disk, virtio and filesystem drivers as modules, so an initramfs loads them itself.

# initramfs_modules TREE RELEASE DEST MODULE...: copies each MODULE with the modules it needs
# (modprobe's own resolution against TREE's modules.dep) into DEST, each once, and writes the
# order to load them in (dependencies first) to DEST/order, for the init's insmod loop.
initramfs_modules() {
  local tree=$1 release=$2 dest=$3 module path name
  shift 3
  local order=()
  for module in "$@"; do
    while read -r _ path _; do
      name=$(basename "$path")
      [[ " ${order[*]} " == *" $name "* ]] && continue
      cp "$path" "$dest/" && order+=("$name")
    done < <(modprobe -d "$tree" -S "$release" --show-depends "$module" | awk '$1 == "insmod"')
  done
  printf '%s\n' "${order[@]}" > "$dest/order"
}
