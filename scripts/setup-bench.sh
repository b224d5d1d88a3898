#!/usr/bin/env bash
# Installs the Python packages the comparison benchmarks need (python-flint for Arb,
# mpmath; cvxpy with the Clarabel solver for scripts/bench-general-cvxpy.py), kept apart
# from scripts/setup.sh so the main build never depends on them.
set -euo pipefail
python3 -m pip install --quiet python-flint mpmath cvxpy clarabel
echo "setup-bench: ready"
