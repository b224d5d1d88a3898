#!/usr/bin/env python3
"""Prints a Markdown table of a train-cifar results.json (one row per k and seed), or with
--epochs the per-epoch geometry of every run (docs/theory.md §10; train = the --eval-train-subset
images, test = the test set).

usage: scripts/summarise-cifar.py [--epochs] runs/DIR/results.json
"""
import json
import sys


def main():
    arguments = sys.argv[1:]
    epochs = "--epochs" in arguments
    arguments = [a for a in arguments if a != "--epochs"]
    if len(arguments) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    try:
        with open(arguments[0]) as file:
            sweep = json.load(file)
        sweep["runs"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"summarise-cifar: {arguments[0]}: not a readable train-cifar results.json ({error})", file=sys.stderr)
        return 1
    if epochs:
        return print_epochs(sweep)
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


def print_epochs(sweep):
    """One table per run: training loss, test accuracy and each geometry measure, train / test."""
    measures = [("NC1", "nc1", 3), ("equinorm", "equinorm", 3), ("equiangularity", "equiangularity", 3),
                ("nearest-centre acc.", "nearestCentreAccuracy", 3), ("agreement", "nearestCentreAgreement", 3),
                ("offset", "commonOffset", 3)]
    for run in sweep["runs"]:
        print(f"k = {run['negatives']}, seed {run.get('seed', sweep['seed'])}\n")
        header = " | ".join(f"{name} train / test" for name, _, _ in measures)
        print(f"| epoch | train loss | test acc. | {header} |")
        print("|---:|---|---|" + "---|" * len(measures))
        for evaluation in run["epochEvaluations"]:
            epoch = evaluation["epoch"]
            train, test = evaluation.get("trainGeometry"), evaluation.get("testGeometry")
            cells = [f"{train[key]:.{digits}f} / {test[key]:.{digits}f}" if train and test else "–"
                     for _, key, digits in measures]
            print(f"| {epoch} | {run['epochLosses'][epoch - 1]:.4f} | {100 * evaluation['meanClassifierAccuracy']:.1f}% | "
                  + " | ".join(cells) + " |")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
