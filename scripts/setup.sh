#!/usr/bin/env bash
# Installs the C libraries the package links (idempotent) and decompresses the
# shared CIFAR data into the ignored cache/ folder. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libgmp-dev libmpfr-dev libopenblas-dev libflint-arb-dev pkg-config xz-utils)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

shared="${SHARED_DATA:-../shared/data}"
cache="cache/data"
if [ -d "$shared" ]; then
  for folder in cifar-10-batches-bin cifar-100-binary; do
    mkdir -p "$cache/$folder"
    for source in "$shared/$folder"/*; do
      name=$(basename "$source")
      if [[ "$name" == *.xz ]]; then
        target="$cache/$folder/${name%.xz}"
        [ -s "$target" ] && continue
        xz -dc "$source" > "$target.partial" && mv "$target.partial" "$target"
      else
        cp -f "$source" "$cache/$folder/$name"
      fi
    done
  done
  if [ -f "$shared/SHA256SUMS" ]; then
    # Resolved before the cd, so a relative and an absolute SHARED_DATA both work.
    sums=$(realpath "$shared/SHA256SUMS")
    (cd "$cache" && sha256sum --quiet -c "$sums") \
      || { echo "setup: decompressed CIFAR data does not match $shared/SHA256SUMS" >&2; exit 1; }
  fi
else
  echo "setup: no shared data at $shared (set SHARED_DATA or pass --data to train-cifar)"
fi
echo "setup: ready"
