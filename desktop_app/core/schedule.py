"""When obligations fall due: RFC 5545 recurrence rules, due dates, and an obligation's state.

A condition's schedule is a first due date plus an optional RRULE (``FREQ=MONTHLY;INTERVAL=3``
for quarterly access reports, ``FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=26`` for a report in the
license's anniversary month). Rules are read with ``dateutil.rrule`` from the first due date at
midnight, and every occurrence is turned back into a date: schedules are in days, never times,
so there is no time-zone drift around midnight.

Following dateutil (not the letter of RFC 5545), the first due date is the anchor of the rule
and is itself a due date only when it fits the rule; :func:`schedule_warnings` says when it
does not. Accepted rules are one ``RRULE`` line (with or without the ``RRULE:`` prefix), at
daily or coarser frequency, without ``DTSTART`` (the first due date is given separately); an
``UNTIL`` is read as a date. A rule may recur forever, but it must fire: a rule that ends before
its first due date, names a day no month has, or first fires beyond the horizon is refused.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from typing import Literal

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrule, rrulestr

from desktop_app.core.authorizations import (
    Condition,
    ConditionKind,
    ConditionLog,
    ConditionStatus,
    LogKind,
    ObligationKind,
)
from desktop_app.errors import ValidationError

Errors = dict[str, str]
ObligationState = Literal["overdue", "due_soon", "upcoming", "none"]

DUE_SOON_DAYS = 14
HORIZON_YEARS = 10

_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_SUB_DAILY = ("HOURLY", "MINUTELY", "SECONDLY", "BYHOUR", "BYMINUTE", "BYSECOND")
_UNTIL = re.compile(r"^(?P<day>[0-9]{8})(T[0-9]{6}Z?)?$")
_LEAP_YEAR = 2000  # any leap year: used to ask whether a month has a given day at all
_COMMON_YEAR = 2001  # any common year: used to ask whether a month always has a given day

# Statuses in which a condition binds and its obligations run (docs/domain.md#condition-states).
IN_FORCE = frozenset(
    {
        ConditionStatus.IMPOSED,
        ConditionStatus.COMMUNICATED,
        ConditionStatus.AWAITING_ACK,
        ConditionStatus.ACKNOWLEDGED,
        ConditionStatus.ACTIVE,
        ConditionStatus.BREACHED,
        ConditionStatus.REMEDIATED,
    }
)


def _midnight(day: date) -> datetime:
    """``day`` at 00:00, naive: the only time of day a schedule uses."""
    return datetime.combine(day, time())


def _bad(why: str) -> ValidationError:
    """A ValidationError on the ``rrule`` field."""
    return ValidationError({"rrule": why})


def _parts(text: str) -> dict[str, str]:
    """Split one RRULE line into upper-cased NAME → value, refusing what dates cannot use."""
    line = text.strip()
    if not line:
        raise _bad("The recurrence rule is empty; leave it out for a one-time date.")
    if "\n" in line or "\r" in line:
        raise _bad(
            "Give one RRULE line only (no DTSTART, EXDATE or RDATE); the first due date is "
            "set separately."
        )
    if line.upper().startswith("RRULE:"):
        line = line[len("RRULE:") :]
    parts: dict[str, str] = {}
    for piece in filter(str.strip, line.split(";")):
        name, sep, value = piece.partition("=")
        name = name.strip().upper()
        if not sep or not name or not value.strip():
            raise _bad(f"{piece.strip()!r} is not NAME=VALUE (e.g. FREQ=MONTHLY;INTERVAL=3).")
        if name in parts:
            raise _bad(f"{name} is given twice.")
        parts[name] = value.strip().upper()
    return parts


def _check_parts(parts: dict[str, str], first_due: date) -> None:
    """Refuse rule parts that are syntactically fine for dateutil but wrong for due dates."""
    freq = parts.get("FREQ")
    if freq is None:
        raise _bad("The rule needs a FREQ (DAILY, WEEKLY, MONTHLY or YEARLY).")
    if freq in _SUB_DAILY or any(name in _SUB_DAILY for name in parts):
        raise _bad("Schedules are in days; hours, minutes and seconds are not used.")
    if freq not in _FREQUENCIES:
        raise _bad(f"FREQ={freq} is not one of DAILY, WEEKLY, MONTHLY, YEARLY.")
    if "DTSTART" in parts:
        raise _bad("Leave DTSTART out; the first due date starts the rule.")
    for name in ("INTERVAL", "COUNT"):
        if name in parts and not (parts[name].isdigit() and int(parts[name]) >= 1):
            raise _bad(f"{name} must be a whole number of at least 1, not {parts[name]}.")
    if "COUNT" in parts and "UNTIL" in parts:
        raise _bad("COUNT and UNTIL cannot both be given (RFC 5545).")
    if "UNTIL" in parts:
        match = _UNTIL.match(parts["UNTIL"])
        if match is None:
            raise _bad(f"UNTIL={parts['UNTIL']} is not a date such as 20301231.")
        parts["UNTIL"] = match["day"]
    _check_month_days(parts, first_due)


def _check_month_days(parts: dict[str, str], first_due: date) -> None:
    """Refuse a BYMONTH/BYMONTHDAY pair no calendar has (30 February).

    A monthly or yearly rule that names no day uses the day of the first due date (dateutil).
    """
    months = _numbers(parts, "BYMONTH", 1, 12)
    days = _numbers(parts, "BYMONTHDAY", 1, 31)
    day_parts = ("BYMONTHDAY", "BYDAY", "BYYEARDAY", "BYWEEKNO")
    named = f"day {parts['BYMONTHDAY']}" if days else ""
    if (
        not days
        and parts["FREQ"] in ("MONTHLY", "YEARLY")
        and not any(p in parts for p in day_parts)
    ):
        days = [first_due.day]
        named = f"day {first_due.day} (the day of the first due date)"
    possible = any(d <= monthrange(_LEAP_YEAR, m)[1] for m in months for d in days)
    if months and days and all(d > 0 for d in days) and not possible:
        raise _bad(f"The rule never fires: no month in BYMONTH={parts['BYMONTH']} has {named}.")


def _numbers(parts: dict[str, str], name: str, low: int, high: int) -> list[int]:
    """The comma-separated integers of a BY part, each within ±[low, high]."""
    if name not in parts:
        return []
    try:
        values = [int(v) for v in parts[name].split(",")]
    except ValueError:
        raise _bad(f"{name}={parts[name]} is not a list of whole numbers.") from None
    if any(not low <= abs(v) <= high for v in values):
        raise _bad(f"{name} values must be between {low} and {high}, not {parts[name]}.")
    return values


def parse_rule(text: str, first_due: date) -> rrule:
    """The rule in ``text`` starting at ``first_due`` (midnight).

    Raises ValidationError({"rrule": ...}) for a syntax error, a sub-daily or multi-line rule,
    DTSTART in the text, COUNT with UNTIL, or a month/day combination that cannot occur.
    """
    parts = _parts(text)
    _check_parts(parts, first_due)
    normalized = ";".join(f"{name}={value}" for name, value in parts.items())
    try:
        rule = rrulestr(normalized, dtstart=_midnight(first_due))
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        raise _bad(f"The recurrence rule is not valid RFC 5545: {exc}.") from None
    if not isinstance(rule, rrule):  # pragma: no cover - one RRULE line always gives an rrule
        raise _bad("Give one RRULE line only.")
    return rule


def _occurrences(rule: rrule) -> Iterator[date]:
    """The rule's occurrences as dates, in order."""
    for when in rule:
        yield when.date()


def check_schedule(rule_text: str, first_due: date, horizon_years: int = HORIZON_YEARS) -> Errors:
    """Problems with a schedule, by field (``rrule``); empty when it is usable.

    A rule may recur forever (no COUNT or UNTIL) as long as it fires; refused are syntax
    errors, a rule that ends before the first due date, and one whose first occurrence is more
    than ``horizon_years`` after the first due date ("never fires within 10 years").
    """
    try:
        rule = parse_rule(rule_text, first_due)
    except ValidationError as exc:
        return exc.fields
    horizon = first_due + relativedelta(years=horizon_years)
    until = _until(rule_text)
    if until is not None and until < first_due:
        return {
            "rrule": f"The rule ends (UNTIL {until.isoformat()}) before its first due date "
            f"{first_due.isoformat()}, so it never fires."
        }
    try:
        first = rule.after(_midnight(first_due), inc=True)
    except (ValueError, IndexError, OverflowError) as exc:
        return {"rrule": f"The recurrence rule cannot be computed: {exc}."}
    if first is None:
        return {"rrule": f"The rule never fires on or after {first_due.isoformat()}."}
    if first.date() > horizon:
        return {
            "rrule": f"The rule never fires within {horizon_years} years of "
            f"{first_due.isoformat()} (its first date is {first.date().isoformat()})."
        }
    return {}


def _until(rule_text: str) -> date | None:
    """The UNTIL date of a rule already parsed, if it has one."""
    value = _parts(rule_text).get("UNTIL")
    if value is None:
        return None
    match = _UNTIL.match(value)
    assert match is not None
    return datetime.strptime(match["day"], "%Y%m%d").date()


def schedule_warnings(rule_text: str, first_due: date) -> Errors:
    """Unusual but allowed, by field.

    A first due date that is not itself an occurrence of the rule; a monthly or yearly rule
    that takes its day (29th to 31st) from the first due date and so, as RFC 5545 says, skips
    the months without that day (:func:`quarterly_rule` does not).
    """
    if not rule_text.strip() or check_schedule(rule_text, first_due):
        return {}
    warnings: Errors = {}
    if _skips_short_months(_parts(rule_text), first_due):
        warnings["rrule"] = (
            f"The rule skips months without a day {first_due.day}; to fall on the last day of "
            f"shorter months use BYMONTHDAY={','.join(map(str, range(28, first_due.day + 1)))}"
            ";BYSETPOS=-1."
        )
    first = parse_rule(rule_text, first_due).after(_midnight(first_due), inc=True)
    if first is not None and first.date() != first_due:
        warnings["first_due"] = (
            f"{first_due.isoformat()} does not fit the rule; the first due date it gives is "
            f"{first.date().isoformat()}."
        )
    return warnings


def _skips_short_months(parts: dict[str, str], first_due: date) -> bool:
    """Whether a rule that takes its day from ``first_due`` visits a month without that day."""
    day_parts = ("BYMONTHDAY", "BYDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS")
    freq = parts["FREQ"].upper()
    if freq not in ("MONTHLY", "YEARLY") or any(p in parts for p in day_parts):
        return False
    if "BYMONTH" in parts:
        months = {int(m) for m in parts["BYMONTH"].split(",")}
    elif freq == "YEARLY":
        months = {first_due.month}
    else:
        step = int(parts.get("INTERVAL", "1"))
        months = {(first_due.month - 1 + k * step) % 12 + 1 for k in range(12)}
    return any(first_due.day > monthrange(_COMMON_YEAR, m)[1] for m in months)


def due_dates(rule_text: str, first_due: date, start: date, end: date) -> list[date]:
    """The rule's due dates from ``start`` to ``end``, both included (empty if start > end)."""
    if start > end:
        return []
    rule = parse_rule(rule_text, first_due)
    return [d.date() for d in rule.between(_midnight(start), _midnight(end), inc=True)]


def quarterly_rule(first_due: date) -> str:
    """Every three months on the day of ``first_due``.

    From the 29th on, the last day of a shorter month stands in: 31 August gives 30 November,
    then 28 or 29 February.
    """
    if first_due.day <= 28:
        return "FREQ=MONTHLY;INTERVAL=3"
    days = ",".join(str(d) for d in range(28, first_due.day + 1))
    return f"FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY={days};BYSETPOS=-1"


def annual_rule(month: int, day: int) -> str:
    """Once a year on ``month``/``day``, e.g. in the license's anniversary month.

    29 February falls on 28 February in common years. Raises ValidationError for a day the
    month never has.
    """
    if not 1 <= month <= 12 or not 1 <= day <= monthrange(_LEAP_YEAR, month)[1]:
        raise _bad(f"There is no day {day} in month {month}.")
    if (month, day) == (2, 29):
        return "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1"
    return f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}"


def anniversary_rule(validated_on: date) -> str:
    """Once a year on the anniversary of a license's validation date."""
    return annual_rule(validated_on.month, validated_on.day)


def schedule_errors(condition: Condition) -> Errors:
    """Problems with a condition's schedule fields, by field.

    A one-time or recurring obligation needs a first due date, a recurring one a rule that
    fires; grace is not negative; a rider carries no schedule (riders are not performed).
    """
    errors: Errors = {}
    if condition.grace_days < 0:
        errors["grace_days"] = "Grace days cannot be negative."
    scheduled = condition.obligation in (ObligationKind.ONE_TIME, ObligationKind.RECURRING)
    if condition.kind is ConditionKind.RIDER and (condition.first_due or condition.rrule):
        errors["obligation"] = "A rider is notice, not an obligation; it has no due dates."
    if scheduled and condition.first_due is None:
        errors["first_due"] = f"A {condition.obligation.label.lower()} obligation needs a due date."
    if condition.obligation is ObligationKind.RECURRING:
        if not condition.rrule.strip():
            errors["rrule"] = "A recurring obligation needs a recurrence rule."
        elif condition.first_due is not None:
            errors.update(check_schedule(condition.rrule, condition.first_due))
    elif condition.rrule.strip():
        errors["rrule"] = (
            f"Only recurring obligations have a recurrence rule; this one is "
            f"{condition.obligation.label.lower()}."
        )
    return errors


def _performed(condition: Condition, logs: Iterable[ConditionLog], today: date) -> list[date]:
    """The due dates performed by ``today``; a performance without a due date gives date.min.

    Logs of other conditions are ignored when the condition has an id.
    """
    return [
        log.due or date.min
        for log in logs
        if log.kind is LogKind.PERFORMED
        and log.on <= today
        and condition.id in (0, log.condition_id)
    ]


def logs_by_condition(logs: Iterable[ConditionLog]) -> dict[int, list[ConditionLog]]:
    """Log entries grouped by the condition they belong to (a missing key gives [])."""
    grouped: dict[int, list[ConditionLog]] = defaultdict(list)
    for entry in logs:
        grouped[entry.condition_id].append(entry)
    return grouped


def next_due(condition: Condition, done: Iterable[ConditionLog], today: date) -> date | None:
    """The date the condition's obligation is next (or still) due as of ``today``, or None.

    ONE_TIME: the first due date until a performance is logged. RECURRING: the earliest due
    date of the rule with no performance logged for that due date, so a missed period stays
    due until it is performed; without a rule, the first due date alone. Continuing
    prohibitions and event-triggered duties, riders, and conditions not in force (proposed,
    satisfied, superseded, closed...) have none. Performances logged after ``today`` do not
    count yet.
    """
    if (
        condition.first_due is None
        or condition.kind is ConditionKind.RIDER
        or condition.status not in IN_FORCE
    ):
        return None
    performed = _performed(condition, done, today)
    match condition.obligation:
        case ObligationKind.ONE_TIME:
            return None if performed else condition.first_due
        case ObligationKind.RECURRING:
            if not condition.rrule.strip():
                return None if performed else condition.first_due
            dues = set(performed)
            rule = parse_rule(condition.rrule, condition.first_due)
            return next((d for d in _occurrences(rule) if d not in dues), None)
        case ObligationKind.CONTINUING_PROHIBITION | ObligationKind.EVENT_TRIGGERED:
            return None


def obligation_state(
    condition: Condition, logs: Iterable[ConditionLog], today: date
) -> ObligationState:
    """Where the condition's next due date stands on ``today``.

    "overdue" once ``today`` is past the due date plus the grace days; "due_soon" when the due
    date is at most 14 days away (or passed but within grace); "upcoming" when later; "none"
    when nothing is due.
    """
    due = next_due(condition, logs, today)
    if due is None:
        return "none"
    if (today - due).days > condition.grace_days:
        return "overdue"
    if (due - today).days <= DUE_SOON_DAYS:
        return "due_soon"
    return "upcoming"
