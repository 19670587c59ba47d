"""The agenda line for a party whose screening has potential matches still to decide."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop_app.core.agenda import agenda
from desktop_app.core.enums import MatterKind
from desktop_app.core.models import LibraryFacts, Matter
from desktop_app.core.screening_records import Disposition, Screening, ScreeningHit

MATTER = Matter("Screened", MatterKind.LICENSE_APPLICATION, number="EC-2026-0042", id=4)
AS_OF = date(2026, 12, 7)


def _screening(screening_id: int, at: str) -> Screening:
    return Screening(4, 9, 1, ("Thistlegate Analytics Ltd",), at, 1, id=screening_id)


def _hit(screening_id: int, disposition: Disposition = Disposition.UNDECIDED) -> ScreeningHit:
    return ScreeningHit(
        4, 9, screening_id, "SDN:1", "SDN", "T.G.A. D.O.O.", "TGA", 94.0, (), "d",
        disposition=disposition, id=screening_id,
    )  # fmt: skip


def _facts(screenings: tuple[Screening, ...], hits: tuple[ScreeningHit, ...]) -> LibraryFacts:
    return LibraryFacts((MATTER,), (), (), (), (), screenings=screenings, open_hits=hits)


def test_an_undecided_match_is_on_the_agenda_since_the_screening() -> None:
    [row] = agenda(_facts((_screening(1, "2026-12-01T09:00:00Z"),), (_hit(1),)), AS_OF, 30)
    assert (row.kind, row.state, row.due, row.days_left) == (
        "screening",
        "decide",
        date(2026, 12, 1),
        -6,
    )
    assert row.ref_id == 9  # the party
    assert row.title == "Decide 1 potential screening match of Thistlegate Analytics Ltd"
    assert row.detail == "T.G.A. D.O.O. (SDN)"


def test_an_escalated_match_stays_on_the_agenda() -> None:
    hits = (_hit(1, Disposition.ESCALATED),)
    assert agenda(_facts((_screening(1, "2026-12-01T09:00:00Z"),), hits), AS_OF, 30)


def test_two_matches_of_one_party_are_one_line() -> None:
    hits = (_hit(1), replace(_hit(1), entry_key="SDN:2", id=2))
    [row] = agenda(_facts((_screening(1, "2026-12-01T09:00:00Z"),), hits), AS_OF, 30)
    assert row.title == "Decide 2 potential screening matches of Thistlegate Analytics Ltd"


def test_a_party_with_nothing_to_decide_is_not_on_the_agenda() -> None:
    assert agenda(_facts((_screening(1, "2026-12-01T09:00:00Z"),), ()), AS_OF, 30) == []


def test_only_the_latest_screening_counts() -> None:
    screenings = (_screening(1, "2026-11-01T09:00:00Z"), _screening(2, "2026-12-01T09:00:00Z"))
    assert agenda(_facts(screenings, (_hit(1),)), AS_OF, 30) == []  # the open hit is older
