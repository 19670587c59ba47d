"""`screen CASE`, `disposition` and a newer edition, as counsel run them (issue 18 point 3).

Every party of a sample matter is screened on the record (a clean party says "no match in
edition DATE"); a second run adds nothing; counsel's disposition is recorded with its rationale;
a newer edition that changes the entry reopens exactly that decision and finds a party newly
listed; verify passes throughout.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop_app.assets import read_json
from tests.e2e.cli_run import audit_head, given_sample, run_in

pytestmark = pytest.mark.e2e

CASE = "EC-2026-0001"
PARTY = "Thistlegate Analytics Ltd"
NEWLY_LISTED = "Kohaku Data Systems K.K."


def _json(tmp_path: Path, *args: str) -> Any:
    done = run_in(tmp_path, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _parties(screened: Any) -> dict[str, Any]:
    return {p["name"]: p for p in screened["parties"]}


def _screening_factors(tmp_path: Path) -> list[dict[str, Any]]:
    """The screening factors of Thistlegate's coverage rows, as `coverage CASE` gives them."""
    rows = _json(tmp_path, "coverage", CASE)["rows"]
    mine = [r for r in rows if r["party"]["name"] == PARTY]
    assert mine
    return [
        f
        for r in mine
        for f in r["factors"]
        if f["dimension"] == "restricted-party screening" and f["outcome"] != "pass"
    ]


def _agenda_lines(tmp_path: Path) -> list[str]:
    """The parties the agenda asks counsel to decide a screening match for."""
    rows = _json(tmp_path, "agenda")
    return [r["title"].rsplit(" of ", 1)[1] for r in rows if r["kind"] == "screening"]


def _newer_edition(tmp_path: Path, listed_name: str) -> Path:
    """The shipped list, dated 2026-12-01, with one entry changed and one party newly listed."""
    document = read_json("reference/screening-list.json")
    for entry in document["entries"]:
        if entry["n"] == listed_name:
            entry["a"] = [*entry.get("a", []), "TGA TRADING"]
    document["entries"].append({"n": "Kohaku Data Systems KK", "s": 4, "t": "Entity", "c": ["JP"]})
    document["entryCount"] = len(document["entries"])
    document["sourceGeneratedAt"] = "2026-12-01T08:00:00+00:00"
    path = tmp_path / "screening-list-2026-12-01.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_a_matter_is_screened_decided_and_carried_to_a_newer_edition(tmp_path: Path) -> None:
    given_sample(tmp_path / "data")
    first = _parties(_json(tmp_path, "screen", CASE))
    [hit] = first[PARTY]["hits"]
    assert (hit["list"], hit["disposition"]) == ("SDN", "undecided")
    assert hit["matched_alias"]
    assert any("country differs" in f for f in hit["features"])
    assert first[NEWLY_LISTED]["result"] == "no match in edition 2026-07-31"
    assert first[PARTY]["result"] == "1 potential match in edition 2026-07-31"
    head = audit_head(tmp_path)
    again = _parties(_json(tmp_path, "screen", CASE))
    assert not any(p["new"] for p in again.values())
    assert audit_head(tmp_path) == head  # a second run on the same edition adds nothing

    assert _screening_factors(tmp_path), "an undecided match makes coverage need review"
    assert _agenda_lines(tmp_path) == [PARTY]  # and puts the party on the agenda
    why = "Different company: a Croatian trading firm; Thistlegate is British (Companies House)."
    decided = _json(
        tmp_path, "disposition", str(hit["hit_id"]), "false-positive", "--rationale", why
    )
    assert (decided["disposition"], decided["rationale"]) == ("false_positive", why)
    assert decided["decided_by"]
    assert not _screening_factors(tmp_path)  # a false positive leaves coverage as it was
    assert _agenda_lines(tmp_path) == []
    refused = run_in(tmp_path, "disposition", str(hit["hit_id"]), "confirmed", "--rationale", " ")
    assert refused.returncode == 2
    assert "rationale" in refused.stderr.lower()

    imported = _json(tmp_path, "lists", "import", str(_newer_edition(tmp_path, hit["name"])))
    assert (imported["added"], imported["changed"], imported["removed"]) == (1, 1, 0)
    assert imported["dispositions_reopened"] == 1
    assert imported["parties_rescreened"] == 2  # Thistlegate (its entry changed) and Kohaku
    later = _parties(_json(tmp_path, "screen", CASE))
    assert not any(p["new"] for p in later.values())  # the import screened them already
    [reopened] = later[PARTY]["hits"]
    assert reopened["disposition"] == "undecided"
    assert "changed in the edition of 2026-12-01" in reopened["reopened"]
    assert [h["name"] for h in later[NEWLY_LISTED]["hits"]] == ["Kohaku Data Systems KK"]
    checked = run_in(tmp_path, "verify")
    assert checked.returncode == 0, checked.stdout


def test_screen_needs_a_case_or_a_name(tmp_path: Path) -> None:
    refused = run_in(tmp_path, "screen")
    assert refused.returncode == 2
    assert "screen CASE" in refused.stderr
    unknown = run_in(tmp_path, "screen", "EC-2099-0001")
    assert unknown.returncode == 2
