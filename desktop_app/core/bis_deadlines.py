"""The statutory deadlines of a BIS clock, each with its citation (docs/domain.md#bis-clock).

Calendar days throughout; holds under 750.4(b) are left out of the 90-day limit of 750.4(a)(1)
and of nothing else:

* BIS's initial action within 9 days of registration (750.4(c)); a request for information
  (an INFO_REQUESTED hold), a referral or an intent to deny is that action;
* the agencies' recommendations within 30 days of the first referral of the round (750.4(d)(2));
* escalation under 750.4(f): the Operating Committee chair decides within 14 days after the
  agencies' deadline; an appeal to the ACEP within 5 days of that decision, which the ACEP
  decides within 11 days; to the EARB within 5 days, decided within 11; to the President within
  5 days;
* after an intent to deny: the applicant's response within 20 days and the denial final without
  further notice on day 45 (750.6(b)), and the appeal 45 days after that (756.2(c)(1));
* after a final denial, recorded or on day 45: the appeal to the Under Secretary (756.2(c)(1)).

The applicant's own filings must reach BIS by the day: when it is a Saturday, a Sunday or a
holiday of the calendar (US federal by default, observed days included; holiday_calendar), the
deadline says so and gives the last business day before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.core.authorizations import ClockEventKind
from desktop_app.core.bis_clock_state import ITD_FINAL_DAYS, ClockState, Hold, due_excluding_holds
from desktop_app.core.holiday_calendar import FEDERAL, HolidayCalendar

K = ClockEventKind
INITIAL_ACTION_DAYS = 9
REFERRAL_DAYS = 30
OVERALL_DAYS = 90
ITD_RESPONSE_DAYS = 20
APPEAL_DAYS = 45
OC_DAYS = 14
# After each 750.4(f) step: (what is next, days, counted from the step or the agency deadline).
_ESCALATION = {
    K.ESCALATED_OC: ("The Operating Committee chair decides", OC_DAYS, "15 CFR 750.4(f)(1)(i)"),
    K.OC_DECIDED: ("Appeal of the OC chair's decision to the ACEP", 5, "15 CFR 750.4(f)(1)(ii)"),
    K.ESCALATED_ACEP: ("The ACEP decides by majority vote", 11, "15 CFR 750.4(f)(2)"),
    K.ACEP_DECIDED: ("Appeal of the ACEP decision to the EARB", 5, "15 CFR 750.4(f)(2)"),
    K.ESCALATED_EARB: ("The EARB decides", 11, "15 CFR 750.4(f)(3)"),
    K.EARB_DECIDED: ("Appeal of the EARB decision to the President", 5, "15 CFR 750.4(f)(3)"),
}
_SATURDAY = 5
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

Found = tuple[str, date, str, bool]  # name, due, citation, filed by the applicant


@dataclass(frozen=True)
class Deadline:
    """A statutory deadline: what is due, when, under which rule, and days left (< 0 once past).

    ``file_by`` is the last business day before ``due`` when ``due`` is not one and BIS must
    receive the filing by then; ``note`` says why.
    """

    name: str
    due: date
    citation: str
    days_left: int
    note: str = ""
    file_by: date | None = None

    @property
    def last_day(self) -> date:
        """The last day a filing reaches BIS in time: ``file_by`` when set, else ``due``."""
        return self.file_by or self.due


def closed_because(day: date, calendar: HolidayCalendar = FEDERAL) -> str:
    """Why ``day`` is not a business day ("a Saturday", "Thanksgiving Day"), or "" if it is."""
    if day.weekday() >= _SATURDAY:
        return f"a {_WEEKDAYS[day.weekday()]}"
    return calendar.holiday(day) or ""


def last_business_day_before(day: date, calendar: HolidayCalendar = FEDERAL) -> date:
    """The nearest business day before ``day``."""
    day -= timedelta(days=1)
    while closed_because(day, calendar):
        day -= timedelta(days=1)
    return day


def deadline(found: Found, today: date, calendar: HolidayCalendar = FEDERAL) -> Deadline:
    """A found deadline as of ``today``, with the business-day warning for a filing."""
    name, due, citation, filed = found
    why = closed_because(due, calendar) if filed else ""
    if not why:
        return Deadline(name, due, citation, (due - today).days)
    file_by = last_business_day_before(due, calendar)
    note = (
        f"{due.isoformat()} is {why}, and BIS must receive the filing by its deadline: "
        f"file by {_WEEKDAYS[file_by.weekday()]} {file_by.isoformat()}, the last business day "
        "before it."
    )
    return Deadline(name, due, citation, (due - today).days, note=note, file_by=file_by)


def appeal(final: date, how: str) -> Found:
    """The appeal to the Under Secretary, 45 days from the final denial (756.2(c)(1))."""
    name = f"Appeal of the denial to the Under Secretary ({how} {final.isoformat()})"
    return (name, final + timedelta(days=APPEAL_DAYS), "15 CFR 756.2(c)(1)", True)


def pending(state: ClockState, holds: Sequence[Hold], today: date) -> list[Found]:
    """The deadlines of an application neither decided nor finally denied."""
    found: list[Found] = []
    if state.to_president is None:
        due = due_excluding_holds(state.registered, OVERALL_DAYS, holds, today)
        what = "BIS resolves the application or refers it to the President (holds excluded)"
        found.append((what, due, "15 CFR 750.4(a)(1)", False))
    if not state.initial_action:
        due = state.registered + timedelta(days=INITIAL_ACTION_DAYS)
        what = "BIS initial action (request information, refer, approve or intend to deny)"
        found.append((what, due, "15 CFR 750.4(c)", False))
    if state.referred is not None and state.itd is None:
        found += _review(state, state.referred + timedelta(days=REFERRAL_DAYS))
    if state.itd is not None:
        found += _intent_to_deny(state.itd)
    return found


def _review(state: ClockState, agencies_due: date) -> list[Found]:
    """The agencies' recommendations, or the deadline of the latest escalation step."""
    step = state.escalation
    if step is None:
        what = "Reviewing agencies' recommendations (from the first referral)"
        return [(what, agencies_due, "15 CFR 750.4(d)(2)", False)]
    if step.kind not in _ESCALATION:
        return []
    name, days, citation = _ESCALATION[step.kind]
    anchor = agencies_due if step.kind is K.ESCALATED_OC else step.on
    return [(name, anchor + timedelta(days=days), citation, False)]


def _intent_to_deny(itd: date) -> list[Found]:
    """The response window, the day the denial becomes final and the appeal that follows."""
    final = itd + timedelta(days=ITD_FINAL_DAYS)
    return [
        (
            "Applicant's response to the intent-to-deny letter",
            itd + timedelta(days=ITD_RESPONSE_DAYS),
            "15 CFR 750.6(b)",
            True,
        ),
        (
            "Denial becomes final without further notice unless the intent to deny is resolved",
            final,
            "15 CFR 750.6(b)",
            False,
        ),
        appeal(final, "if the denial becomes final on"),
    ]
