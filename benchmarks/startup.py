"""Start-up benchmark: process start to first paint, the app against a bare QMainWindow.

Usage: .venv/bin/python benchmarks/startup.py [--runs N]
Builds a sample library in a temporary folder, then alternates the two probes (so noise hits
both alike) and prints medians and the ratio. Offscreen; nothing touches the real library.
`probe` runs any mode of `startup_probe.py` and also returns the time stamps it printed on
the way (``benchmarks.scale`` uses its ``rows`` mode for "start -> agenda with rows").
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
from dataclasses import dataclass, field
from pathlib import Path

PROBE = Path(__file__).with_name("startup_probe.py")
ROOT = Path(__file__).parents[1]


@dataclass
class ProbeRun:
    """One probe process: spawn to its ``painted`` line, what it said, its stamps on the way."""

    ms: float
    said: list[str]
    """The words after ``painted`` (for ``rows``: the view and its number of rows)."""
    marks: dict[str, float] = field(default_factory=dict)
    """Milliseconds from spawn to each ``mark`` the probe printed."""


def probe_env(home: str) -> dict[str, str]:
    """The probes' environment: offscreen, ``home`` as HOME, this checkout's code imported.

    The probe runs as a script, so without PYTHONPATH the venv's editable install would
    import the package from wherever the venv was made (another worktree, say). Bytecode is
    written (PYTHONDONTWRITEBYTECODE dropped), so that after the first run every probe loads
    cached bytecode as an installed app or the bundle does, rather than compiling each module.
    """
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": home, "PYTHONPATH": path}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def probe(args: list[str], env: dict[str, str], timeout: float = 60) -> ProbeRun:
    """Spawn ``startup_probe.py ARGS`` and time it to its ``painted`` line."""
    start = time.perf_counter()
    marks: dict[str, float] = {}
    with subprocess.Popen(
        [sys.executable, str(PROBE), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    ) as child:
        assert child.stdout is not None
        watchdog = threading.Timer(timeout, child.kill)  # a probe that never paints must not hang
        watchdog.start()
        words: list[str] = []
        for line in child.stdout:
            words = line.split()
            if words[:1] != ["mark"]:
                break
            marks[words[1]] = (float(words[2]) - start) * 1000  # the same clock (Linux)
        elapsed = (time.perf_counter() - start) * 1000
        watchdog.cancel()
        child.wait(timeout=30)
    if words[:1] != ["painted"]:
        raise SystemExit(f"probe {args} did not paint: {' '.join(words)}")
    return ProbeRun(elapsed, words[1:], marks)


def first_paint_ms(args: list[str], env: dict[str, str]) -> float:
    """Milliseconds from spawning the probe to its 'painted' line."""
    return probe(args, env).ms


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as data:
        env = probe_env(data)
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
