"""Start-up benchmark: process start to first paint, the app against a bare QMainWindow.

Usage: .venv/bin/python benchmarks/startup.py [--runs N]
Builds a sample library in a temporary folder, then alternates the two probes (so noise hits
both alike) and prints medians and the ratio. Offscreen; nothing touches the real library.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROBE = Path(__file__).with_name("startup_probe.py")


def first_paint_ms(args: list[str], env: dict[str, str]) -> float:
    """Milliseconds from spawning the probe to its 'painted' line."""
    start = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, str(PROBE), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    ) as child:
        assert child.stdout is not None
        watchdog = threading.Timer(60, child.kill)  # a probe that never paints must not hang
        watchdog.start()
        line = child.stdout.readline()
        elapsed = (time.perf_counter() - start) * 1000
        watchdog.cancel()
        child.wait(timeout=30)
    if line.strip() != "painted":
        raise SystemExit(f"probe {args} did not paint")
    return elapsed


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as data:
        env["HOME"] = data
        subprocess.run(
            [sys.executable, "-m", "desktop_app", "--data-dir", data, "sample"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        bare, app = [], []
        for _ in range(runs):
            bare.append(first_paint_ms(["bare"], env))
            app.append(first_paint_ms(["app", data], env))
    b, a = statistics.median(bare), statistics.median(app)
    print(f"bare QMainWindow   median {b:6.1f} ms   (runs: {runs})")
    print(f"compliance-desk    median {a:6.1f} ms   ratio {a / b:.2f}x  (target <= 3x)")


if __name__ == "__main__":
    main()
