"""Conditions after their license ends: they bind until counsel close them (15 CFR 750.7(i)).

A license's conditions stop binding only when the items become eligible for a license exception
or NLR (750.7(i)), or when counsel record that they ended (closed, satisfied, superseded,
terminated by regulation) with the reason in the condition's log. The license's expiry,
revocation or supersession alone ends nothing: continuing prohibitions and post-export duties
(reports, recurring and event-triggered obligations) stay on the agenda, in ``show`` and in the
memo, with the license's end stated beside them as a fact.
"""

from __future__ import annotations

from datetime import date

from desktop_app.core.authorizations import Condition, ConditionKind, License, ObligationKind
from desktop_app.core.holiday_calendar import FEDERAL, HolidayCalendar
from desktop_app.core.schedule import IN_FORCE
from desktop_app.core.validity import license_expiry, license_state

RULE = "15 CFR 750.7(i)"
CONTINUES = "continues"
# Duties with no due date of their own: listed as continuing once their license has ended.
UNSCHEDULED = frozenset({ObligationKind.CONTINUING_PROHIBITION, ObligationKind.EVENT_TRIGGERED})


def license_ended(
    condition: Condition,
    licenses: dict[int, License],
    as_of: date,
    calendar: HolidayCalendar = FEDERAL,
) -> str:
    """How the condition's license ended by ``as_of`` ("license D500001 expired 2026-06-30").

    Empty when the condition has no license or its license is active or suspended on ``as_of``.
    """
    license_ = licenses.get(condition.license_id) if condition.license_id else None
    if license_ is None:
        return ""
    state = license_state(license_, as_of, calendar)
    if state in ("active", "suspended"):
        return ""
    if state == "expired":
        return f"license {license_.number} expired {license_expiry(license_, calendar)}"
    return f"license {license_.number} {state}"


def is_open(condition: Condition) -> bool:
    """Whether the condition still binds: in force, and not a rider (riders are notice)."""
    return condition.status in IN_FORCE and condition.kind is not ConditionKind.RIDER


def continues_unscheduled(condition: Condition, ended: str) -> bool:
    """Whether an open duty without due dates outlives its ``ended`` license (750.7(i))."""
    return bool(ended) and is_open(condition) and condition.obligation in UNSCHEDULED


def ended_note(condition: Condition, ended: str) -> str:
    """The license's end as a fact beside the condition; empty when the license has not ended.

    An open condition adds that it continues until closed; a closed one states the fact alone.
    """
    if not ended:
        return ""
    if not is_open(condition):
        return ended
    return f"{ended}; the obligation continues until closed ({RULE})"
