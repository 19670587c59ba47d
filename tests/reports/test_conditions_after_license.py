"""The memo's conditions table keeps an ended license's obligation and says why (750.7(i))."""

from __future__ import annotations

from typing import Any

from desktop_app.reports.conditions_table import conditions_table

TEXT = "No reexport of the items to any destination without prior authorization."
NOTE = "license D512345 expired 2026-05-05; the obligation continues until closed (15 CFR 750.7(i))"


def _condition(**changes: Any) -> dict[str, Any]:
    base = {
        "number": "1",
        "license_id": 7,
        "letter_id": None,
        "status": "active",
        "owner": "Export compliance",
        "next_due": None,
        "standing": "continues",
        "text": TEXT,
        "license_note": NOTE,
    }
    return {**base, **changes}


def test_an_ended_license_is_stated_beside_the_obligation() -> None:
    decided = {
        "conditions": [_condition(), _condition(number="2", license_note=None, standing="none")],
        "licenses": [{"id": 7, "number": "D512345"}],
    }
    table = conditions_table(decided)
    assert [row[5] for row in table.rows] == ["continues", "none"]
    assert table.rows[0][1] == "License D512345"
    assert table.details == (
        f"{TEXT} [License D512345 expired 2026-05-05; the obligation continues until closed "
        "(15 CFR 750.7(i)).]",
        TEXT,
    )
