"""Start-up of the packaged bundle against the same version run from its virtual environment.

Usage: .venv/bin/python benchmarks/startup_bundle.py [--runs N]   (after packaging/build.sh)
Times, from spawn, (1) the window's first paint offscreen (``gui`` with
COMPLIANCE_DESK_PROBE_PAINT=1, which prints "painted" and quits) and (2) ``--version``; the two
programs alternate so noise hits both alike. Target: the bundle within 1.2x of the venv.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parents[1]
BUNDLE = [str(ROOT / "dist" / "compliance-desk" / "compliance-desk")]
VENV = [str(Path(sys.executable).with_name("compliance-desk"))]


def first_paint_ms(program: list[str], data: str, env: dict[str, str]) -> float:
    """Milliseconds from spawning ``program gui`` to its "painted" line."""
    start = time.perf_counter()
    with subprocess.Popen(
        [*program, "--data-dir", data, "gui"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**env, "COMPLIANCE_DESK_PROBE_PAINT": "1"},
    ) as child:
        assert child.stdout is not None
        line = child.stdout.readline()
        elapsed = (time.perf_counter() - start) * 1000
        child.wait(timeout=60)
    if line.strip() != "painted":
        raise SystemExit(f"{program} did not paint")
    return elapsed


def version_ms(program: list[str], env: dict[str, str]) -> float:
    """Milliseconds for ``program --version``, start to exit."""
    start = time.perf_counter()
    subprocess.run([*program, "--version"], env=env, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    """Measure both programs and print medians and ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    if not Path(BUNDLE[0]).is_file():
        raise SystemExit("no bundle: run packaging/build.sh first")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as data:
        env["HOME"] = data
        subprocess.run(
            [*BUNDLE, "--data-dir", data, "sample"], check=True, env=env, stdout=subprocess.DEVNULL
        )
        paint: dict[str, list[float]] = {"bundle": [], "venv": []}
        version: dict[str, list[float]] = {"bundle": [], "venv": []}
        for _ in range(runs):
            for name, program in (("bundle", BUNDLE), ("venv", VENV)):
                paint[name].append(first_paint_ms(program, data, env))
                version[name].append(version_ms(program, env))
    for what, table in (("first paint", paint), ("--version", version)):
        b, v = statistics.median(table["bundle"]), statistics.median(table["venv"])
        print(
            f"{what:<12} venv {v:7.1f} ms   bundle {b:7.1f} ms   ratio {b / v:.2f}x"
            f"  (median of {runs}; target <= 1.2x)"
        )


if __name__ == "__main__":
    main()
