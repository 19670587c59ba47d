"""Legal hold, retention, trash and purge from the command line, run for real on the samples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop_app.paths import LibraryPaths
from desktop_app.storage import queries
from desktop_app.storage.audit import first_break
from desktop_app.storage.library import Library
from tests.e2e.cli_run import run_in

pytestmark = pytest.mark.e2e
CASE = "EC-2026-0001"


_run = run_in


def _ok(cwd: Path, *args: str) -> str:
    done = _run(cwd, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _refused(cwd: Path, *args: str) -> str:
    done = _run(cwd, *args)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    return done.stderr


def _json(cwd: Path, *args: str) -> Any:
    return json.loads(_ok(cwd, *args, "--json"))


def _numbers(rows: list[dict[str, Any]]) -> list[str]:
    return [r["number"] for r in rows]


def test_hold_retention_trash_and_purge(tmp_path: Path) -> None:
    _ok(tmp_path, "sample")
    kept = _json(tmp_path, "show", CASE)["retention"]
    assert kept == {
        "retain_until": None,
        "retention_ended": False,
        "triggers": [],
        "on_hold": False,
        "holds": [],
        "trashed": False,
        "trashed_at": None,
    }
    assert "record the event that starts the five years" in _refused(tmp_path, "trash", CASE)

    assert "EC-2026-0001 kept until 2025-01-10" in _ok(
        tmp_path, "retention", CASE, "add", "export", "2020-01-10", "--note", "first shipment"
    )
    _refused(tmp_path, "retention", CASE, "add", "shipment", "2020-01-10")
    _refused(tmp_path, "retention", CASE, "add", "export", "2999-01-01")
    assert "under legal hold" in _ok(tmp_path, "hold", CASE, "on", "--by", "BIS OEE")
    _refused(tmp_path, "hold", CASE, "on")  # who asked?
    assert "BIS OEE" in _refused(tmp_path, "trash", CASE)
    shown = _ok(tmp_path, "show", CASE)
    assert "kept until 2025-01-10 (ended)" in shown
    assert "legal hold      ON: requested by BIS OEE" in shown

    assert "not under legal hold" in _ok(tmp_path, "hold", CASE, "off", "--note", "BIS letter")
    assert "moved EC-2026-0001 to the trash" in _ok(tmp_path, "trash", CASE)
    assert CASE not in _numbers(_json(tmp_path, "cases"))
    assert _numbers(_json(tmp_path, "trash")) == [CASE]
    assert all(h["matter_number"] != CASE for h in _json(tmp_path, "search", "Meridian"))
    agenda = _json(tmp_path, "agenda", "--as-of", "2026-12-01", "--days", "3650")
    assert all(row["matter_id"] != 1 for row in agenda)
    assert _json(tmp_path, "show", CASE)["retention"]["trashed"] is True
    assert "TRASHED" in _ok(tmp_path, "show", CASE)

    _ok(tmp_path, "hold", CASE, "on", "--by", "DOJ")
    assert "legal hold" in _refused(tmp_path, "purge", CASE, "--yes")
    _ok(tmp_path, "hold", CASE, "off", "--by", "doj")
    assert "add --yes" in _refused(tmp_path, "purge", CASE)  # no terminal to confirm on
    assert _numbers(_json(tmp_path, "trash")) == [CASE]
    assert "purged EC-2026-0001:" in _ok(tmp_path, "purge", CASE, "--yes")
    assert "EC-2026-0001" in _refused(tmp_path, "show", CASE)
    assert "The trash is empty." in _ok(tmp_path, "trash")

    library = Library.open(LibraryPaths(tmp_path / "data"), write=False)
    try:
        entries = queries.audit_entries(library.db)
    finally:
        library.close()
    assert first_break(entries) is None
    refusals = [json.loads(e.after or "{}") for e in entries if e.action == "refused"]
    assert [r["attempt"] for r in refusals] == ["move to trash", "move to trash", "purge"]


def test_untrash_puts_a_matter_back(tmp_path: Path) -> None:
    _ok(tmp_path, "sample")
    case = "EC-2026-0002"
    _ok(tmp_path, "retention", case, "add", "termination", "2019-03-31")
    _ok(tmp_path, "trash", case)
    assert case not in _numbers(_json(tmp_path, "cases"))
    assert "restored EC-2026-0002" in _ok(tmp_path, "untrash", case)
    assert case in _numbers(_json(tmp_path, "cases"))
    assert "not in the trash" in _refused(tmp_path, "untrash", case)
    assert "move it to the trash first" in _refused(tmp_path, "purge", case, "--yes")
