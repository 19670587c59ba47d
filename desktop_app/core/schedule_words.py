"""A condition's recurrence rule in words: "every 3 months", "every year on 14 August".

What counsel read beside the RFC 5545 line the app stores (`core.schedule`). A rule with parts
this module does not put into words gives None, and the line itself is shown: never a
description that says less than the rule.
"""

from __future__ import annotations

from calendar import month_name

UNITS = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}
WEEKDAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
SAID = frozenset(
    {"FREQ", "INTERVAL", "BYMONTH", "BYMONTHDAY", "BYDAY", "BYSETPOS", "COUNT", "UNTIL"}
)


def rule_words(text: str) -> str | None:
    """The rule in words, or None when it has a part not said here (or cannot be read)."""
    parts = _parts(text)
    if parts is None or not parts.keys() <= SAID or parts.get("FREQ") not in UNITS:
        return None
    every = _every(parts["FREQ"], parts.get("INTERVAL", "1"))
    on = _on(parts)
    if every is None or on is None:
        return None
    if not on:
        on = "from the first due date"
    elif parts["FREQ"] == "MONTHLY" and _skips(parts):
        on += " (a month without that day is skipped)"
    ends = _ends(parts)
    return " ".join(x for x in (every, on, ends) if x)


def _skips(parts: dict[str, str]) -> bool:
    """A monthly rule on one day after the 28th misses the months too short for it."""
    days = parts.get("BYMONTHDAY", "")
    return "," not in days and days.isdigit() and int(days) > 28 and "BYSETPOS" not in parts


def _parts(text: str) -> dict[str, str] | None:
    line = text.strip().upper().removeprefix("RRULE:")
    parts: dict[str, str] = {}
    for piece in filter(str.strip, line.split(";")):
        name, sep, value = piece.partition("=")
        if not sep or name.strip() in parts:
            return None
        parts[name.strip()] = value.strip()
    return parts or None


def _every(freq: str, interval: str) -> str | None:
    if not interval.isdigit() or int(interval) < 1:
        return None
    unit, n = UNITS[freq], int(interval)
    return f"every {unit}" if n == 1 else f"every {n} {unit}s"


def _on(parts: dict[str, str]) -> str | None:
    """Where in the period it falls; "" when on the first due date's own day."""
    days, months, weekdays = parts.get("BYMONTHDAY"), parts.get("BYMONTH"), parts.get("BYDAY")
    setpos = parts.get("BYSETPOS")
    if weekdays is not None:
        named = _weekdays(weekdays)
        return f"on {named}" if named and not (days or months or setpos) else None
    month = _month(months)
    if month is None:
        return None
    if days is None:
        return (f"in {month}" if month else "") if setpos is None else None
    return _on_day(days, setpos, month)


def _on_day(days: str, setpos: str | None, month: str) -> str | None:
    """A day of the month, or the last of several ("28,29,30,31" with BYSETPOS=-1)."""
    listed = days.split(",")
    if not all(d.isdigit() and 1 <= int(d) <= 31 for d in listed):
        return None
    day = int(listed[-1])
    if len(listed) == 1 and setpos is None:
        return f"on {day} {month}" if month else f"on the {_ordinal(day)}"
    if setpos != "-1":
        return None
    if month:
        return f"on {day} {month}, or the last day of {month} before it"
    return f"on the {_ordinal(day)}, or the month's last day before it"


def _weekdays(value: str) -> str:
    names = [WEEKDAYS.get(v) for v in value.split(",")]
    return "" if None in names else ", ".join(n for n in names if n)


def _month(value: str | None) -> str | None:
    if value is None:
        return ""
    if not value.isdigit() or not 1 <= int(value) <= 12:
        return None
    return month_name[int(value)]


def _ends(parts: dict[str, str]) -> str | None:
    count, until = parts.get("COUNT"), parts.get("UNTIL")
    if count is not None and count.isdigit():
        return f"({count} times)"
    if until is not None and len(until) >= 8 and until[:8].isdigit():
        return f"until {until[:4]}-{until[4:6]}-{until[6:8]}"
    return ""


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
