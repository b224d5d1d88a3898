#!/usr/bin/env python3
"""The general workload `verify --rho 11/20,1/4,3/20,1/20 --scale 2 --k 1...12` as a convex-optimization
user would solve it: the population loss written out as an explicit convex program in the Gram matrix
(docs/theory.md §3, the class-level form with the expectation enumerated over count vectors),

    minimize   Σ_c ρ_c Σ_n P(n) · log(1 + Σ_{c'} n_{c'} e^{s(G_{cc'} − G_{cc})})
    subject to G ⪰ 0,  G_cc ≤ 1,

one log-sum-exp term per (class, count vector) in epigraph form, solved by CVXPY with Clarabel for each k. It times
those solves and the whole `verify` process in the same run, checks (in a second, untimed `verify`
run with --json) that each CVXPY optimum lies within the solver's tolerance of the certified loss,
and prints the ratio (verify: the median of seven runs). CVXPY's value is a floating-point solution with no certificate.

    scripts/setup-bench.sh && swift build -c release --product verify
    scripts/bench-general-cvxpy.py [--formulation vectorized|atoms]
"""
import argparse
import math
import os
import platform
import sys
import time
from fractions import Fraction

from verify_timing import timed_verify_rows

try:
    import cvxpy as cp
    import numpy as np
    import scipy.sparse
except ImportError:
    sys.exit("bench-general-cvxpy: cvxpy is missing; run scripts/setup-bench.sh")

RHO = [Fraction(11, 20), Fraction(1, 4), Fraction(3, 20), Fraction(1, 20)]
SCALE = 2
KS = range(1, 13)
# Clarabel's tolerances tightened from its defaults (1e-8) so that its optimum can be held against the
# certified one; the agreement check allows a thousand times that.
CLARABEL_TOLERANCES = {"tol_gap_abs": 1e-10, "tol_gap_rel": 1e-10, "tol_feas": 1e-10}
TOLERANCE = 1e-7
# The verify process takes a few tens of milliseconds: the median of several runs, not one.
VERIFY_RUNS = 7


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


def solve_vectorized(k):
    """The optimal value of L_k over F by CVXPY + Clarabel, with the total time (modelling included)
    and Clarabel's own solve time.

    Vectorized as a careful user would write it: one epigraph variable t_r per (class, count vector)
    and one exponential atom over all entries, `Σ_j exp(e_j − t_r) ≤ 1` with
    `e_j ∈ {0} ∪ {log n_{c'} + s(G_{cc'} − G_{cc})}`, which is `t_r ≥ log(1 + Σ n e^{…})`.
    """
    started = time.perf_counter()
    m = len(RHO)
    gram = cp.Variable((m, m), PSD=True)
    flat = cp.vec(gram, order="F")  # entry (i, j) at i + j·m
    weights, rows, columns, values, offsets, owners = [], [], [], [], [], []
    for n, weight in count_vectors(k, m):
        for c in range(m):
            r = len(weights)
            weights.append(float(RHO[c]) * weight)
            offsets.append(0.0)
            owners.append(r)
            for other, count in enumerate(n):
                if count == 0:
                    continue
                e = len(offsets)
                offsets.append(math.log(count))
                owners.append(r)
                if other != c:
                    rows += [e, e]
                    columns += [c + other * m, c + c * m]
                    values += [SCALE, -SCALE]
    entries, count = len(offsets), len(weights)
    linear = scipy.sparse.csr_matrix((values, (rows, columns)), shape=(entries, m * m))
    owner = scipy.sparse.csr_matrix((np.ones(entries), (np.arange(entries), owners)), shape=(entries, count))
    t = cp.Variable(count)
    exponents = linear @ flat + np.array(offsets) - owner @ t
    problem = cp.Problem(
        cp.Minimize(np.array(weights) @ t), [owner.T @ cp.exp(exponents) <= 1, cp.diag(gram) <= 1])
    problem.solve(solver=cp.CLARABEL, **CLARABEL_TOLERANCES)
    return problem.status, problem.value, time.perf_counter() - started, problem.solver_stats.solve_time


def solve_atoms(k):
    """The same program with one `log_sum_exp` atom per (class, count vector), as written first; CVXPY
    warns that it has too many subexpressions, and compiling it dominates the time."""
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
    problem.solve(solver=cp.CLARABEL, **CLARABEL_TOLERANCES)
    return problem.status, problem.value, time.perf_counter() - started, problem.solver_stats.solve_time


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verify", default=".build/release/verify", help="the verify executable")
    parser.add_argument("--formulation", choices=["vectorized", "atoms"], default="vectorized",
                        help="one exponential atom over all terms (default), or one log_sum_exp atom per term")
    args = parser.parse_args()
    if not os.access(args.verify, os.X_OK):
        sys.exit(f"bench-general-cvxpy: {args.verify} not found; run swift build -c release --product verify")
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor() or "unknown CPU")
    print(f"bench-general-cvxpy: {cpu}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}, "
          f"cvxpy {cp.__version__}, load average {' '.join(open('/proc/loadavg').read().split()[:3])}")

    results = {}
    for k in KS:
        results[k] = (solve_vectorized if args.formulation == "vectorized" else solve_atoms)(k)
    cvxpy_seconds = sum(result[2] for result in results.values())
    clarabel_seconds = sum(result[3] for result in results.values())

    command = [args.verify, "--rho", ",".join(str(p) for p in RHO), "--scale", str(SCALE), "--k", "1...12"]
    verify_seconds, timings, rows = timed_verify_rows(command, runs=VERIFY_RUNS)

    agree = 0
    print(f"\n{'k':>3}  {'CVXPY status':<20}{'CVXPY optimum':>22}  {'certified L_k(Ĝ) (verify)':>30}  difference  seconds")
    for k in KS:
        status, value, seconds, _ = results[k]
        certified = float(rows[k]["nce_loss"]["lo"])
        difference = abs(value - certified) if value is not None else math.inf
        agree += difference <= TOLERANCE * max(1.0, abs(certified))
        print(f"{k:>3}  {status:<20}{value if value is not None else float('nan'):>22.12f}  {certified:>30.15f}  "
              f"{difference:10.1e}  {seconds:7.2f}")
    print(f"\nCVXPY + Clarabel ({args.formulation} formulation), k = 1…12 (modelling and solving): {cvxpy_seconds:.2f} s; "
          f"optima within {TOLERANCE:g} (relative) of the certified loss: {agree} of {len(KS)}")
    print(f"verify {' '.join(command[1:])} (whole process, output to /dev/null), median of {len(timings)} runs: "
          f"{verify_seconds:.4f} s (runs {timings[0]:.4f}–{timings[-1]:.4f} s)")
    print(f"Clarabel's own solve time (no modelling): {clarabel_seconds:.2f} s")
    print(f"ratio CVXPY / verify: {cvxpy_seconds / verify_seconds:.1f}x; Clarabel alone / verify: "
          f"{clarabel_seconds / verify_seconds:.1f}x")
    sys.exit(0 if agree == len(KS) else 1)


if __name__ == "__main__":
    main()
