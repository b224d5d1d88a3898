#!/usr/bin/env python3
"""The general workload `verify --rho 11/20,1/4,3/20,1/20 --scale 2 --k 1...12` as a convex-optimization
user would solve it: the population loss written out as an explicit convex program in the Gram matrix
(docs/theory.md §3, the class-level form with the expectation enumerated over count vectors),

    minimize   Σ_c ρ_c Σ_n P(n) · log(1 + Σ_{c'} n_{c'} e^{s(G_{cc'} − G_{cc})})
    subject to G ⪰ 0,  G_cc ≤ 1,

one log-sum-exp atom per (class, count vector), solved by CVXPY with Clarabel for each k. It times
those solves and the whole `verify` process in the same run, checks (in a second, untimed `verify`
run with --json) that each CVXPY optimum lies within the solver's tolerance of the certified loss,
and prints the ratio. CVXPY's value is a floating-point solution with no certificate.

    scripts/setup-bench.sh && swift build -c release --product verify
    scripts/bench-general-cvxpy.py
"""
import argparse
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from fractions import Fraction

try:
    import cvxpy as cp
    import numpy as np
except ImportError:
    sys.exit("bench-general-cvxpy: cvxpy is missing; run scripts/setup-bench.sh")

RHO = [Fraction(11, 20), Fraction(1, 4), Fraction(3, 20), Fraction(1, 20)]
SCALE = 2
KS = range(1, 13)
# Clarabel's default tolerances are about 1e-8 relative; the agreement check allows ten times that.
TOLERANCE = 1e-7


def count_vectors(k, classes):
    """Every n with Σ n = k, and its exact multinomial probability under RHO."""
    def visit(prefix, remaining):
        if len(prefix) == classes - 1:
            yield prefix + [remaining]
            return
        for n in range(remaining + 1):
            yield from visit(prefix + [n], remaining - n)
    for n in visit([], k):
        weight = Fraction(math.factorial(k))
        for count, p in zip(n, RHO):
            weight = weight / math.factorial(count) * p ** count
        yield n, float(weight)


def solve(k):
    """The optimal value of L_k over F by CVXPY + Clarabel, and the solve time (modelling included)."""
    started = time.perf_counter()
    m = len(RHO)
    gram = cp.Variable((m, m), PSD=True)
    terms = []
    for n, weight in count_vectors(k, m):
        for c in range(m):
            entries = [cp.Constant(0.0)] + [
                math.log(count) + SCALE * (gram[c, other] - gram[c, c])
                for other, count in enumerate(n) if count > 0
            ]
            terms.append(float(RHO[c]) * weight * cp.log_sum_exp(cp.hstack(entries)))
    problem = cp.Problem(cp.Minimize(cp.sum(cp.hstack(terms))), [cp.diag(gram) <= 1])
    problem.solve(solver=cp.CLARABEL)
    return problem.status, problem.value, time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verify", default=".build/release/verify", help="the verify executable")
    args = parser.parse_args()
    if not os.access(args.verify, os.X_OK):
        sys.exit(f"bench-general-cvxpy: {args.verify} not found; run swift build -c release --product verify")
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor() or "unknown CPU")
    print(f"bench-general-cvxpy: {cpu}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}, "
          f"cvxpy {cp.__version__}, load average {' '.join(open('/proc/loadavg').read().split()[:3])}")

    results = {}
    for k in KS:
        results[k] = solve(k)
    cvxpy_seconds = sum(seconds for _, _, seconds in results.values())

    command = [args.verify, "--rho", ",".join(str(p) for p in RHO), "--scale", str(SCALE), "--k", "1...12"]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    verify_seconds = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as folder:  # a second, untimed run for the cross-check
        path = os.path.join(folder, "general.json")
        subprocess.run(command + ["--json", path], check=True, stdout=subprocess.DEVNULL)
        rows = {row["k"]: row for row in json.load(open(path))["rows"]}

    agree = 0
    print(f"\n{'k':>3}  {'CVXPY status':<14}{'CVXPY optimum':>22}  {'certified L_k(Ĝ) (verify)':>30}  difference  seconds")
    for k in KS:
        status, value, seconds = results[k]
        certified = float(rows[k]["nce_loss"]["lo"])
        difference = abs(value - certified) if value is not None else math.inf
        agree += difference <= TOLERANCE * max(1.0, abs(certified))
        print(f"{k:>3}  {status:<14}{value if value is not None else float('nan'):>22.12f}  {certified:>30.15f}  "
              f"{difference:10.1e}  {seconds:7.2f}")
    print(f"\nCVXPY + Clarabel, k = 1…12 (modelling and solving): {cvxpy_seconds:.2f} s; "
          f"optima within {TOLERANCE:g} (relative) of the certified loss: {agree} of {len(KS)}")
    print(f"verify {' '.join(command[1:])} (whole process, output to /dev/null): {verify_seconds:.2f} s")
    print(f"ratio CVXPY / verify: {cvxpy_seconds / verify_seconds:.1f}x")
    sys.exit(0 if agree == len(KS) else 1)


if __name__ == "__main__":
    main()
