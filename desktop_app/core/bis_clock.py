"""The BIS processing clock of a pending license application (docs/domain.md#bis-clock).

The clock starts at registration (750.4(a)(2)) and counts calendar days. From the clock events
of one matter this module reads the registration date, the holds, the days elapsed excluding
holds (the 90-day processing time of 750.4(a)(1), the only count holds stop, 750.4(b)), and the
statutory deadlines still in play with their citations (see bis_deadlines for the list).

After an intent-to-deny letter with nothing recorded after it but holds, the denial is final
without further notice on day 45 (750.6(b)): from that day the reading shows the application
denied and the appeal deadline 45 days on (756.2(c)(1)), as a recorded denial would. A
referral (the response accepted, BIS reconsidering), a denial or a decision recorded after the
letter resolves it. A classification request or an advisory opinion has one answer deadline
instead (750.2(a): 14 days; 750.2(b): 30 days), in calendar days.

A reading as of ``today`` ignores events dated after ``today``. Once BIS denies or decides, the
clock stops and the days elapsed stay at their value on that day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.core.authorizations import ClockEvent, ClockEventKind, HoldReason
from desktop_app.core.bis_clock_events import ESCALATION_KINDS, check_events, ordered
from desktop_app.core.bis_clock_state import (
    ITD_FINAL_DAYS,
    ClockState,
    Hold,
    due_excluding_holds,
    held_days,
    walk,
)
from desktop_app.core.bis_deadlines import (
    APPEAL_DAYS,
    INITIAL_ACTION_DAYS,
    ITD_RESPONSE_DAYS,
    OVERALL_DAYS,
    REFERRAL_DAYS,
    Deadline,
    Found,
    appeal,
    deadline,
    pending,
)
from desktop_app.core.enums import MatterKind
from desktop_app.core.holiday_calendar import FEDERAL, HolidayCalendar
from desktop_app.errors import ValidationError

__all__ = [
    "ANSWER_DAYS",
    "APPEAL_DAYS",
    "EMPTY",
    "ESCALATION_KINDS",
    "INITIAL_ACTION_DAYS",
    "ITD_FINAL_DAYS",
    "ITD_RESPONSE_DAYS",
    "OVERALL_DAYS",
    "REFERRAL_DAYS",
    "ClockReading",
    "Deadline",
    "Hold",
    "check_events",
    "due_excluding_holds",
    "ordered",
    "read_clock",
]

ANSWER_DAYS = {
    MatterKind.CLASSIFICATION_REQUEST: (
        "BIS answers the classification request",
        14,
        "15 CFR 750.2(a)",
    ),
    MatterKind.ADVISORY_OPINION: (
        "BIS answers the advisory opinion request",
        30,
        "15 CFR 750.2(b)",
    ),
}


@dataclass(frozen=True)
class ClockReading:
    """The clock of one application as of a day.

    ``deadlines`` are sorted by due date and include passed ones that still matter;
    ``stopped_on`` is the day of the decision or final denial that stopped the clock, if any;
    ``denied_on`` the final denial, and ``denial_deemed`` whether it is the one of day 45 after
    an intent to deny (750.6(b)) rather than a recorded one.
    """

    registered: date | None
    elapsed_days: int
    on_hold: HoldReason | None
    holds: tuple[Hold, ...]
    deadlines: tuple[Deadline, ...]
    stopped_on: date | None = None
    denied_on: date | None = None
    denial_deemed: bool = False

    @property
    def next_deadline(self) -> Deadline | None:
        """The earliest deadline not yet passed (``days_left >= 0``), if any."""
        return next((d for d in self.deadlines if d.days_left >= 0), None)

    @property
    def missed(self) -> tuple[Deadline, ...]:
        """The deadlines that have passed and still matter."""
        return tuple(d for d in self.deadlines if d.days_left < 0)


EMPTY = ClockReading(registered=None, elapsed_days=0, on_hold=None, holds=(), deadlines=())


def read_clock(
    events: Sequence[ClockEvent],
    today: date,
    matter_kind: MatterKind | None = None,
    calendar: HolidayCalendar = FEDERAL,
) -> ClockReading:
    """Read the clock of one matter as of ``today`` (events after ``today`` are not yet known).

    License applications run the 750.4, 750.6 and 756.2 deadlines; a classification request or
    an advisory opinion has its one answer deadline. Raises ValidationError with the fields of
    :func:`check_events` when the events do not make a clock. ``calendar`` holds the holidays
    on which BIS does not receive filings (federal by default).
    """
    errors = check_events(events)
    if errors:
        raise ValidationError(errors)
    known = [e for e in ordered(events) if e.on <= today]
    if not any(e.kind is ClockEventKind.REGISTERED for e in known):
        return EMPTY
    state = walk(known)
    holds = tuple(state.holds)
    stopped = state.stopped_on(today)
    end = min(today, stopped) if stopped is not None else today
    elapsed = (end - state.registered).days - held_days(holds, state.registered, end)
    open_hold = holds[-1] if holds and holds[-1].end is None else None
    if matter_kind in ANSWER_DAYS:
        found = _answer(state, matter_kind)
    else:
        found = _license_deadlines(state, holds, today)
    return ClockReading(
        registered=state.registered,
        elapsed_days=elapsed,
        on_hold=open_hold.reason if open_hold is not None and stopped is None else None,
        holds=holds,
        deadlines=tuple(
            deadline(f, today, calendar) for f in sorted(found, key=lambda f: (f[1], f[0]))
        ),
        stopped_on=stopped,
        denied_on=state.final_denial(today) if state.decided is None else None,
        denial_deemed=state.deemed_denial(today) is not None,
    )


def _answer(state: ClockState, matter_kind: MatterKind | None) -> list[Found]:
    """The single answer deadline of a classification request or an advisory opinion."""
    if state.decided is not None or matter_kind not in ANSWER_DAYS:
        return []
    name, days, citation = ANSWER_DAYS[matter_kind]
    return [(name, state.registered + timedelta(days=days), citation, False)]


def _license_deadlines(state: ClockState, holds: Sequence[Hold], today: date) -> list[Found]:
    """The deadlines of a license application still in play."""
    if state.decided is not None:
        return []
    if state.denied is not None:
        return [appeal(state.denied, "denial recorded on")]
    deemed = state.deemed_denial(today)
    if deemed is not None:
        return [appeal(deemed, "denial final without further notice on")]
    return pending(state, holds, today)
