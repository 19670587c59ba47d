"""What keeps a matter live, so that it may go neither to the trash nor be purged (762.6).

Records of a transaction still under way are not yet counting down: a license not expired or
revoked (a suspended one may be reinstated), a condition still open (conditions outlive their
license, 15 CFR 750.7(i)), an application pending before BIS or a BIS deadline still to come
(15 CFR 750.4, 750.6, 756.2). An open legal hold (762.6(b)) is checked before all of these.
"""

from __future__ import annotations

from datetime import date

from desktop_app.core.after_license import is_open
from desktop_app.core.bis_clock import read_clock
from desktop_app.core.enums import MatterKind
from desktop_app.core.holiday_calendar import HolidayCalendar
from desktop_app.core.models import Decisions
from desktop_app.core.validity import license_expiry, license_state
from desktop_app.core.withdrawal import in_force
from desktop_app.errors import ValidationError

_NAMED = 4


def live_reasons(
    decisions: Decisions, kind: MatterKind, today: date, calendar: HolidayCalendar
) -> tuple[str, ...]:
    """Why the matter is still live on ``today``, one line per reason; empty when it is not."""
    return (
        *_licenses(decisions, today, calendar),
        *_conditions(decisions),
        *_clock(decisions, kind, today, calendar),
    )


def _licenses(decisions: Decisions, today: date, calendar: HolidayCalendar) -> list[str]:
    reasons = []
    for license_ in in_force(decisions.licenses):  # one entered in error keeps nothing live
        state = license_state(license_, today, calendar)
        if state == "active":
            last = license_expiry(license_, calendar).isoformat()
            reasons.append(f"license {license_.number} is valid until {last}")
        elif state == "suspended":
            reasons.append(f"license {license_.number} is suspended, not revoked or expired")
    return reasons


def _conditions(decisions: Decisions) -> list[str]:
    open_ = [c for c in in_force(decisions.conditions) if is_open(c)]
    if not open_:
        return []
    names = [f"“{c.number}”" if c.number else f"#{c.id}" for c in open_[:_NAMED]]
    if len(open_) == 1:
        return [f"condition {names[0]} is still open (15 CFR 750.7(i))"]
    more = f" and {len(open_) - _NAMED} more" if len(open_) > _NAMED else ""
    return [f"{len(open_)} conditions are still open ({', '.join(names)}{more}; 15 CFR 750.7(i))"]


def _clock(
    decisions: Decisions, kind: MatterKind, today: date, calendar: HolidayCalendar
) -> list[str]:
    if not decisions.clock_events:
        return []
    try:
        clock = read_clock(decisions.clock_events, today, kind, calendar)
    except ValidationError:
        return ["its BIS clock events do not make a clock; correct them first"]
    reasons = []
    if clock.registered is not None and clock.stopped_on is None:
        reasons.append(f"the application registered {clock.registered} is pending before BIS")
    upcoming = clock.next_deadline
    if upcoming is not None:
        reasons.append(
            f"a BIS deadline is to come: {upcoming.name} on {upcoming.due} ({upcoming.citation})"
        )
    return reasons
