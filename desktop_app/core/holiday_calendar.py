"""The legal holidays that extend a license's validity (15 CFR 750.7(g)), and the library setting.

750.7(g): "If the date of expiration falls on a Federal or State holiday, the license will be
valid until midnight of the next business day." Only a holiday extends: a Saturday or a Sunday
that is no holiday does not. The federal holidays are always counted (``holidays`` library, US,
with their observed days: Friday 3 July 2026 for a Saturday Independence Day, and the Saturday
itself); the library may add the holidays of one State (or territory), a library-wide setting
kept in the settings table under ``holidays`` ("federal" when none was chosen).

The next business day after a holiday is the first day after it that is neither a Saturday, a
Sunday nor a holiday of the same calendar.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache

from desktop_app.core.drafts import Setting
from desktop_app.core.ports import Store
from desktop_app.errors import ValidationError

HOLIDAYS_SETTING = "holidays"
FEDERAL_NAME = "federal"
_SATURDAY = 5


@dataclass(frozen=True)
class HolidayCalendar:
    """US federal holidays, plus those of one State when ``state`` is its postal code."""

    state: str | None = None

    @property
    def name(self) -> str:
        """The stored value: "federal", or the State's code."""
        return self.state or FEDERAL_NAME

    def holiday(self, day: date) -> str | None:
        """The name of the holiday ``day`` is in this calendar, or None."""
        return _holidays(day.year, self.state).get(day)

    def is_business_day(self, day: date) -> bool:
        """True unless ``day`` is a Saturday, a Sunday or a holiday of this calendar."""
        return day.weekday() < _SATURDAY and self.holiday(day) is None

    def next_business_day(self, day: date) -> date:
        """The first business day after ``day`` (weekends and holidays skipped)."""
        day += timedelta(days=1)
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def valid_through(self, expiry: date) -> date:
        """The last valid day of a license whose date of expiration is ``expiry`` (750.7(g)).

        ``expiry`` itself unless it is a holiday; then the next business day.
        """
        return expiry if self.holiday(expiry) is None else self.next_business_day(expiry)


FEDERAL = HolidayCalendar()


@cache
def _holidays(year: int, state: str | None) -> dict[date, str]:
    import holidays  # noqa: PLC0415 - a heavy import, needed only once an expiry is computed

    return dict(holidays.country_holidays("US", subdiv=state, years=year))


@cache
def states() -> tuple[str, ...]:
    """The State and territory codes the holidays library knows (AK … WY, PR, GU, …)."""
    import holidays  # noqa: PLC0415 - a heavy import, needed only here

    return tuple(holidays.list_supported_countries()["US"])


def calendar_named(name: str) -> HolidayCalendar:
    """The calendar for "federal" or a State code (any case); ValidationError otherwise."""
    code = name.strip().upper()
    if code == FEDERAL_NAME.upper():
        return FEDERAL
    if code not in states():
        raise ValidationError(
            {
                "holidays": f"{name!r} is neither 'federal' nor a US State or territory code "
                f"({', '.join(states())})."
            }
        )
    return HolidayCalendar(code)


def calendar_of(stored: Setting | None) -> HolidayCalendar:
    """The library's calendar from its stored setting (federal when none or unreadable)."""
    if stored is None:
        return FEDERAL
    try:
        return calendar_named(stored.value)
    except ValidationError:
        return FEDERAL


def set_calendar(store: Store, actor: str, calendar: HolidayCalendar) -> None:
    """Count ``calendar``'s holidays in license validity from now on (one transaction)."""
    with store.transaction(actor) as tx:
        stored = tx.find_setting(HOLIDAYS_SETTING)
        if stored is None:
            tx.insert(Setting(HOLIDAYS_SETTING, calendar.name))
        elif stored.value != calendar.name:
            tx.update(replace(stored, value=calendar.name))
