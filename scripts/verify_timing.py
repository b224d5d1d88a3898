"""Shared by the comparison benchmarks: times whole `verify` processes and reads their rows."""
import json
import os
import subprocess
import tempfile
import time


def timed_verify_rows(command, runs=1):
    """Runs `command` (a verify invocation) `runs` times timed with its output discarded, then once
    more, untimed, with --json, and returns (the median of the timed runs in seconds, every timed run
    sorted, {k: row of the JSON}). A run of a few tens of milliseconds varies by a few milliseconds
    with the machine's other load, so short workloads take the median of several."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        timings.append(time.perf_counter() - started)
    timings.sort()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "verify.json")
        subprocess.run(command + ["--json", path], check=True, stdout=subprocess.DEVNULL)
        with open(path) as file:
            rows = {row["k"]: row for row in json.load(file)["rows"]}
    return timings[len(timings) // 2], timings, rows
