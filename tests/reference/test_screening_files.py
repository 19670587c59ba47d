"""List editions read from each shape they come in, and every bad file refused with a reason.

The shipped compact file, trade.gov's consolidated JSON and its CSV each give the same kind of
edition: entries with their list, number, aliases, countries and license fields, a date and the
file's SHA-256. A file of another shape, a truncated one, or one with no entries is refused.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop_app.reference.screening_files import ListFileError, parse_edition, read_edition
from desktop_app.screening import shipped_edition

EL = "Entity List (EL) - Bureau of Industry and Security"
SDN = "Specially Designated Nationals (SDN) - Treasury Department"
ROWS: list[dict[str, Any]] = [
    {
        "id": "a1",
        "source": EL,
        "entity_number": "",
        "type": "Entity",
        "name": "Northwind Quantum Ltd.",
        "alt_names": ["NQL", "Northwind Quantum Company Limited"],
        "addresses": [{"address": "1 Harbour Rd", "city": "Hong Kong", "country": "HK"}],
        "federal_register_notice": "89 FR 12345",
        "license_requirement": "For all items subject to the EAR.",
        "license_policy": "Presumption of denial.",
        "programs": [],
        "source_list_url": "https://www.bis.gov/entity-list",
    },
    {
        "id": "b2",
        "source": SDN,
        "entity_number": "98765",
        "type": "Individual",
        "name": "PETROV, Ivan Sergeyevich",
        "alt_names": [],
        "addresses": [{"country": "RU"}],
        "programs": ["RUSSIA-EO14024"],
    },
]


def _json_file(tmp_path: Path, document: Any, name: str = "consolidated.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _trade_gov(rows: list[dict[str, Any]] = ROWS) -> dict[str, Any]:
    updated = [{"source": EL, "source_last_updated": "2026-11-30T09:00:00+00:00"}]
    return {"total": len(rows), "sources_used": updated, "results": rows}


def _csv_file(tmp_path: Path, rows: list[dict[str, Any]] = ROWS) -> Path:
    columns = ["_id", "source", "entity_number", "type", "name", "alt_names", "addresses"]
    columns += ["federal_register_notice", "license_requirement", "license_policy", "programs"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        addresses = "; ".join(
            ", ".join(v for v in (a.get("address", ""), a.get("city", ""), a["country"]) if v)
            for a in row["addresses"]
        )
        writer.writerow(
            [
                *(row["id"], row["source"], row["entity_number"], row["type"], row["name"]),
                *("; ".join(row["alt_names"]), addresses, row.get("federal_register_notice", "")),
                *(row.get("license_requirement", ""), row.get("license_policy", "")),
                "; ".join(row["programs"]),
            ]
        )
    path = tmp_path / "consolidated.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_the_shipped_edition_is_read_whole_with_its_date() -> None:
    data, edition = shipped_edition()
    assert edition.published == date(2026, 7, 31)
    assert edition.sha256 == hashlib.sha256(data).hexdigest()
    assert len(edition.entries) == 25_921
    assert edition.counts()["EL"] == 3_420
    kunlun = next(e for e in edition.entries if e.name == "BANK OF KUNLUN CO LTD")
    assert kunlun.list_code == "CAP"
    assert kunlun.countries == ("CN",)
    assert "KARAMAY URBAN CREDIT COOPERATIVES" in kunlun.aliases
    listed = next(e for e in edition.entries if e.list_code == "EL" and e.license_policy)
    assert listed.license_requirement
    assert listed.federal_register
    assert len({e.key for e in edition.entries}) == len(edition.entries)  # keys are unique


def test_the_trade_gov_json_is_read_with_its_last_update_as_the_date(tmp_path: Path) -> None:
    _data, edition = read_edition(_json_file(tmp_path, _trade_gov()))
    assert edition.published == date(2026, 11, 30)
    first, second = edition.entries
    assert (first.list_code, first.countries, first.aliases[0]) == ("EL", ("HK",), "NQL")
    assert first.license_policy == "Presumption of denial."
    assert first.key == "EL:name:northwind quantum ltd"  # no number: keyed by list and name
    assert (second.key, second.kind, second.programs) == (
        "SDN:98765",
        "Individual",
        ("RUSSIA-EO14024",),
    )


def test_the_trade_gov_csv_is_read_and_needs_its_date_given(tmp_path: Path) -> None:
    path = _csv_file(tmp_path)
    with pytest.raises(ListFileError, match="--published"):
        read_edition(path)
    _data, edition = read_edition(path, date(2026, 12, 1))
    json_edition = read_edition(_json_file(tmp_path, _trade_gov()))[1]
    assert edition.published == date(2026, 12, 1)
    assert [e.digest for e in edition.entries] == [e.digest for e in json_edition.entries]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"results": [{"name": "A', "not whole JSON"),
        (b"[1, 2, 3]", "not the Consolidated Screening List"),
        (b'{"results": []}', "no list entries"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (json.dumps({**_trade_gov(), "total": 5}).encode(), "truncated"),
    ],
    ids=["truncated", "other-shape", "empty", "binary", "count-short"],
)
def test_a_bad_json_file_is_refused_saying_why(tmp_path: Path, content: bytes, reason: str) -> None:
    with pytest.raises(ListFileError, match=reason):
        parse_edition(content, Path("consolidated.json"), date(2026, 12, 1))


def test_a_truncated_csv_is_refused(tmp_path: Path) -> None:
    whole = _csv_file(tmp_path).read_bytes()
    cut = whole[: whole.rindex(b"Ivan") + 2]
    with pytest.raises(ListFileError, match="truncated"):
        parse_edition(cut, Path("consolidated.csv"), date(2026, 12, 1))


def test_a_csv_of_another_kind_is_refused() -> None:
    with pytest.raises(ListFileError, match="no name, source column"):
        parse_edition(b"a,b\n1,2\n", Path("other.csv"), date(2026, 12, 1))


def test_the_same_entry_twice_gets_a_second_key(tmp_path: Path) -> None:
    _data, edition = read_edition(_json_file(tmp_path, _trade_gov([ROWS[1], ROWS[1]])))
    assert [e.key for e in edition.entries] == ["SDN:98765", "SDN:98765#2"]
