#!/usr/bin/env bash
# Installs the Python packages the comparison benchmarks need (python-flint for Arb,
# mpmath), kept apart from scripts/setup.sh so the main build never depends on them.
set -euo pipefail
python3 -m pip install --quiet python-flint mpmath
echo "setup-bench: ready"
