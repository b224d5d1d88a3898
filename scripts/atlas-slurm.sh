#!/usr/bin/env bash
# Runs an atlas as a Slurm job array: task t of --array=0-(n-1) computes shard t+1 of n
# (verify atlas reads SLURM_ARRAY_TASK_ID/_MIN/_COUNT itself), then a dependent job merges the
# shards into OUT/atlas.json, the same bytes as an unsharded run.
#
#   scripts/atlas-slurm.sh --shards N --out DIR [--cpus C] [--partition P] [--verify PATH] [--wait] -- ATLAS-FLAGS
#
#   ATLAS-FLAGS   the verify atlas flags without --out and --shard, e.g. --family rho3:20 --k 1...16 --scale 2
#   --cpus C      CPUs (threads) per shard task (default 1)
#   --verify PATH the verify binary, on a path every node sees (default: this clone's release build)
#   --wait        block until the merge job has finished and exit with its status
#
# Shards go to DIR/shards, Slurm logs to DIR/logs. Rerunning the same command resumes: finished
# points are kept. The merge runs after every shard task has ended (afterany) and refuses a
# shard set with a missing or unfinished shard, so a failed task shows up there.
set -euo pipefail

source "$(dirname "$0")/atlas-options.sh"
cpus=1 partition= wait=
while [[ $# -gt 0 ]]; do
  atlas_shared_option "$@"
  if ((consumed)); then shift "$consumed"; continue; fi
  case "$1" in
    --cpus) cpus=${2-}; shift $(($# > 1 ? 2 : 1)) ;;
    --partition) partition=${2-}; shift $(($# > 1 ? 2 : 1)) ;;
    --wait) wait=1; shift ;;
    --) shift; break ;;
    *) echo "atlas-slurm.sh: unknown option '$1' (see the header of this script)" >&2; exit 64 ;;
  esac
done
atlas_check_shared atlas-slurm.sh "$@"
[[ $cpus =~ ^[1-9][0-9]*$ ]] || { echo "atlas-slurm.sh: --cpus: expected a whole number ≥ 1" >&2; exit 64; }

mkdir -p "$out/shards" "$out/logs"
out=$(cd "$out" && pwd)
options=(--parsable --job-name=atlas)
[[ -n $partition ]] && options+=(--partition="$partition")

# printf %q keeps every flag one word inside --wrap.
shard_command=$(printf '%q ' "$verify" atlas "$@" --out "$out/shards" --jobs "$cpus")
array=$(sbatch "${options[@]}" --array=0-$((shards - 1)) --cpus-per-task="$cpus" \
  --output="$out/logs/shard-%a.out" --wrap "$shard_command")
echo "atlas-slurm.sh: submitted array job $array ($shards shards)" >&2

merge_command=$(printf '%q ' "$verify" merge "$out/shards" --out "$out/atlas.json")
merge_options=("${options[@]}" --dependency="afterany:$array" --output="$out/logs/merge.out")
[[ -n $wait ]] && merge_options+=(--wait)
status=0
merge=$(sbatch "${merge_options[@]}" --wrap "$merge_command") || status=$?
echo "atlas-slurm.sh: merge job ${merge%%;*} writes $out/atlas.json" >&2
if [[ -n $wait ]]; then
  cat "$out/logs/merge.out"
  exit "$status"
fi
