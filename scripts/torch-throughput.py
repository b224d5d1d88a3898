#!/usr/bin/env python3
"""Times the train-cifar encoder in PyTorch (CPU) and compares it with the Swift
implementation (`cifar-benchmark`).

The network is the same as Sources/CIFARTraining/Encoder.swift: three
conv3x3(pad 1)-batchnorm-ReLU-maxpool2x2 stages with 32/64/128 channels (batch
norm in training mode, as in a training step), a linear head to d = 128 and the
map x / max(1, ||x||) into the unit ball. Both sides time
forward + backward of a batch of random 32x32 images against a fixed output
gradient.

usage: scripts/torch-throughput.py [--batch 256] [--repetitions 10] [--threads 2] [--swift PATH] [--no-batch-norm]
"""
import argparse
import re
import subprocess
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--repetitions", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--swift", default=".build/release/cifar-benchmark")
    parser.add_argument("--no-batch-norm", action="store_true")
    args = parser.parse_args()

    try:
        import torch
        from torch import nn
    except ImportError:
        print("torch-throughput: torch is not importable (try `pip install torch`); nothing to compare")
        return 1

    torch.manual_seed(0)
    torch.set_num_threads(args.threads)

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            layers, channels = [], 3
            for out in (32, 64, 128):
                layers.append(nn.Conv2d(channels, out, 3, padding=1))
                if not args.no_batch_norm:
                    layers.append(nn.BatchNorm2d(out))
                layers += [nn.ReLU(), nn.MaxPool2d(2)]
                channels = out
            self.features = nn.Sequential(*layers)
            self.head = nn.Linear(128 * 4 * 4, 128)

        def forward(self, x):
            h = self.head(self.features(x).flatten(1))
            return h / torch.clamp(h.norm(dim=1, keepdim=True), min=1.0)

    model = Encoder()
    images = torch.randn(args.batch, 3, 32, 32)
    gradient = torch.randn(args.batch, 128) / 100

    def rate(step):
        step()  # warm-up
        start = time.perf_counter()
        for _ in range(args.repetitions):
            step()
        return args.batch * args.repetitions / (time.perf_counter() - start)

    def forward():
        with torch.no_grad():
            model(images)

    def forward_backward():
        model.zero_grad(set_to_none=True)
        model(images).backward(gradient)

    torch_forward = rate(forward)
    torch_training = rate(forward_backward)
    print(f"torch {torch.__version__} ({args.threads} threads), batch {args.batch}: "
          f"forward {torch_forward:.0f} images/s, forward+backward {torch_training:.0f} images/s")

    try:
        command = [args.swift, str(args.batch), str(args.repetitions), "--threads", str(args.threads)]
        command += ["--no-batch-norm"] if args.no_batch_norm else []
        output = subprocess.run(command,
                                capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"torch-throughput: cannot run {args.swift} ({error}); build it with "
              "`swift build -c release --product cifar-benchmark`")
        return 1
    print(output.strip())
    match = re.search(r"forward ([0-9.]+) images/s, forward\+backward ([0-9.]+) images/s", output)
    if not match:
        print("torch-throughput: unexpected cifar-benchmark output")
        return 1
    swift_forward, swift_training = map(float, match.groups())
    print(f"swift / torch: forward {swift_forward / torch_forward:.2f}, "
          f"forward+backward {swift_training / torch_training:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
