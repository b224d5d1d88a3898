# Options and checks shared by atlas-parallel.sh and atlas-slurm.sh (sourced, not run).
# Sets: repo, shards, out, verify.

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shards= out=
verify=$repo/.build/release/verify

# Reads one shared option from "$@" into its variable and sets `consumed` to the number of words
# it took (0 when "$1" is not a shared option). A missing value reads as empty and fails the checks.
atlas_shared_option() {
  consumed=2
  case "$1" in
    --shards) shards=${2-} ;;
    --out) out=${2-} ;;
    --verify) verify=${2-} ;;
    *) consumed=0 ;;
  esac
  ((consumed <= $#)) || consumed=$#
}

# Checks the shared options after parsing; "$1" is the calling script's name, the rest the atlas flags.
atlas_check_shared() {
  local name=$1
  shift
  [[ $shards =~ ^[1-9][0-9]*$ ]] || { echo "$name: --shards: expected a whole number ≥ 1" >&2; exit 64; }
  [[ -n $out ]] || { echo "$name: --out: missing (e.g. --out atlas-run)" >&2; exit 64; }
  [[ $# -gt 0 ]] || { echo "$name: expected the verify atlas flags after --" >&2; exit 64; }
  [[ -x $verify ]] || { echo "$name: --verify: '$verify' is not an executable (swift build -c release)" >&2; exit 64; }
}
