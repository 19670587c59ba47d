"""`compliance-desk verify`, run as a person or a script would: exit codes and named problems."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.e2e.cli_run import given_sample, run_cli

pytestmark = pytest.mark.e2e


_run = run_cli


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A library holding the sample matters."""
    root = tmp_path / "data"
    given_sample(root)
    return root


def test_verify_a_clean_library_then_an_edited_audit_row_then_a_flipped_blob(
    data_dir: Path, tmp_path: Path
) -> None:
    clean = _run(data_dir, "verify")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert clean.stdout.splitlines()[-1].startswith("Library verified: ")
    assert clean.stdout.splitlines()[-1].endswith(" 0 problems")

    conn = sqlite3.connect(data_dir / "library.db", isolation_level=None)
    try:
        conn.execute("UPDATE audit SET actor = 'someone else' WHERE seq = 9")
        [(sha256, filename)] = conn.execute(
            "SELECT sha256, filename FROM documents WHERE id = 1"
        ).fetchall()
    finally:
        conn.close()
    edited = _run(data_dir, "verify")
    assert edited.returncode == 4  # found a problem: not 1, which is a bug
    assert "audit entry 9: its content does not match its hash" in edited.stdout

    blob = data_dir / "blobs" / sha256[:2] / sha256[2:4] / sha256
    data = bytearray(blob.read_bytes())
    data[0] ^= 0x80
    blob.chmod(stat.S_IRUSR | stat.S_IWUSR)
    blob.write_bytes(bytes(data))
    report = tmp_path / "report.txt"
    flipped = _run(data_dir, "verify", "--json", "-o", str(report))
    assert flipped.returncode == 4
    found = json.loads(flipped.stdout)
    assert found["ok"] is False
    [blobs] = [c for c in found["checks"] if c["name"] == "blobs"]
    [problem] = blobs["problems"]
    assert problem["subject"] == f"document 1 {filename!r} on EC-2026-0001"
    assert problem["matters"] == ["EC-2026-0001"]
    saved = report.read_text(encoding="utf-8")
    assert f"document 1 {filename!r} on EC-2026-0001" in saved
    assert saved.splitlines()[-1].endswith("audit entries, 2 problems")


def test_verify_without_a_library_exits_3(tmp_path: Path) -> None:
    done = _run(tmp_path / "nothing-here", "verify")
    assert done.returncode == 3
    assert "no library" in done.stderr
