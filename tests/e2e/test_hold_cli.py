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
from tests.e2e.cli_run import given_sample, run_in

pytestmark = pytest.mark.e2e
CASE = "EC-2019-0007"  # loaded: a matter with nothing that keeps it live
SAMPLE = "EC-2026-0001"  # the sample matter with a license valid until 2027-01-29


def _load(cwd: Path, **matter: Any) -> None:
    """Load a one-matter file opened in 2019 (the sample's matters are all still live)."""
    fields = {"title": "Osprey 2 release review", "kind": "internal_review", **matter}
    document = {"format": "compliance-desk/matter", "version": 1, "matter": fields}
    path = cwd / f"{fields['number']}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    _ok(cwd, "load", str(path))


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
    given_sample(tmp_path / "data")
    _load(tmp_path, number=CASE, opened="2019-01-02")
    kept = _json(tmp_path, "show", CASE)["retention"]
    assert kept == {
        "retain_until": None,
        "retention_ended": False,
        "rule": "15 CFR 762.6(a)",
        "years": 5,
        "counted": "5 years, 15 CFR 762.6(a): no start event known",
        "counts_from": None,
        "live": [],
        "ofac_question": None,
        "triggers": [],
        "on_hold": False,
        "holds": [],
        "trashed": False,
        "trashed_at": None,
    }
    assert "record the event that starts it first" in _refused(tmp_path, "trash", CASE)

    assert f"{CASE} kept until 2025-01-10" in _ok(
        tmp_path,
        "retention",
        CASE,
        "add",
        "export",
        "2020-01-10",
        "--note",
        "first shipment",
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
    assert "--no-ofac-party" in _refused(tmp_path, "trash", CASE)  # ten years if on an OFAC list
    assert f"moved {CASE} to the trash" in _ok(tmp_path, "trash", CASE, "--no-ofac-party")
    assert CASE not in _numbers(_json(tmp_path, "cases"))
    assert _numbers(_json(tmp_path, "trash")) == [CASE]
    assert all(h["matter_number"] != CASE for h in _json(tmp_path, "search", "Meridian"))
    assert _json(tmp_path, "show", CASE)["retention"]["trashed"] is True
    assert "TRASHED" in _ok(tmp_path, "show", CASE)

    held = _ok(tmp_path, "hold", CASE, "on", "--by", "DOJ")  # an agency may ask at any time
    assert f"{CASE} is in the trash; the hold keeps it from being purged" in held
    assert "legal hold" in _refused(tmp_path, "purge", CASE, "--yes")
    _ok(tmp_path, "hold", CASE, "off", "--by", "doj")
    assert "add --yes" in _refused(tmp_path, "purge", CASE)  # no terminal to confirm on
    assert _numbers(_json(tmp_path, "trash")) == [CASE]
    assert f"purged {CASE}:" in _ok(tmp_path, "purge", CASE, "--yes")
    assert CASE in _refused(tmp_path, "show", CASE)
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
    case = "EC-2019-0008"
    _load(tmp_path, number=case, opened="2019-01-02")
    _ok(tmp_path, "retention", case, "add", "termination", "2019-03-31")
    _ok(tmp_path, "trash", case, "--no-ofac-party")
    assert case not in _numbers(_json(tmp_path, "cases"))
    (tmp_path / "letter.txt").write_text("Illustrative letter.", encoding="utf-8")
    assert f"{case} is in the trash: restore it (untrash {case})" in _refused(
        tmp_path, "import", case, "letter.txt"
    )
    assert "the trash is not searched" in _refused(tmp_path, "search", "letter", "--case", case)
    assert f"restored {case}" in _ok(tmp_path, "untrash", case)
    assert "imported" in _ok(tmp_path, "import", case, "letter.txt")
    assert case in _numbers(_json(tmp_path, "cases"))
    assert "not in the trash" in _refused(tmp_path, "untrash", case)
    assert "move it to the trash first" in _refused(tmp_path, "purge", case, "--yes")


def test_a_live_matter_is_refused_naming_what_keeps_it(tmp_path: Path) -> None:
    """762.6: the sample's license is valid until 2027-01-29; it cannot go to the trash."""
    given_sample(tmp_path / "data")
    _ok(tmp_path, "retention", SAMPLE, "add", "export", "2019-01-10", "--yes")
    refused = _refused(tmp_path, "trash", SAMPLE)
    assert "license D512847 is valid until 2027-01-29" in refused
    assert "conditions are still open" in refused
    assert "live            license D512847" in _ok(tmp_path, "show", SAMPLE)


def test_an_ofac_matter_is_kept_ten_years_and_an_early_event_asks(tmp_path: Path) -> None:
    """31 CFR 501.601: ten years from the transaction; the answer names the rule and event."""
    case = "EC-2016-0001"
    _load(tmp_path, number=case, opened="2016-03-01", agency="ofac")
    assert "before EC-2016-0001 was opened" in _refused(
        tmp_path, "retention", case, "add", "export", "2016-02-29"
    )
    _ok(tmp_path, "retention", case, "add", "export", "2016-02-29", "--yes")
    kept = _json(tmp_path, "show", case)["retention"]
    assert (kept["retain_until"], kept["rule"], kept["years"]) == (
        "2026-02-28",
        "31 CFR 501.601",
        10,
    )
    assert kept["counts_from"]["occurred_on"] == "2016-02-29"
    assert "because the matter is before OFAC" in kept["counted"]
    assert "boycott" not in _ok(tmp_path, "retention", case)
    assert "501.601" in _refused(tmp_path, "retention", case, "add", "boycott", "2020-01-01")
