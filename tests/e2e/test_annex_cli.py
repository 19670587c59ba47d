"""`annex`: counsel see each Annex A row's link and suggestions, then confirm or clear a link."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.cli_run import given_sample, run_in

pytestmark = pytest.mark.e2e
CASE = "EC-2026-0001"


def _ok(cwd: Path, *args: str) -> str:
    done = run_in(cwd, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _rows(cwd: Path) -> list[dict[str, Any]]:
    letters = json.loads(_ok(cwd, "annex", CASE, "--json"))["letters"]
    return [row for letter in letters for row in letter["rows"]]


def test_rows_are_suggested_until_counsel_confirm_them(tmp_path: Path) -> None:
    given_sample(tmp_path / "data")
    # The sample's counsel confirmed every row but row 3, whose name differs from the party's.
    assert [row["link"] for row in _rows(tmp_path)][:4] == [
        "confirmed",
        "confirmed",
        "suggested",
        "confirmed",
    ]
    third = _rows(tmp_path)[2]
    assert third["name_as_written"] == "Brennwald Sicherheitsforschung GmbH"
    assert third["suggestions"][0]["party"] == third["party"] | {"country": "DE"}
    assert third["suggestions"][0]["name_score"] >= 92.0
    assert third["suggestions"][0]["country_match"] is True

    said = _ok(tmp_path, "annex", CASE, "link", "3")
    assert "CONFIRMED → Brennwald Sicherheitsforschungs-GmbH" in said
    assert _rows(tmp_path)[2]["link"] == "confirmed"
    assert _rows(tmp_path)[2]["suggestions"] == []

    _ok(tmp_path, "annex", CASE, "link", "2", "thistlegate analytics LTD")
    assert _rows(tmp_path)[1]["party"]["name"] == "Thistlegate Analytics Ltd"
    _ok(tmp_path, "annex", CASE, "unlink", "2")
    assert (_rows(tmp_path)[1]["link"], _rows(tmp_path)[1]["party"]) == ("unlinked", None)


REFUSED = [
    (("link", "99"), "has no Annex A row 99"),
    (("link", "1", "Nobody at all"), "'Nobody at all' is no party of the matter"),
    (("unlink",), "link ROW [PARTY] | unlink ROW"),
    (("link", "1", "--letter", "9"), "Letter 9 has no Annex A row 1"),
]


def test_a_bad_link_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    given_sample(tmp_path / "data")
    before = _rows(tmp_path)
    for args, message in REFUSED:
        done = run_in(tmp_path, "annex", CASE, *args)
        assert done.returncode == 2, (done.stdout, done.stderr)
        assert message in done.stderr
        assert "Traceback" not in done.stderr
    assert _rows(tmp_path) == before
