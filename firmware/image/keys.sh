#!/usr/bin/env bash
# The bundle signing key and certificate: ROUTEROS_SIGNING_KEY and ROUTEROS_SIGNING_CERT when
# given (your own; the README says how), else a development key made once in KEY_DIR. The
# certificate is the device's keyring: a device accepts only bundles signed by it.
# Usage: keys.sh KEY_DIR; prints "CERT KEY".
set -euo pipefail
dir=$1
if [[ -n ${ROUTEROS_SIGNING_KEY:-} || -n ${ROUTEROS_SIGNING_CERT:-} ]]; then
  [[ -f ${ROUTEROS_SIGNING_KEY:-} && -f ${ROUTEROS_SIGNING_CERT:-} ]] \
    || { echo "keys: set both ROUTEROS_SIGNING_KEY and ROUTEROS_SIGNING_CERT to existing files" >&2; exit 1; }
  echo "$ROUTEROS_SIGNING_CERT $ROUTEROS_SIGNING_KEY"
  exit 0
fi
mkdir -p "$dir" && chmod 0700 "$dir"
if [[ ! -f $dir/dev-key.pem ]]; then
  echo "keys: making a development signing key in $dir (not for production: see README.md)" >&2
  openssl req -x509 -newkey rsa:4096 -nodes -keyout "$dir/dev-key.pem.partial" -out "$dir/dev-cert.pem" \
    -days 3650 -subj "/O=RouterOS/CN=RouterOS development signing key" 2>/dev/null
  mv "$dir/dev-key.pem.partial" "$dir/dev-key.pem"
fi
echo "$dir/dev-cert.pem $dir/dev-key.pem"
