"""The agenda: what is overdue or due soon across every matter, as of a day.

Three sources: obligations (conditions with a due date, DOMAIN §6), licenses nearing or past
expiry (750.7(g)), and BIS clocks of pending applications (750.4). Each row opens its matter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.core.authorizations import (
    ClockEvent,
    Condition,
    License,
    LicenseStatus,
)
from desktop_app.core.bis_clock import read_clock
from desktop_app.core.models import LibraryFacts, Matter
from desktop_app.core.schedule import logs_by_condition, next_due
from desktop_app.core.validity import license_expiry, license_state

EXPIRED_SHOWN_DAYS = 30
__all__ = ["AgendaRow", "LibraryFacts", "agenda", "license_in_force"]


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
    rows = [
        *_obligations(facts, as_of, matters),
        *_licenses(facts.licenses, as_of, horizon, matters),
        *_clocks(facts.clock_events, as_of, matters),
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


def license_in_force(condition: Condition, licenses: dict[int, License], as_of: date) -> bool:
    """False when the condition's license has ended by ``as_of``.

    An expired, revoked or superseded license's conditions stop binding (records are kept).
    """
    license_ = licenses.get(condition.license_id) if condition.license_id else None
    return license_ is None or license_state(license_, as_of) in ("active", "suspended")


def _obligations(
    facts: LibraryFacts, as_of: date, matters: dict[int, Matter]
) -> Iterable[AgendaRow]:
    logs = logs_by_condition(facts.logs)
    licenses = {x.id: x for x in facts.licenses}
    for condition in facts.conditions:
        if not license_in_force(condition, licenses, as_of):
            continue
        due = next_due(condition, logs[condition.id], as_of)
        if due is None or condition.matter_id not in matters:
            continue
        late = (as_of - due).days > condition.grace_days
        yield _row(
            matters[condition.matter_id],
            kind="obligation",
            state="overdue" if late else "due",
            due=due,
            as_of=as_of,
            title=_short(condition.text),
            detail=f"{condition.category.label}; owner: {condition.owner or 'unassigned'}",
            ref_id=condition.id,
        )


def _licenses(
    licenses: Sequence[License], as_of: date, horizon: date, matters: dict[int, Matter]
) -> Iterable[AgendaRow]:
    for license_ in licenses:
        if license_.status is not LicenseStatus.ACTIVE or license_.matter_id not in matters:
            continue
        expiry = license_expiry(license_)
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


def _clocks(
    events: Sequence[ClockEvent], as_of: date, matters: dict[int, Matter]
) -> Iterable[AgendaRow]:
    by_matter: dict[int, list[ClockEvent]] = defaultdict(list)
    for event in events:
        by_matter[event.matter_id].append(event)
    for matter_id, own in by_matter.items():
        if matter_id not in matters:
            continue
        reading = read_clock(own, as_of, matters[matter_id].kind)
        held = f"on hold ({reading.on_hold.label}); " if reading.on_hold else ""
        for deadline in reading.deadlines:
            yield _row(
                matters[matter_id],
                kind="bis_clock",
                state="passed" if deadline.days_left < 0 else "waiting",
                due=deadline.due,
                as_of=as_of,
                title=deadline.name,
                detail=f"{held}{reading.elapsed_days} days elapsed; {deadline.citation}",
                ref_id=matter_id,
            )


def _short(text: str, limit: int = 120) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
