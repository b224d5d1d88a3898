#!/usr/bin/env bash
# Brings up a single-node Slurm cluster on this machine (munged, slurmctld, slurmd), runs an
# atlas as a 4-task array through scripts/atlas-slurm.sh, merges it, checks that the merged
# atlas.json has exactly the bytes of the unsharded run, and stops the daemons again.
#
#   scripts/slurm-local.sh [--state DIR] [--out DIR] [--verify PATH] [-- ATLAS-FLAGS]
#
# ATLAS-FLAGS default to: --family rho3:20 --k 1...16 --scale 2. Without --verify it builds and
# uses this clone's release verify.
# Needs root (apt-get, munged as the munge user). Installs slurm-wlm, munge and parallel with
# apt-get when missing; everything it generates (slurm.conf, spool, state, logs) lives under
# --state (default /tmp/slurm-local), which it owns and recreates. The daemons listen on
# ports 16817/16818 so they do not collide with a real Slurm installation.
set -euo pipefail

state=/tmp/slurm-local
out=
verify=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --state) state=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --verify) verify=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "slurm-local.sh: unknown option '$1' (expected --state DIR, --out DIR, --verify PATH, -- ATLAS-FLAGS)" >&2; exit 64 ;;
  esac
done
atlas_flags=("$@")
[[ ${#atlas_flags[@]} -gt 0 ]] || atlas_flags=(--family rho3:20 --k 1...16 --scale 2)
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${out:-$state/atlas}

need=()
for pair in slurmctld:slurm-wlm munged:munge parallel:parallel; do
  command -v "${pair%%:*}" >/dev/null || need+=("${pair#*:}")
done
if [[ ${#need[@]} -gt 0 ]]; then
  echo "slurm-local.sh: installing ${need[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${need[@]}" >/dev/null
fi

if [[ -z $verify ]]; then
  (cd "$repo" && swift build -c release --product verify >/dev/null)
  verify=$repo/.build/release/verify
fi
[[ -x $verify ]] || { echo "slurm-local.sh: --verify: '$verify' is not an executable" >&2; exit 64; }

# Only ever delete a folder this script made (it leaves a marker in it).
if [[ -e $state && ! -f $state/.slurm-local ]] && [[ -n $(ls -A "$state" 2>/dev/null) ]]; then
  echo "slurm-local.sh: --state $state exists and was not made by this script; choose another folder" >&2
  exit 64
fi
rm -rf "$state"
mkdir -p "$state"
touch "$state/.slurm-local"
mkdir -p "$state"/{ctld,spool,munge,logs}
host=$(hostname -s)
memory=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)
cpus=$(nproc)

# munge: a fresh key and socket under $state, run as the munge user (munged refuses root).
chown munge:munge "$state/munge"
chmod 0755 "$state/munge"
runuser -u munge -- dd if=/dev/urandom of="$state/munge/munge.key" bs=1 count=1024 status=none
chmod 0400 "$state/munge/munge.key"
socket=$state/munge/munge.socket
runuser -u munge -- munged --key-file="$state/munge/munge.key" --socket="$socket" \
  --pid-file="$state/munge/munged.pid" --log-file="$state/munge/munged.log" --seed-file="$state/munge/seed"

cat > "$state/slurm.conf" <<CONF
ClusterName=local
SlurmctldHost=$host
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/logs/slurmctld.log
SlurmdLogFile=$state/logs/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$state/slurm.conf

pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ -f $state/munge/munged.pid ]] && kill "$(cat "$state/munge/munged.pid")" 2>/dev/null || true
}
trap stop EXIT

slurmctld -D -i -f "$SLURM_CONF" >"$state/logs/slurmctld.stdout" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >"$state/logs/slurmd.stdout" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
  sinfo -h -o '%T' 2>/dev/null | grep -qE '^idle' && break
  sleep 1
done
sinfo -h -o '%T' | grep -qE '^idle' || { echo "slurm-local.sh: the node did not come up; see $state/logs" >&2; exit 1; }
echo "slurm-local.sh: single-node Slurm up on $host ($cpus CPUs, ${memory} MB)" >&2

echo "slurm-local.sh: unsharded reference run" >&2
"$verify" atlas "${atlas_flags[@]}" --out "$out/unsharded" >/dev/null || true

"$repo/scripts/atlas-slurm.sh" --shards 4 --out "$out/slurm" --verify "$verify" --wait -- "${atlas_flags[@]}"

if cmp "$out/unsharded/atlas.json" "$out/slurm/atlas.json"; then
  echo "slurm-local.sh: the merged 4-task Slurm array is byte-identical to the unsharded atlas ($out/slurm/atlas.json)"
else
  echo "slurm-local.sh: the merged Slurm atlas differs from the unsharded run" >&2
  exit 1
fi
