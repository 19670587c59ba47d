"""The memo's clock and letters on their edges: a weekend filing day, a stopped clock, later events.

Also records the matter no longer holds (a license's party, an Annex A link, a release's person)
and a letter superseded by another.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop_app.core.authorizations import ClockEvent, ClockEventKind, HoldReason
from desktop_app.core.models import MatterRecord
from desktop_app.reports.memo_clock import clock_section
from desktop_app.reports.memo_data import route
from desktop_app.reports.memo_decisions import letters_section, licenses_section
from desktop_app.reports.model import Section, Table
from desktop_app.storage import queries
from desktop_app.storage.library import Library


def _application(library: Library, *events: ClockEvent) -> MatterRecord:
    db = library.db
    record = queries.matter_record(db, queries.matter_by_number(db, "EC-2026-0003"))
    return replace(record, decisions=replace(record.decisions, clock_events=events))


def _event(kind: ClockEventKind, on: date, reason: HoldReason | None = None) -> ClockEvent:
    return ClockEvent(3, kind, on, hold_reason=reason)


def _table(section: Section, caption: str) -> Table:
    return dict(section.tables)[caption]


REGISTERED = _event(ClockEventKind.REGISTERED, date(2026, 9, 17))
ITD = _event(ClockEventKind.ITD_ISSUED, date(2026, 11, 15))  # response due Sat 2026-12-05


def _response(section: Section, as_of: date) -> tuple[str, ...]:
    rows = _table(section, f"Deadlines as of {as_of}").rows
    return next(r for r in rows if r[3] == "15 CFR 750.6(b)" and r[1] != "—")


def test_a_response_due_on_a_saturday_is_late_on_that_saturday(sample_library: Library) -> None:
    record = _application(sample_library, REGISTERED, ITD)
    friday, saturday = date(2026, 12, 4), date(2026, 12, 5)
    on_friday = clock_section(record, friday)
    row = _response(on_friday, friday)
    assert row[:2] == ("2026-12-05", "2026-12-04")
    assert row[4] == "0 to file"
    on_saturday = clock_section(record, saturday)
    late = _table(on_saturday, f"Deadlines as of {saturday}")
    index = late.rows.index(_response(on_saturday, saturday))
    assert late.rows[index][4] == "passed 1 days ago"
    assert (index, 4) in late.bold


def test_a_stopped_clock_counts_to_the_day_it_stopped(sample_library: Library) -> None:
    hold = _event(ClockEventKind.HOLD_STARTED, date(2026, 10, 2), HoldReason.INFO_REQUESTED)
    decided = _event(ClockEventKind.DECIDED, date(2026, 10, 12))
    record = _application(sample_library, REGISTERED, hold, decided)
    section = clock_section(record, date(2027, 1, 10))
    assert "elapsed to 2026-10-12" in section.paragraphs[0]
    assert "stopped 2026-10-12" in section.paragraphs[0]
    holds = _table(section, "Holds (15 CFR 750.4(b))")
    assert holds.rows == (
        ("2026-10-02", "open (counted to 2026-10-12)", "Information requested", "10"),
    )


def test_events_after_the_memo_day_are_left_out_and_said_to_be(sample_library: Library) -> None:
    record = _application(sample_library, REGISTERED, ITD)
    section = clock_section(record, date(2026, 10, 1))
    assert section.paragraphs[1].startswith("1 clock event(s) dated after 2026-10-01 are left")
    events = _table(section, "Clock events as recorded")
    assert [row[1] for row in events.rows] == ["Registered"]
    before = clock_section(record, date(2026, 9, 16))
    assert before.paragraphs[0].startswith("The application is not recorded as registered")
    assert _table(before, "Clock events as recorded").rows == ()


def test_records_no_longer_held_need_review_by_name(sample_record: MatterRecord) -> None:
    found = sample_record.decisions
    license_ = replace(found.licenses[0], party_ids=(999,))
    rows = found.annex_rows
    gone = replace(rows[0], party_id=998, confirmed=True)
    record = replace(
        sample_record,
        decisions=replace(found, licenses=(license_,), annex_rows=(gone, *rows[1:])),
    )
    (row,) = dict(licenses_section(record, date(2026, 12, 31)).tables)[""].rows
    assert row[5] == "needs review: party #999 is not in the record"
    annex = dict(letters_section(record).tables)[
        "Annex A of the letter of 2026-06-26 (IS-2026-0412)"
    ]
    assert annex.rows[0][4] == "needs review: party #998 is not in the record"
    deemed = next(a for a in sample_record.activities if a.type.is_deemed)
    assert route(replace(deemed, party_id=997), None, date(2026, 12, 31), named=True) == (
        "US → ? (deemed; needs review: party #997 is not in the record)"
    )


def test_a_superseded_letter_says_by_which_and_from_when(sample_record: MatterRecord) -> None:
    first, second = sample_record.decisions.letters
    chained = replace(second, supersedes_letter_id=first.id)
    record = replace(
        sample_record, decisions=replace(sample_record.decisions, letters=(first, chained))
    )
    details = dict(letters_section(record).tables)[""].details
    assert details[0].startswith(
        "Superseded from 2026-06-26 by the letter of 2026-06-26 (IS-2026-0412);"
    )
    assert details[1].startswith("supersedes the letter of 2026-06-12 (IS-2026-0412);")
