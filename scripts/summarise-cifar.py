#!/usr/bin/env python3
"""Prints a Markdown table of a train-cifar results.json (one row per k and seed).

usage: scripts/summarise-cifar.py runs/DIR/results.json
"""
import json
import sys


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip())
        return 64
    with open(sys.argv[1]) as file:
        sweep = json.load(file)
    print(f"{sweep['dataset']}, {len(sweep['classes'])} classes, {sweep['trainImages']} training images, "
          f"imbalance {sweep['imbalance']}, scale {sweep['scale']}, d {sweep['encoder']['embeddingDimension']}, "
          f"{'sphere' if sweep['encoder']['sphere'] else 'ball'}, {sweep['epochs']} epochs, seed {sweep['seed']}\n")
    print("| k | seed | batch | train loss | test L_k (95% CI) | mean-clf acc | L_sup^μ | probe acc "
          "| within/between | max/mean \\|cos + 1/(N−1)\\| | mean ‖μ_c‖ | train s | img/s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for run in sweep["runs"]:
        e, g, n = run["evaluation"], run["evaluation"]["geometry"], run["evaluation"]["nceTestLoss"]
        norms = g["classMeanNorms"]
        print(f"| {run['negatives']} | {run.get('seed', sweep['seed'])} | {run['effectiveBatchSize']} | {run['epochLosses'][-1]:.4f} "
              f"| {n['mean']:.4f} ({n['lower95']:.4f}–{n['upper95']:.4f}) | {e['meanClassifierAccuracy']:.4f} "
              f"| {e['meanClassifierLoss']:.4f} | {e['linearProbeAccuracy']:.4f} | {g['spreadRatio']:.3f} "
              f"| {g['cosineMaxAbsDeviation']:.3f} / {g['cosineMeanAbsDeviation']:.3f} | {sum(norms) / len(norms):.3f} "
              f"| {run['trainingSeconds']:.0f} | {run['imagesPerSecond']:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
