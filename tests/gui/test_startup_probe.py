"""The start-up benchmark's probes still run against the window as it is now.

Not a timing: the figures are in docs/benchmarks.md. The ``rows`` probe wraps three of the
window's start-up steps by name (`MainWindow.__init__`, `MainWindow._after_first_paint`,
`ListLoads._lists_read`); this fails when one is renamed or no longer runs at start, instead of
the benchmark hanging.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks.startup import ROOT, probe, probe_env


def test_the_rows_probe_sees_the_agenda_painted_with_its_rows(tmp_path: Path) -> None:
    env = probe_env(str(tmp_path))
    data = tmp_path / "library"
    subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data), "sample"],
        check=True,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    run = probe(["rows", str(data)], env)
    view, rows = run.said
    assert view == "agenda"  # the window opens on the agenda when the library has matters
    assert int(rows) > 0
    assert list(run.marks) == [
        "imported",
        "window-built",
        "first-paint",
        "lists-landed",
        "rows-set",
    ]
    assert probe(["bare"], env).said == []
