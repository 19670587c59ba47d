"""The holidays of 15 CFR 750.7(g): federal always, one State's when the library chose it."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.core.drafts import Setting
from desktop_app.core.holiday_calendar import (
    FEDERAL,
    HOLIDAYS_SETTING,
    HolidayCalendar,
    calendar_named,
    calendar_of,
)
from desktop_app.errors import ValidationError


def test_the_next_business_day_skips_weekends_and_holidays() -> None:
    # Christmas 2026 is a Friday; 1 January 2027 too: the Monday after each.
    assert FEDERAL.next_business_day(date(2026, 12, 25)) == date(2026, 12, 28)
    assert FEDERAL.next_business_day(date(2026, 12, 31)) == date(2027, 1, 4)
    # Thanksgiving in California: Friday is a State holiday, so Monday.
    assert HolidayCalendar("CA").next_business_day(date(2026, 11, 26)) == date(2026, 11, 30)
    assert FEDERAL.next_business_day(date(2026, 11, 26)) == date(2026, 11, 27)


def test_only_a_holiday_is_extended() -> None:
    assert FEDERAL.valid_through(date(2026, 9, 5)) == date(2026, 9, 5)  # Saturday
    assert FEDERAL.valid_through(date(2026, 9, 6)) == date(2026, 9, 6)  # Sunday
    assert FEDERAL.valid_through(date(2026, 9, 7)) == date(2026, 9, 8)  # Labor Day
    assert FEDERAL.holiday(date(2027, 12, 31)) == "New Year's Day (observed)"


@pytest.mark.parametrize(
    ("typed", "name"),
    [("federal", "federal"), ("FEDERAL", "federal"), ("ca", "CA"), (" PR ", "PR")],
)
def test_calendar_names(typed: str, name: str) -> None:
    assert calendar_named(typed).name == name


def test_an_unknown_state_is_refused() -> None:
    with pytest.raises(ValidationError, match="'XX' is neither 'federal'"):
        calendar_named("XX")


def test_the_stored_setting_is_read_back_and_anything_else_is_federal() -> None:
    assert calendar_of(None) is FEDERAL
    assert calendar_of(Setting(HOLIDAYS_SETTING, "NY")) == HolidayCalendar("NY")
    assert calendar_of(Setting(HOLIDAYS_SETTING, "garbled")) is FEDERAL


def test_the_agenda_lists_a_license_expiry_under_the_librarys_calendar() -> None:
    from dataclasses import replace

    from desktop_app.core.agenda import agenda
    from desktop_app.core.authorizations import License, ValidityBasis
    from desktop_app.core.enums import MatterKind
    from desktop_app.core.models import LibraryFacts, Matter

    matter = Matter(title="x", kind=MatterKind.LICENSE_APPLICATION, number="EC-2027-0001", id=1)
    license = License(
        matter_id=1,
        number="D500002",
        validated_on=date(2026, 1, 5),
        validity=ValidityBasis.SET_BY_BIS,
        expires_on_set=date(2027, 4, 19),  # Patriots' Day: a Massachusetts holiday only
        id=1,
    )
    facts = LibraryFacts((matter,), (), (), (license,), ())
    federal = [r.due for r in agenda(facts, date(2027, 4, 1), 60) if r.kind == "license"]
    assert federal == [date(2027, 4, 19)]
    massachusetts = replace(facts, calendar=HolidayCalendar("MA"))
    state = [r.due for r in agenda(massachusetts, date(2027, 4, 1), 60) if r.kind == "license"]
    assert state == [date(2027, 4, 20)]
