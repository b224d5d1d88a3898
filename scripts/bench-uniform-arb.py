#!/usr/bin/env python3
"""The uniform workload (N = 10, s = 1, k = 1...10000, 128 bits) as a careful python-flint user
would certify it: a windowed binomial sum in Arb, outward from the mode, each neglected tail
bounded by a geometric series, for L_k(G*), the KKT multiplier's expectation and col_k.
Then times the whole `verify --classes 10 --k 1...10000` process, checks (in a second, untimed
run with --json) that its enclosures overlap Arb's, and prints the ratio from this one run.

    scripts/setup-bench.sh && swift build -c release --product verify
    scripts/bench-uniform-arb.py [--stride S]

With --stride S (default 10) Arb runs on every S-th k and its time is scaled by S
(its cost per k grows like sqrt(k), so the sample is representative); --stride 1 runs all.
"""
import argparse
import os
import platform
import sys
import time

from verify_timing import timed_verify_rows

try:
    from flint import arb, ctx
except ImportError:
    sys.exit("bench-uniform-arb: python-flint is missing; run scripts/setup-bench.sh")

N, PRECISION, K_MAX = 10, 128, 10_000


def windowed_expectations(k, a, p, q, log_table):
    """Enclosures of E[log(1+j+(k-j)a)], E[(k-j)a/(1+j+(k-j)a)], E[log(1+j)], j ~ Bin(k, p)."""
    tolerance = arb(2) ** -(PRECISION + 4)
    mode = (k + 1) // N
    start = (arb(k + 1).lgamma() - arb(mode + 1).lgamma() - arb(k - mode + 1).lgamma()
             + mode * p.log() + (k - mode) * q.log()).exp()

    def terms(j):
        z = 1 + j + (k - j) * a
        return z.log(), (k - j) * a / z, log_table[j]

    sums = list(terms(mode))
    sums = [start * t for t in sums]
    odds = p / q
    ranges = [log_table[k] if k < len(log_table) else arb(k + 1).log(), arb(1), log_table[k]]
    for direction in (1, -1):
        weight, j = start, mode
        while (j < k) if direction > 0 else (j > 0):
            ratio = (k - j) * odds / (j + 1) if direction > 0 else j / (odds * (k - j + 1))
            if ratio < 1:
                tail = weight * ratio / (1 - ratio)
                if tail * ranges[0] < tolerance * sums[0].mid():
                    sums = [s + arb(0, (tail * r).upper()) for s, r in zip(sums, ranges)]
                    break
            weight = weight * ratio
            j += direction
            sums = [s + weight * t for s, t in zip(sums, terms(j))]
    return sums


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stride", type=int, default=10, help="run Arb on every S-th k, scale its time by S")
    parser.add_argument("--verify", default=".build/release/verify", help="the verify executable")
    args = parser.parse_args()
    if args.stride < 1:
        sys.exit("bench-uniform-arb: --stride must be a positive integer")
    if not os.access(args.verify, os.X_OK):
        sys.exit(f"bench-uniform-arb: {args.verify} not found; run swift build -c release --product verify")

    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
    print(f"bench-uniform-arb: {cpu}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}, "
          f"python-flint {__import__('flint').__version__}, {platform.python_version()}")
    ctx.prec = PRECISION + 20

    ks = list(range(args.stride, K_MAX + 1, args.stride))
    started = time.perf_counter()
    a = (-arb(N) / (N - 1)).exp()
    p, q = arb(1) / N, arb(N - 1) / N
    log_table = [arb(1 + j).log() for j in range(K_MAX + 1)]
    arb_values = {k: windowed_expectations(k, a, p, q, log_table) for k in ks}
    arb_seconds = (time.perf_counter() - started) * args.stride

    command = [args.verify, "--classes", str(N), "--k", f"1...{K_MAX}"]
    verify_seconds, _, rows = timed_verify_rows(command)

    disagreements = 0
    for k, (loss, _, collision) in arb_values.items():
        for name, value in (("nce_loss", loss), ("collision_term", collision)):
            lo, hi = rows[k][name]["lo"], rows[k][name]["hi"]
            swift = arb(lo).union(arb(hi))
            if not swift.overlaps(value):
                disagreements += 1
                print(f"  k = {k}: {name} Swift [{lo}, {hi}] misses Arb {value}")
    widest = max(v[0].rad() for v in arb_values.values())
    print(f"Arb windowed binomial sum, {len(ks)} values of k (every {args.stride}th), time scaled to all "
          f"{K_MAX}: {arb_seconds:.2f} s (widest L_k radius {float(widest):.1e})")
    print(f"verify --classes {N} --k 1...{K_MAX} (whole process, output to /dev/null): {verify_seconds:.2f} s")
    print(f"ratio Arb / verify: {arb_seconds / verify_seconds:.1f}x; "
          f"{'all enclosures overlap' if disagreements == 0 else f'{disagreements} DISAGREEMENTS'}")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
