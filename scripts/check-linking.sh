#!/usr/bin/env bash
# Checks the layering in the built binaries: train-cifar links neither GMP nor MPFR,
# verify does not link OpenBLAS. Usage: scripts/check-linking.sh [debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=".build/${1:-debug}"
status=0
if ldd "$bin/train-cifar" | grep -E 'libgmp|libmpfr'; then echo "train-cifar links GMP/MPFR" >&2; status=1; fi
if ldd "$bin/verify" | grep -E 'libopenblas'; then echo "verify links OpenBLAS" >&2; status=1; fi
[ "$status" -eq 0 ] && echo "check-linking: train-cifar without GMP/MPFR, verify without OpenBLAS"
exit "$status"
