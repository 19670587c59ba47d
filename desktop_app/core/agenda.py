"""The agenda: what is overdue or due soon across every matter, as of a day.

Four sources: obligations (conditions with a due date, docs/domain.md#conditions; those of an ended
license stay until closed, 750.7(i)), licenses nearing or past expiry (750.7(g)), and BIS clocks of
pending applications (750.4, 750.6, 756.2: the intent-to-deny response, the final denial and the
appeal among them), and parties whose latest screening has potential matches still to decide
(due since they were screened: docs/rules.md, "Screening"). Each row opens its matter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.core.after_license import (
    CONTINUES,
    continues_unscheduled,
    ended_note,
    license_ended,
)
from desktop_app.core.authorizations import (
    ClockEvent,
    License,
    LicenseStatus,
)
from desktop_app.core.bis_clock import read_clock
from desktop_app.core.holiday_calendar import FEDERAL, HolidayCalendar
from desktop_app.core.models import LibraryFacts, Matter
from desktop_app.core.schedule import logs_by_condition, next_due
from desktop_app.core.screening_records import latest_by_party
from desktop_app.core.text import cut_at_word
from desktop_app.core.validity import license_expiry

EXPIRED_SHOWN_DAYS = 30
__all__ = ["AgendaRow", "LibraryFacts", "agenda"]


@dataclass(frozen=True)
class AgendaRow:
    """One thing to act on: what, for which matter, when, and how it stands."""

    kind: str
    state: str
    due: date
    days_left: int
    matter_id: int
    matter_number: str
    matter_title: str
    title: str
    detail: str
    ref_id: int


def agenda(facts: LibraryFacts, as_of: date, days: int) -> list[AgendaRow]:
    """Everything overdue, and everything due within ``days`` after ``as_of``, by due date."""
    horizon = as_of + timedelta(days=days)
    matters = {m.id: m for m in facts.matters}
    calendar = facts.calendar or FEDERAL
    rows = [
        *_obligations(facts, as_of, matters, calendar),
        *_licenses(facts.licenses, as_of, horizon, matters, calendar),
        *_clocks(facts.clock_events, as_of, matters, calendar),
        *_screening_decisions(facts, as_of, matters),
    ]
    return sorted(
        (r for r in rows if r.due <= horizon), key=lambda r: (r.due, r.matter_number, r.title)
    )


def _row(
    matter: Matter,
    *,
    kind: str,
    state: str,
    due: date,
    as_of: date,
    title: str,
    detail: str,
    ref_id: int,
) -> AgendaRow:
    return AgendaRow(
        kind=kind,
        state=state,
        due=due,
        days_left=(due - as_of).days,
        matter_id=matter.id,
        matter_number=matter.number,
        matter_title=matter.title,
        title=title,
        detail=detail,
        ref_id=ref_id,
    )


def _obligations(
    facts: LibraryFacts, as_of: date, matters: dict[int, Matter], calendar: HolidayCalendar
) -> Iterable[AgendaRow]:
    """Due obligations, and one "continues" row per open unscheduled duty of an ended license.

    The license's end never removes an obligation (15 CFR 750.7(i)): a recurring one keeps its
    schedule, and a continuing prohibition is listed on ``as_of`` until counsel close it.
    """
    logs = logs_by_condition(facts.logs)
    licenses = {x.id: x for x in facts.licenses}
    for condition in facts.conditions:
        if condition.matter_id not in matters:
            continue
        ended = license_ended(condition, licenses, as_of, calendar)
        due = next_due(condition, logs[condition.id], as_of)
        if due is not None:
            late = (as_of - due).days > condition.grace_days
            state = "overdue" if late else "due"
        elif continues_unscheduled(condition, ended):
            due, state = as_of, CONTINUES
        else:
            continue
        note = ended_note(condition, ended)
        yield _row(
            matters[condition.matter_id],
            kind="obligation",
            state=state,
            due=due,
            as_of=as_of,
            title=_short(condition.text),
            detail=f"{condition.category.label}; owner: {condition.owner or 'unassigned'}"
            + (f"; {note}" if note else ""),
            ref_id=condition.id,
        )


def _licenses(
    licenses: Sequence[License],
    as_of: date,
    horizon: date,
    matters: dict[int, Matter],
    calendar: HolidayCalendar,
) -> Iterable[AgendaRow]:
    for license_ in licenses:
        if license_.status is not LicenseStatus.ACTIVE or license_.matter_id not in matters:
            continue
        expiry = license_expiry(license_, calendar)
        if expiry > horizon or (as_of - expiry).days > EXPIRED_SHOWN_DAYS:
            continue
        yield _row(
            matters[license_.matter_id],
            kind="license",
            state="expired" if expiry < as_of else "expiring",
            due=expiry,
            as_of=as_of,
            title=f"License {license_.number} expires",
            detail=f"validity: {license_.validity.label} (15 CFR 750.7(g))",
            ref_id=license_.id,
        )


def _screening_decisions(
    facts: LibraryFacts, as_of: date, matters: dict[int, Matter]
) -> Iterable[AgendaRow]:
    """A party whose latest screening has potential matches still to decide, due since then."""
    latest = latest_by_party(facts.screenings)  # party ids are the library's, not a matter's
    open_by_screening: dict[int, list[str]] = defaultdict(list)
    for hit in facts.open_hits:
        open_by_screening[hit.screening_id].append(f"{hit.entry_name} ({hit.list_code})")
    for party_id, screening in latest.items():
        waiting = open_by_screening.get(screening.id)
        matter = matters.get(screening.matter_id)
        if not waiting or matter is None:
            continue
        name = screening.names[0] if screening.names else f"party {party_id}"
        yield _row(
            matter,
            kind="screening",
            state="decide",
            due=date.fromisoformat(screening.screened_at[:10]),
            as_of=as_of,
            title=f"Decide {_matches(len(waiting))} of {name}",
            detail="; ".join(waiting),
            ref_id=party_id,
        )


def _clocks(
    events: Sequence[ClockEvent],
    as_of: date,
    matters: dict[int, Matter],
    calendar: HolidayCalendar,
) -> Iterable[AgendaRow]:
    by_matter: dict[int, list[ClockEvent]] = defaultdict(list)
    for event in events:
        by_matter[event.matter_id].append(event)
    for matter_id, own in by_matter.items():
        if matter_id not in matters:
            continue
        reading = read_clock(own, as_of, matters[matter_id].kind, calendar)
        held = f"on hold ({reading.on_hold.label}); " if reading.on_hold else ""
        for deadline in reading.deadlines:
            # A filing due on a weekend or holiday is listed on the last business day before.
            due = deadline.file_by or deadline.due
            note = f"; {deadline.note}" if deadline.note else ""
            yield _row(
                matters[matter_id],
                kind="bis_clock",
                state="passed" if due < as_of else "waiting",
                due=due,
                as_of=as_of,
                title=deadline.name,
                detail=f"{held}{reading.elapsed_days} days elapsed; {deadline.citation}{note}",
                ref_id=matter_id,
            )


def _short(text: str, limit: int = 120) -> str:
    return cut_at_word(text, limit)


def _matches(count: int) -> str:
    """The count in words: "1 potential screening match", "2 potential screening matches"."""
    return f"{count} potential screening match{'es' if count != 1 else ''}"
