#!/usr/bin/env bash
# Benchmark (not a test): atlas points per minute in one process, on one thread and on every
# core, against the same points run one by one as `verify --rho` processes.
#
#   scripts/atlas-benchmark.sh [FAMILY] [K] [SCALE]      (default: rho3:8 1...16 2; class-level families only)
#
# VERIFY=path uses that binary instead of building this clone's release verify.
#
# Prints wall times and points per minute; timings vary with the machine's load.
set -euo pipefail
family=${1:-rho3:8}
ks=${2:-1...16}
scale=${3:-2}
repo=$(cd "$(dirname "$0")/.." && pwd)
verify=${VERIFY:-}
if [[ -z $verify ]]; then
  (cd "$repo" && swift build -c release --product verify >/dev/null)
  verify=$repo/.build/release/verify
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seconds() { python3 -c 'import sys, time; print(f"{time.time():.3f}")'; }
rate() { python3 -c "print(f'{$1 / ($2) * 60:.1f}')"; }

start=$(seconds)
"$verify" atlas --family "$family" --k "$ks" --scale "$scale" --out "$work/one" --jobs 1 >/dev/null || true
one=$(python3 -c "print($(seconds) - $start)")
start=$(seconds)
"$verify" atlas --family "$family" --k "$ks" --scale "$scale" --out "$work/all" >/dev/null || true
all=$(python3 -c "print($(seconds) - $start)")
cmp "$work/one/atlas.json" "$work/all/atlas.json"

mapfile -t rhos < <(python3 -c '
import json, sys
for p in json.load(open(sys.argv[1]))["points"]: print(",".join(p["model"]["rho"]))' "$work/one/atlas.json")
start=$(seconds)
for rho in "${rhos[@]}"; do "$verify" --rho "$rho" --k "$ks" --scale "$scale" >/dev/null || true; done
processes=$(python3 -c "print($(seconds) - $start)")

n=${#rhos[@]}
printf '%s, k = %s, s = %s: %d points on %d cores\n' "$family" "$ks" "$scale" "$n" "$(nproc)"
printf '  verify atlas --jobs 1      %7.2f s  %8s points/min\n' "$one" "$(rate "$n" "$one")"
printf '  verify atlas (all cores)   %7.2f s  %8s points/min\n' "$all" "$(rate "$n" "$all")"
printf '  one verify --rho per point %7.2f s  %8s points/min\n' "$processes" "$(rate "$n" "$processes")"
printf '  atlas (all cores) is %.2fx the processes one by one; the two atlas files are byte-identical\n' \
  "$(python3 -c "print($processes / $all)")"
