#!/usr/bin/env bash
# Runs an atlas as N shards with GNU parallel, on this machine's cores or on --sshlogin hosts,
# then merges them into OUT/atlas.json (the same bytes as an unsharded run).
#
#   scripts/atlas-parallel.sh --shards N --out DIR [--jobs J] [--sshlogin LOGIN]... [--verify PATH] -- ATLAS-FLAGS
#
#   ATLAS-FLAGS    the verify atlas flags without --out and --shard, e.g. --family rho3:20 --k 1...16 --scale 2
#   --jobs J       shards at a time per host (default: one per core, each shard single-threaded)
#   --sshlogin L   run on this host too (GNU parallel syntax, e.g. 4/user@node1; ':' is this machine).
#                  Remote hosts must see DIR and the verify binary at the same absolute paths (a shared
#                  file system), since each shard writes its own file there.
#   --verify PATH  the verify binary (default: this clone's release build)
#
# Rerunning the same command resumes every unfinished shard. The script's exit status is the
# merge's: 0 every pair decided, 1 a shard is missing/unfinished or a C1 increase, 2 undecided pairs.
set -euo pipefail

source "$(dirname "$0")/atlas-options.sh"
jobs=
logins=()
while [[ $# -gt 0 ]]; do
  atlas_shared_option "$@"
  if ((consumed)); then shift "$consumed"; continue; fi
  case "$1" in
    --jobs) jobs=${2-}; shift $(($# > 1 ? 2 : 1)) ;;
    --sshlogin) logins+=(--sshlogin "${2-}"); shift $(($# > 1 ? 2 : 1)) ;;
    --) shift; break ;;
    *) echo "atlas-parallel.sh: unknown option '$1' (see the header of this script)" >&2; exit 64 ;;
  esac
done
atlas_check_shared atlas-parallel.sh "$@"
[[ -z $jobs || $jobs =~ ^[1-9][0-9]*$ ]] || { echo "atlas-parallel.sh: --jobs: expected a whole number ≥ 1" >&2; exit 64; }
command -v parallel >/dev/null || { echo "atlas-parallel.sh: GNU parallel is missing (apt-get install parallel)" >&2; exit 1; }

mkdir -p "$out/shards" "$out/logs"
out=$(cd "$out" && pwd)
options=(--will-cite --jobs "${jobs:-100%}" --joblog "$out/logs/joblog" "${logins[@]}")

# A shard that ends with 1 (a C1 increase) or 2 (undecided pairs) has still written its file;
# the merge decides whether the set is complete.
parallel "${options[@]}" "$(printf '%q ' "$verify" atlas "$@" --out "$out/shards")" --jobs 1 --shard '{}/'"$shards" \
  '>' "$out/logs/shard-{}.out" ::: $(seq 1 "$shards") || true
"$verify" merge "$out/shards" --out "$out/atlas.json"
