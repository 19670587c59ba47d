"""The command line's plain-text tables and lines stay readable whatever the values."""

from __future__ import annotations

from desktop_app.cli.textout import docket_table, party_lines
from desktop_app.core.enums import MatterKind, MatterStatus
from desktop_app.core.models import Matter, MatterSummary


def _row(number: str, status: MatterStatus) -> MatterSummary:
    return MatterSummary(Matter("A title", MatterKind.LICENSE_APPLICATION, number, status=status))


def test_the_kind_column_stays_aligned_beside_the_longest_status() -> None:
    table = docket_table(
        [
            _row("EC-2026-0001", MatterStatus.OPEN),
            _row("EC-2026-0002", MatterStatus.DENIED_APPEAL_OPEN),
        ]
    ).splitlines()
    columns = {
        line.index("KIND" if i == 0 else "License application") for i, line in enumerate(table)
    }
    assert len(columns) == 1
    assert "Denied (appeal open) License application" in table[2]


def test_a_party_without_a_country_prints_no_empty_brackets() -> None:
    located = {"role": "applicant", "name": "Granite Ferry", "country": "US"}
    nowhere = {"role": "foreign_national", "name": "Farid Example", "country": ""}
    assert party_lines(located)[0] == "  Applicant                Granite Ferry [US]"
    assert party_lines(nowhere)[0] == "  Foreign national         Farid Example"
