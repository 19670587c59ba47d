"""A matter's status follows from what happened to it; a change by hand needs a reason.

Derivation, as of a day (the first that applies):

1. The latest determination by BIS or another agency: DECIDED, unless it is a denial (below).
2. A denial — that determination, a denial on the BIS clock, or the denial final on day 45
   after an intent to deny without further notice (15 CFR 750.6(b)): DENIED_APPEAL_OPEN while
   the appeal to the Under Secretary may still be received (45 days, 15 CFR 756.2(c)(1));
   DECIDED once that day has passed.
3. Otherwise the latest clock event: an open hold ON_HOLD; registered, referred, an intent to
   deny or an escalation UNDER_REVIEW; a decision DECIDED.
4. Nothing recorded: the status is counsel's to set, and a matter counsel closed stays closed.

Every change the app makes names its cause in ``status_reason``, so the History says why.
Counsel's own determinations (an internal classification) leave a pending application pending.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from desktop_app.core.authorizations import (
    ClockEvent,
    ClockEventKind,
    Decider,
    Determination,
    DeterminationKind,
)
from desktop_app.core.bis_clock import ESCALATION_KINDS, ordered, read_clock
from desktop_app.core.bis_deadlines import appeal, deadline
from desktop_app.core.enums import MatterKind, MatterStatus
from desktop_app.core.holiday_calendar import FEDERAL, HolidayCalendar
from desktop_app.core.models import Matter
from desktop_app.core.withdrawal import in_force
from desktop_app.errors import ValidationError

FOLLOWS = "follows from the record"
_BY_CLOCK = {
    ClockEventKind.REGISTERED: MatterStatus.UNDER_REVIEW,
    ClockEventKind.HOLD_STARTED: MatterStatus.ON_HOLD,
    ClockEventKind.HOLD_ENDED: MatterStatus.UNDER_REVIEW,
    ClockEventKind.REFERRED: MatterStatus.UNDER_REVIEW,
    ClockEventKind.ITD_ISSUED: MatterStatus.UNDER_REVIEW,
    ClockEventKind.DENIED: MatterStatus.DENIED_APPEAL_OPEN,
    ClockEventKind.DECIDED: MatterStatus.DECIDED,
    **{kind: MatterStatus.UNDER_REVIEW for kind in ESCALATION_KINDS},
}


@dataclass(frozen=True)
class Derived:
    """The status the record implies on a day, and its cause in words."""

    status: MatterStatus
    cause: str

    @property
    def reason(self) -> str:
        """What ``status_reason`` says of a change the app made."""
        return f"{FOLLOWS}: {self.cause}"


def derived_status(
    determinations: Sequence[Determination],
    events: Sequence[ClockEvent],
    today: date | None = None,
    kind: MatterKind | None = None,
    calendar: HolidayCalendar = FEDERAL,
) -> Derived | None:
    """The status the record implies on ``today`` (the latest record's day if None), or None."""
    decided = [d for d in in_force(determinations) if d.decided_by is not Decider.INTERNAL_COUNSEL]
    if decided:
        latest = max(decided, key=lambda d: d.decided_on)
        day = today or latest.decided_on
        if latest.kind is DeterminationKind.DENIED:
            how = f"denied by {latest.decided_by.label} on {latest.decided_on}"
            return _appeal_window(latest.decided_on, how, day, calendar)
        what = f"{latest.kind.label.lower()} by {latest.decided_by.label} on {latest.decided_on}"
        return Derived(MatterStatus.DECIDED, what)
    if not events:
        return None
    day = today or ordered(events)[-1].on
    try:
        clock = read_clock(events, day, kind, calendar)
    except ValidationError:
        clock = None
    if clock is not None and clock.denied_on is not None:
        how = (
            f"denial final on {clock.denied_on}, 45 days after the intent to deny (15 CFR 750.6(b))"
            if clock.denial_deemed
            else f"denied on {clock.denied_on}"
        )
        return _appeal_window(clock.denied_on, how, day, calendar)
    known = [e for e in ordered(events) if e.on <= day] or ordered(events)[:1]
    last = known[-1]
    return Derived(_BY_CLOCK[last.kind], f"{last.kind.label.lower()} on {last.on.isoformat()}")


def _appeal_window(final: date, how: str, day: date, calendar: HolidayCalendar) -> Derived:
    """Denied: the appeal window open through its deadline (756.2(c)(1)), then decided."""
    due = deadline(appeal(final, "final"), day, calendar)
    if due.days_left >= 0:
        by = due.file_by or due.due
        shown = f"{by} (the deadline, {due.due}, is not a business day)" if due.file_by else by
        cause = f"{how}; an appeal must be received by {shown} (15 CFR 756.2(c)(1))"
        return Derived(MatterStatus.DENIED_APPEAL_OPEN, cause)
    return Derived(MatterStatus.DECIDED, f"{how}; the appeal window closed {due.due}")


def follow(matter: Matter, derived: Derived | None) -> Matter | None:
    """The matter with the derived status and its cause, or None when nothing changes.

    A matter counsel closed stays closed.
    """
    if derived is None or matter.status is MatterStatus.CLOSED:
        return None
    if derived.status is matter.status:
        return None
    return replace(matter, status=derived.status, status_reason=derived.reason)


def check_hand_change(before: Matter, after: Matter) -> None:
    """Refuse a status changed by hand without a reason (the reason is audited with it)."""
    new_reason = after.status_reason.strip() and after.status_reason != before.status_reason
    if before.status is not after.status and not new_reason:
        change = f"{before.status.label} to {after.status.label}"
        why = f"Say why the status changes from {change}; the reason is kept in its history."
        raise ValidationError({"status_reason": why})
