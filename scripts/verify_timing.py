"""Shared by the comparison benchmarks: times one whole `verify` process and reads its rows."""
import json
import os
import subprocess
import tempfile
import time


def timed_verify_rows(command):
    """Runs `command` (a verify invocation) once timed with its output discarded, then once more,
    untimed, with --json, and returns (seconds of the timed run, {k: row of the JSON})."""
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "verify.json")
        subprocess.run(command + ["--json", path], check=True, stdout=subprocess.DEVNULL)
        with open(path) as file:
            rows = {row["k"]: row for row in json.load(file)["rows"]}
    return seconds, rows
