"""``original CASE DOC -o FILE`` writes a filed original back out byte for byte, or nothing."""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path

import pytest

from tests.e2e.cli_run import given_sample, run_in

pytestmark = pytest.mark.e2e


def _documents(tmp_path: Path) -> list[dict[str, object]]:
    shown = run_in(tmp_path, "show", "EC-2026-0001", "--json")
    return list(json.loads(shown.stdout)["documents"])


def test_an_original_is_written_back_exactly(tmp_path: Path) -> None:
    given_sample(tmp_path / "data")
    first = _documents(tmp_path)[0]
    done = run_in(tmp_path, "original", "EC-2026-0001", str(first["id"]), "-o", "copy.bin")
    assert done.returncode == 0, done.stderr
    assert hashlib.sha256((tmp_path / "copy.bin").read_bytes()).hexdigest() == first["sha256"]
    assert f"SHA-256 {first['sha256']}" in done.stdout


def test_no_such_document_or_a_damaged_original_writes_nothing(tmp_path: Path) -> None:
    given_sample(tmp_path / "data")
    missing = run_in(tmp_path, "original", "EC-2026-0001", "999", "-o", "x.bin")
    assert missing.returncode == 2
    assert "EC-2026-0001 has no document 999" in missing.stderr
    first = _documents(tmp_path)[0]
    digest = str(first["sha256"])
    blob = tmp_path / "data" / "blobs" / digest[:2] / digest[2:4] / digest
    blob.chmod(stat.S_IRUSR | stat.S_IWUSR)
    blob.write_bytes(blob.read_bytes()[:-1] + b"?")
    damaged = run_in(tmp_path, "original", "EC-2026-0001", str(first["id"]), "-o", "y.bin")
    assert damaged.returncode != 0
    assert "no longer matches its SHA-256" in damaged.stderr
    assert not (tmp_path / "y.bin").exists()
    assert not (tmp_path / "x.bin").exists()
