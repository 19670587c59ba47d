"""The memo's BIS processing clock, as plain data (pure): where it stands, holds, deadlines.

The reading is the one of `core.bis_clock` as of the memo's day: events dated later are left out
of it, and said to be; once BIS decides or the denial is final the clock stops, so the days
elapsed and an open hold's days are counted to that day. A deadline's days left count to its
last filing day — the applicant's filing must reach BIS by the due date, so one falling on a
weekend or holiday is filed the business day before (`core.bis_deadlines`) — and one whose last
filing day is past stands out (15 CFR 750.4, 750.6(b), 756.2(c)(1)).
"""

from __future__ import annotations

from datetime import date

from desktop_app.core.authorizations import ClockEvent
from desktop_app.core.bis_clock import ClockReading, Deadline, read_clock
from desktop_app.core.holiday_calendar import FEDERAL, HolidayCalendar
from desktop_app.core.models import MatterRecord
from desktop_app.reports.model import Section, Table

NONE = "—"
TITLE = "BIS processing clock"


def clock_section(
    record: MatterRecord, as_of: date, calendar: HolidayCalendar = FEDERAL
) -> Section:
    """The BIS processing clock as of ``as_of``: where it stands, its holds and deadlines."""
    events = record.decisions.clock_events
    if not events:
        return Section(TITLE, ("No clock events recorded.",))
    reading = read_clock(events, as_of, record.matter.kind, calendar)
    known = sorted((e for e in events if e.on <= as_of), key=lambda e: (e.on, e.id))
    later = len(events) - len(known)
    paragraphs = [_standing(reading, as_of)]
    if later:
        paragraphs.append(
            f"{later} clock event(s) dated after {as_of.isoformat()} are left out of this "
            "reading and of the table below."
        )
    return Section(
        TITLE,
        tuple(paragraphs),
        (
            (f"Deadlines as of {as_of.isoformat()}", _deadlines_table(reading, as_of)),
            ("Holds (15 CFR 750.4(b))", _holds_table(reading, as_of)),
            ("Clock events as recorded", _events_table(known)),
        ),
    )


def _counted_to(reading: ClockReading, as_of: date) -> date:
    """The day the clock was read to: the day it stopped, else the memo's day."""
    return min(reading.stopped_on, as_of) if reading.stopped_on else as_of


def _standing(reading: ClockReading, as_of: date) -> str:
    if reading.registered is None:
        return "The application is not recorded as registered; the clock has not started."
    counted = _counted_to(reading, as_of)
    text = (
        f"Registered {reading.registered.isoformat()} (15 CFR 750.4(a)(2)). "
        f"{reading.elapsed_days} calendar days elapsed to {counted.isoformat()}, holds excluded."
    )
    if reading.on_hold is not None:
        text += f" On hold: {reading.on_hold.label}."
    if reading.denied_on is not None:
        how = "final under 15 CFR 750.6(b)" if reading.denial_deemed else "recorded"
        text += f" Denied {reading.denied_on.isoformat()} ({how}); the clock stopped then."
    elif reading.stopped_on is not None:
        text += f" The clock stopped {reading.stopped_on.isoformat()} with BIS's decision."
    return text


def _left(deadline: Deadline, as_of: date) -> str:
    """Days to the last day; for a filing moved off a closed day, to the day it must be filed."""
    days = (deadline.last_day - as_of).days
    if days < 0:
        return f"passed {-days} days ago"
    return f"{days} to file" if deadline.file_by else str(days)


def _deadlines_table(reading: ClockReading, as_of: date) -> Table:
    return Table(
        ("Due", "File by", "What is due", "Rule", "Days left"),
        tuple(
            (
                d.due.isoformat(),
                d.file_by.isoformat() if d.file_by else NONE,
                d.name + (f" ({d.note})" if d.note else ""),
                d.citation,
                _left(d, as_of),
            )
            for d in reading.deadlines
        ),
        (1.0, 1.0, 3.8, 1.6, 1.2),
        empty="No deadline in play.",
        bold=tuple((i, 4) for i, d in enumerate(reading.deadlines) if d.last_day < as_of),
    )


def _holds_table(reading: ClockReading, as_of: date) -> Table:
    counted = _counted_to(reading, as_of)
    return Table(
        ("From", "Until", "Reason", "Days"),
        tuple(
            (
                h.start.isoformat(),
                h.end.isoformat() if h.end else f"open (counted to {counted.isoformat()})",
                h.reason.label,
                str(max(0, ((h.end or counted) - h.start).days)),
            )
            for h in reading.holds
        ),
        (1.2, 1.6, 4.2, 0.8),
        empty="No holds.",
    )


def _events_table(events: list[ClockEvent]) -> Table:
    return Table(
        ("Date", "Event", "Hold reason", "Note"),
        tuple(
            (
                e.on.isoformat(),
                e.kind.label,
                e.hold_reason.label if e.hold_reason else NONE,
                e.note or NONE,
            )
            for e in events
        ),
        (1.0, 2.2, 2.0, 3.8),
    )
