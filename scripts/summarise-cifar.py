#!/usr/bin/env python3
"""Prints a Markdown table of a train-cifar results.json (one row per k and seed), or with
--epochs the per-epoch geometry of every run (docs/theory.md §10; train = the --eval-train-subset
images, test = the test set), or with --seeds-at E1,E2,... one table per k whose cells list every
seed's value at those epochs (seed order) and their range.

usage: scripts/summarise-cifar.py [--epochs | --seeds-at 1,5,10] runs/DIR/results.json
"""
import json
import sys


def main():
    arguments = sys.argv[1:]
    epochs = "--epochs" in arguments
    arguments = [a for a in arguments if a != "--epochs"]
    chosen = None
    if "--seeds-at" in arguments:
        at = arguments.index("--seeds-at")
        try:
            chosen = [int(e) for e in arguments[at + 1].split(",")]
        except (IndexError, ValueError):
            print("summarise-cifar: --seeds-at: expected epochs such as 1,5,10", file=sys.stderr)
            return 64
        del arguments[at:at + 2]
    if len(arguments) != 1 or (epochs and chosen):
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
    if chosen:
        return print_seeds_at(sweep, chosen)
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


def print_seeds_at(sweep, chosen):
    """Per k, at each chosen epoch: test accuracy and the geometry, every seed's value and the range."""
    measures = [("NC1 train", "trainGeometry", "nc1", 2), ("NC1 test", "testGeometry", "nc1", 2),
                ("equiangularity train", "trainGeometry", "equiangularity", 3),
                ("offset train", "trainGeometry", "commonOffset", 3)]
    for negatives in sorted({run["negatives"] for run in sweep["runs"]}):
        runs = [run for run in sweep["runs"] if run["negatives"] == negatives]
        seeds = ", ".join(str(run.get("seed", sweep["seed"])) for run in runs)
        print(f"k = {negatives}, seeds {seeds}: each cell lists the seeds' values in that order, then their range\n")
        print("| epoch | train loss | test acc. | " + " | ".join(name for name, _, _, _ in measures) + " |")
        print("|---:|---|---|" + "---|" * len(measures))
        for epoch in chosen:
            found = [next((e for e in run["epochEvaluations"] if e["epoch"] == epoch), None) for run in runs]
            if any(e is None or e.get("trainGeometry") is None for e in found):
                print(f"summarise-cifar: epoch {epoch} has no geometry in every run of k = {negatives}", file=sys.stderr)
                return 1
            cells = [cell([run["epochLosses"][epoch - 1] for run in runs], 4),
                     cell([100 * e["meanClassifierAccuracy"] for e in found], 1, "%")]
            cells += [cell([e[where][key] for e in found], digits) for _, where, key, digits in measures]
            print(f"| {epoch} | " + " | ".join(cells) + " |")
        print()
    return 0


def cell(values, digits, unit=""):
    """`a, b (range r)`: the values in seed order and max − min."""
    listed = ", ".join(f"{v:.{digits}f}{unit}" for v in values)
    return listed if len(values) < 2 else f"{listed} (range {max(values) - min(values):.{digits}f})"


if __name__ == "__main__":
    sys.exit(main())
