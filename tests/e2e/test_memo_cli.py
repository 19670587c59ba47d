"""The memo and report commands, run for real: `python -m desktop_app memo CASE -o m.pdf`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(cwd / "data"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_memo_and_docket_report(tmp_path: Path) -> None:
    assert _run(tmp_path, "sample").returncode == 0
    done = _run(tmp_path, "memo", "EC-2026-0001", "-o", "m.pdf")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "m.pdf"
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF-")

    conditions = _run(tmp_path, "memo", "ec-2026-0001", "--kind", "conditions")
    assert conditions.returncode == 0, conditions.stderr
    assert (tmp_path / "EC-2026-0001-conditions.pdf").read_bytes().startswith(b"%PDF-")

    docket = _run(tmp_path, "report", "docket")
    assert docket.returncode == 0, docket.stderr
    assert (tmp_path / "docket-report.pdf").read_bytes().startswith(b"%PDF-")

    missing = _run(tmp_path, "memo", "EC-2030-0001")
    assert missing.returncode == 2
    assert "EC-2030-0001" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_issuing_a_memo_files_it_as_an_outgoing_document(tmp_path: Path) -> None:
    import hashlib
    import json

    assert _run(tmp_path, "sample").returncode == 0
    first = _run(tmp_path, "memo", "EC-2026-0002", "--issue", "-o", "m1.pdf")
    assert first.returncode == 0, first.stderr
    assert "issued as document" in first.stdout
    shown = _run(tmp_path, "show", "EC-2026-0002", "--json")
    memos = [d for d in json.loads(shown.stdout)["documents"] if d["kind"] == "memo"]
    assert len(memos) == 1
    assert memos[0]["direction"] == "outgoing"
    assert memos[0]["sha256"] == hashlib.sha256((tmp_path / "m1.pdf").read_bytes()).hexdigest()
