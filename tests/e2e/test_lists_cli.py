"""`lists`, `lists import` and `screen --name` as counsel run them (issue 18, the lists).

A new library is given the shipped edition the first time a list is needed; `screen --name`
finds a listed name with its list fields and records nothing; a newer edition in trade.gov's
JSON is imported and compared with the one before; the same file twice is held once; a bad
file is refused and changes nothing; verify passes throughout.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.cli_run import audit_head, run_in

pytestmark = pytest.mark.e2e


def _json(tmp_path: Path, *args: str) -> Any:
    done = run_in(tmp_path, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _newer_edition(tmp_path: Path) -> Path:
    """trade.gov's JSON shape: Bank of Kunlun's policy changed, one entry added, one removed."""
    rows = [
        {
            "source": "Capta List (CAP) - Treasury Department",
            "entity_number": "15268",
            "type": "Entity",
            "name": "BANK OF KUNLUN CO LTD",
            "alt_names": ["KARAMAY URBAN CREDIT COOPERATIVES"],
            "addresses": [{"country": "CN"}],
            "license_policy": "Changed in this edition.",
        },
        {
            "source": "Entity List (EL) - Bureau of Industry and Security",
            "entity_number": "",
            "type": "Entity",
            "name": "Northwind Quantum Ltd.",
            "addresses": [{"country": "HK"}],
            "license_requirement": "For all items subject to the EAR.",
            "license_policy": "Presumption of denial.",
        },
    ]
    document = {
        "total": len(rows),
        "sources_used": [{"source": "EL", "source_last_updated": "2026-12-01T08:00:00Z"}],
        "results": rows,
    }
    path = tmp_path / "consolidated.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_a_name_is_screened_against_the_shipped_edition_and_nothing_is_recorded(
    tmp_path: Path,
) -> None:
    first = _json(tmp_path, "screen", "--name", "Bank of Kunlun")
    assert first["edition"]["published"] == "2026-07-31"
    assert first["edition"]["in_force"] is True
    [hit] = first["hits"]
    assert (hit["entry_id"], hit["list"], hit["matched_alias"]) == (
        "CAP:15268",
        "CAP",
        "BANK OF KUNLUN CO LTD",
    )
    assert hit["score"] == 100.0
    assert {t["how"] for t in hit["features"]["tokens"]} == {"same"}
    head = audit_head(tmp_path)  # the shipped edition was added, audited: one entry
    assert head[0] == 1
    again = _json(tmp_path, "screen", "--name", "Kunlun Bank", "--country", "CN")
    assert again["hits"][0]["entry_id"] == "CAP:15268"
    assert audit_head(tmp_path) == head  # screening one name records nothing


def test_a_newer_edition_is_imported_compared_and_held_once(tmp_path: Path) -> None:
    newer = _newer_edition(tmp_path)
    said = _json(tmp_path, "lists", "import", str(newer))
    assert said["new"] is True
    assert said["edition"]["published"] == "2026-12-01"
    assert said["against"] == "2026-07-31"
    assert (said["added"], said["removed"], said["changed"]) == (1, 25_920, 1)
    listed = _json(tmp_path, "lists")
    assert [e["published"] for e in listed] == ["2026-12-01", "2026-07-31"]
    assert [e["in_force"] for e in listed] == [True, False]
    twice = _json(tmp_path, "lists", "import", str(newer))
    assert twice["new"] is False
    assert len(_json(tmp_path, "lists")) == 2
    found = _json(tmp_path, "screen", "--name", "Northwind Quantum Limited")
    assert found["edition"]["published"] == "2026-12-01"
    assert found["hits"][0]["license_policy"] == "Presumption of denial."
    checked = run_in(tmp_path, "verify")
    assert checked.returncode == 0, checked.stdout


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"results": [{"name": "A', "truncated"),
        ('{"rows": []}', "not the Consolidated Screening List"),
        ('{"results": []}', "no list entries"),
    ],
)
def test_a_bad_file_is_refused_and_changes_nothing(
    tmp_path: Path, content: str, reason: str
) -> None:
    _json(tmp_path, "lists")  # the shipped edition, held
    head = audit_head(tmp_path)
    bad = tmp_path / "consolidated.json"
    bad.write_text(content, encoding="utf-8")
    refused = run_in(tmp_path, "lists", "import", str(bad))
    assert refused.returncode == 2
    assert reason in refused.stderr
    assert audit_head(tmp_path) == head
    assert len(_json(tmp_path, "lists")) == 1


def test_a_csv_without_its_date_asks_for_it(tmp_path: Path) -> None:
    csv = tmp_path / "consolidated.csv"
    csv.write_text("source,name\nEntity List (EL) - BIS,Northwind Quantum Ltd.\n", "utf-8")
    refused = run_in(tmp_path, "lists", "import", str(csv))
    assert refused.returncode == 2
    assert "--published" in refused.stderr
    taken = _json(tmp_path, "lists", "import", str(csv), "--published", "2026-12-02")
    assert taken["edition"]["published"] == "2026-12-02"
    assert taken["edition"]["entry_count"] == 1
