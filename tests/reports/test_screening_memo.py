"""The memo's screening record: each party's latest screening, the edition, hits and decisions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop_app.core.models import MatterRecord
from desktop_app.core.screening_records import Disposition, Screening, ScreeningHit
from desktop_app.reports.memo_data import case_memo
from desktop_app.reports.render import build
from desktop_app.reports.screening_data import NOT_SCREENED, screening_section
from tests.reports.conftest import EDITIONS, GENERATED_AT, pdf_text, squeezed

EDITION = {1: date(2026, 7, 31), 2: date(2026, 12, 1)}


def _screened(record: MatterRecord) -> MatterRecord:
    """The first party screened twice (the second has a decided hit), the second once clean."""
    first, second = record.parties[0], record.parties[1]
    screenings = (
        Screening(record.matter.id, first.id, 1, (first.name,), "2026-08-01T09:00:00Z", 1, id=1),
        Screening(record.matter.id, first.id, 2, (first.name,), "2026-12-02T09:00:00Z", 1, id=2),
        Screening(record.matter.id, second.id, 2, (second.name,), "2026-12-02T09:00:00Z", 0, id=3),
    )
    hit = ScreeningHit(
        matter_id=record.matter.id,
        party_id=first.id,
        screening_id=2,
        entry_key="EL:4711",
        list_code="EL",
        entry_name="Halcyon Research Institute",
        alias="Halcyon Research",
        score=91.0,
        features=("halcyon ~ halcyon (same)", "country differs; type agrees"),
        entry_digest="d",
        disposition=Disposition.FALSE_POSITIVE,
        rationale="Different registered office (Hefei), no common owners.",
        decided_by="counsel",
        decided_at="2026-12-03T10:00:00Z",
        id=7,
    )
    old = replace(hit, screening_id=1, disposition=Disposition.UNDECIDED, rationale="", id=6)
    decided = replace(record.decisions, screenings=screenings, screening_hits=(old, hit))
    return replace(record, decisions=decided)


def test_each_party_has_its_latest_screening_and_each_hit_its_decision(
    sample_record: MatterRecord,
) -> None:
    section = screening_section(_screened(sample_record), EDITION)
    (_c1, parties), (_c2, matches) = section.tables
    first, second, third = parties.rows[:3]
    assert first[1:] == ("2026-12-02", "2026-12-01", "1 potential matches")
    assert second[1:] == ("2026-12-02", "2026-12-01", "no match in edition 2026-12-01")
    assert third[1] == NOT_SCREENED
    [row] = matches.rows  # only the latest screening's hits
    assert row[1] == "Halcyon Research Institute (EL, EL:4711)"
    assert row[4] == "False positive"
    assert "Different registered office" in matches.details[0]
    assert "halcyon ~ halcyon (same)" in matches.details[0]


def test_the_record_prints_in_the_memo(sample_record: MatterRecord) -> None:
    memo = case_memo(
        _screened(sample_record),
        date(2026, 12, 31),
        (1, "0" * 64),
        GENERATED_AT,
        None,
        editions=EDITIONS,
        list_editions=EDITION,
    )
    flat = squeezed(pdf_text(build(memo, invariant=True)))
    assert squeezed("Restricted-party screening") in flat
    assert squeezed("no match in edition 2026-12-01") in flat
    assert squeezed("Decided by counsel on 2026-12-03: Different registered office") in flat
