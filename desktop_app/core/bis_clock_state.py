"""What the clock events of one application say, walked in order, and the hold arithmetic.

Holds under 15 CFR 750.4(b) are left out of the 90-day processing time of 750.4(a)(1) only.
A hold from S to E stops that clock for the E − S days between them, so a 90-day limit from
registration R with one hold falls on R + 90 + (E − S) when the hold starts before it; an open
hold is taken to end "today", and while it stays open the date moves with it.

A review round starts at registration and again at a referral after an intent to deny (BIS
reconsidering); the agencies' 30 days run from the first referral of the round (750.4(d)(2)),
and an escalation belongs to the round it was recorded in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from desktop_app.core.authorizations import ClockEvent, ClockEventKind, HoldReason
from desktop_app.core.bis_clock_events import ESCALATION_KINDS

K = ClockEventKind
ITD_FINAL_DAYS = 45


@dataclass(frozen=True)
class Hold:
    """A clock-stopping hold: its first day, the day it ended (None while open), its reason."""

    start: date
    end: date | None
    reason: HoldReason


@dataclass
class ClockState:
    """The facts of one clock as the known events state them.

    ``referred`` is the first referral of the current round; ``itd`` the intent to deny with
    nothing recorded after it but holds; ``escalation`` the latest 750.4(f) step of the round.
    """

    registered: date
    holds: list[Hold] = field(default_factory=list)
    initial_action: bool = False
    referred: date | None = None
    itd: date | None = None
    denied: date | None = None
    decided: date | None = None
    escalation: ClockEvent | None = None
    to_president: date | None = None

    def deemed_denial(self, today: date) -> date | None:
        """Day 45 after an intent to deny nothing followed, once reached (15 CFR 750.6(b))."""
        if self.itd is None or self.denied or self.decided:
            return None
        final = self.itd + timedelta(days=ITD_FINAL_DAYS)
        return final if final <= today else None

    def final_denial(self, today: date) -> date | None:
        """The recorded denial, else the denial final without further notice on day 45."""
        return self.denied or self.deemed_denial(today)

    def stopped_on(self, today: date) -> date | None:
        """The day processing ended: the decision, else the (recorded or final) denial."""
        return self.decided or self.final_denial(today)


def walk(events: Sequence[ClockEvent]) -> ClockState:
    """Fold checked, ordered events (the first one the registration) into a state."""
    state = ClockState(registered=events[0].on)
    for event in events[1:]:
        _apply(state, event)
    return state


def _apply(state: ClockState, event: ClockEvent) -> None:
    """One event's effect on the state."""
    match event.kind:
        case K.HOLD_STARTED:
            assert event.hold_reason is not None
            state.holds.append(Hold(event.on, None, event.hold_reason))
            state.initial_action |= event.hold_reason is HoldReason.INFO_REQUESTED
        case K.HOLD_ENDED:
            state.holds[-1] = replace(state.holds[-1], end=event.on)
        case K.REFERRED:
            if state.referred is None or state.itd is not None:
                state.referred, state.escalation = event.on, None
            state.initial_action, state.itd = True, None
        case K.ITD_ISSUED:
            state.initial_action, state.itd, state.escalation = True, event.on, None
        case K.DENIED:
            state.denied = event.on
        case K.DECIDED:
            state.decided = event.on
        case K.ESCALATED_PRESIDENT:
            state.escalation, state.to_president = event, event.on
        case kind if kind in ESCALATION_KINDS:
            state.escalation = event
        case _:
            pass


def spans(holds: Iterable[Hold], today: date) -> list[tuple[date, date]]:
    """Holds as (start, end) spans, an open hold ending ``today`` (never before its start)."""
    return [(h.start, h.end if h.end is not None else max(h.start, today)) for h in holds]


def held_days(holds: Iterable[Hold], start: date, end: date) -> int:
    """Days of [start, end) covered by holds, an open hold running to ``end``."""
    total = 0
    for s, e in spans(holds, end):
        total += max(0, (min(e, end) - max(s, start)).days)
    return total


def due_excluding_holds(anchor: date, days: int, holds: Iterable[Hold], today: date) -> date:
    """The day ``days`` clock days after ``anchor``, skipping the days holds stopped the clock.

    An open hold is taken to end ``today``; while it stays open the date moves with it.
    """
    cursor, remaining = anchor, days
    for start, end in sorted(spans(holds, today)):
        if end <= cursor:
            continue
        gap = (max(start, cursor) - cursor).days
        if gap >= remaining:
            break
        remaining -= gap
        cursor = end
    return cursor + timedelta(days=remaining)
