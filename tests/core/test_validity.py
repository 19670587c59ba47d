"""License validity exactly as 15 CFR 750.7(g) says: the printed date, the holiday rule, checks.

Each table row names the rule it exercises; the cases sit on both sides of each boundary.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from desktop_app.core.authorizations import License, LicenseStatus, ValidityBasis
from desktop_app.core.holiday_calendar import FEDERAL, HolidayCalendar
from desktop_app.core.validity import (
    basis_expiry,
    days_to_expiry,
    license_expiry,
    license_state,
    license_warnings,
    validate_license,
)
from desktop_app.errors import ValidationError

LICENSE = License(matter_id=1, number="D123456", validated_on=date(2026, 6, 26))
FOUR, ONE, EMERGENCY, BIS = (
    ValidityBasis.STANDARD_4Y,
    ValidityBasis.ONE_YEAR,
    ValidityBasis.EMERGENCY,
    ValidityBasis.SET_BY_BIS,
)
CA, MA = HolidayCalendar("CA"), HolidayCalendar("MA")
G = "15 CFR 750.7(g)"


def _license(**changes: Any) -> License:
    return replace(LICENSE, **changes)


@pytest.mark.parametrize(
    ("rule", "validated_on", "basis", "printed", "calendar", "last_day"),
    [
        (f"{G} four years", date(2026, 6, 26), FOUR, None, FEDERAL, date(2030, 6, 26)),
        (f"{G} one year", date(2026, 6, 26), ONE, None, FEDERAL, date(2027, 6, 26)),
        # A holiday on a weekday (Independence Day 2030, a Thursday) extends by a day.
        (f"{G} holiday", date(2026, 7, 4), FOUR, None, FEDERAL, date(2030, 7, 5)),
        (f"{G} day before a holiday", date(2026, 7, 3), FOUR, None, FEDERAL, date(2030, 7, 3)),
        # A holiday on a Friday (Christmas 2026): the next business day is the Monday.
        (f"{G} Friday holiday", date(2025, 12, 25), ONE, None, FEDERAL, date(2026, 12, 28)),
        # A holiday on a Monday (Labor Day 2026) extends to the Tuesday ...
        (f"{G} Monday holiday", date(2022, 9, 7), FOUR, None, FEDERAL, date(2026, 9, 8)),
        # ... but the Sunday and the Saturday before it are no holidays: no extension.
        (f"{G} Sunday", date(2022, 9, 6), FOUR, None, FEDERAL, date(2026, 9, 6)),
        (f"{G} Saturday", date(2022, 9, 5), FOUR, None, FEDERAL, date(2026, 9, 5)),
        # Thanksgiving (Thursday): federal, the Friday; in California the Friday is a holiday too.
        (f"{G} federal", date(2025, 11, 26), ONE, None, FEDERAL, date(2026, 11, 27)),
        (f"{G} State (CA)", date(2025, 11, 26), ONE, None, CA, date(2026, 11, 30)),
        # A State holiday counts only in the chosen State: Cesar Chavez Day, Patriots' Day.
        (f"{G} in CA", date(2025, 3, 31), ONE, None, CA, date(2026, 4, 1)),
        (f"{G} not in MA", date(2025, 3, 31), ONE, None, MA, date(2026, 3, 31)),
        (f"{G} in MA", date(2025, 4, 20), ONE, None, MA, date(2026, 4, 21)),
        (f"{G} not federal", date(2025, 4, 20), ONE, None, FEDERAL, date(2026, 4, 20)),
        # 29 February: to 28 February in a common year; to a Sunday 29 February in 2032.
        (f"{G} 29 Feb + 1y", date(2028, 2, 29), ONE, None, FEDERAL, date(2029, 2, 28)),
        (f"{G} 29 Feb + 4y", date(2028, 2, 29), FOUR, None, FEDERAL, date(2032, 2, 29)),
        (f"{G} 28 Feb + 1y", date(2027, 2, 28), ONE, None, FEDERAL, date(2028, 2, 28)),
        # Emergency: the end of the month after issue, a weekend end staying where it is.
        (f"{G} emergency Sat", date(2026, 1, 15), EMERGENCY, None, FEDERAL, date(2026, 2, 28)),
        (f"{G} emergency Sun", date(2026, 12, 3), EMERGENCY, None, FEDERAL, date(2027, 1, 31)),
        (f"{G} emergency leap", date(2028, 1, 1), EMERGENCY, None, FEDERAL, date(2028, 2, 29)),
        (f"{G} emergency 31st", date(2027, 12, 31), EMERGENCY, None, FEDERAL, date(2028, 1, 31)),
        (f"{G} emergency Apr", date(2026, 3, 31), EMERGENCY, None, FEDERAL, date(2026, 4, 30)),
        # The printed date controls, whatever the basis; only a holiday extends it.
        (f"{G} printed earlier", date(2026, 6, 26), FOUR, date(2027, 1, 5), FEDERAL, None),
        (f"{G} printed Sat", date(2022, 9, 6), FOUR, date(2026, 9, 5), FEDERAL, None),
        (f"{G} printed emergency", date(2026, 1, 15), EMERGENCY, date(2026, 2, 20), FEDERAL, None),
        (f"{G} observed day", date(2022, 7, 1), FOUR, date(2026, 7, 3), FEDERAL, date(2026, 7, 6)),
        (f"{G} Sat holiday", date(2022, 7, 1), FOUR, date(2026, 7, 4), FEDERAL, date(2026, 7, 6)),
        (f"{G} set by BIS", date(2026, 6, 26), BIS, date(2031, 12, 31), FEDERAL, None),
        (f"{G} BIS, Christmas", date(2026, 6, 26), BIS, date(2031, 12, 25), FEDERAL,
         date(2031, 12, 26)),
    ],
)  # fmt: skip
def test_last_valid_day(
    rule: str,
    validated_on: date,
    basis: ValidityBasis,
    printed: date | None,
    calendar: HolidayCalendar,
    last_day: date | None,
) -> None:
    license = _license(validated_on=validated_on, validity=basis, expires_on_set=printed)
    expected = last_day or printed
    assert expected is not None, rule
    assert license_expiry(license, calendar) == expected, rule
    assert license_state(license, expected, calendar) == "active", rule
    assert license_state(license, date.fromordinal(expected.toordinal() + 1), calendar) == (
        "expired"
    ), rule


def test_a_license_printed_to_expire_on_a_saturday_is_expired_on_the_monday() -> None:
    license = _license(validated_on=date(2022, 9, 6), expires_on_set=date(2026, 9, 5))
    assert license_state(license, date(2026, 9, 5)) == "active"
    assert license_state(license, date(2026, 9, 6)) == "expired"
    assert license_state(license, date(2026, 9, 7)) == "expired"


def test_a_license_printed_before_the_computed_date_expires_after_the_printed_date() -> None:
    license = _license(expires_on_set=date(2027, 1, 5))
    assert basis_expiry(license) == date(2030, 6, 26)
    assert days_to_expiry(license, date(2027, 1, 5)) == 0
    assert license_state(license, date(2027, 1, 6)) == "expired"
    warning = license_warnings(license)["expires_on_set"]
    assert "2027-01-05 controls" in warning
    assert "four-year basis would give 2030-06-26" in warning


def test_set_by_bis_without_a_date_is_refused() -> None:
    license = _license(validity=BIS)
    with pytest.raises(ValidationError) as caught:
        license_expiry(license)
    assert set(caught.value.fields) == {"expires_on_set"}
    assert set(validate_license(license)) == {"expires_on_set"}


@pytest.mark.parametrize(
    ("rule", "validated_on", "basis", "printed", "refused"),
    [
        (f"{G} before issue", date(2026, 6, 26), BIS, date(2026, 6, 25), "an expiry before issue"),
        (f"{G} on issue day", date(2026, 6, 26), BIS, date(2026, 6, 26), None),
        (f"{G} 4y exactly", date(2026, 6, 26), FOUR, date(2030, 6, 26), None),
        (f"{G} 4y + 1 day", date(2026, 6, 26), FOUR, date(2030, 6, 27), "four-year basis allows"),
        (f"{G} holiday end", date(2026, 7, 4), FOUR, date(2030, 7, 5), None),
        (f"{G} past holiday", date(2026, 7, 4), FOUR, date(2030, 7, 6), "(2030-07-05"),
        (f"{G} 1y + 1 day", date(2026, 6, 26), ONE, date(2027, 6, 27), "one-year basis allows"),
        (f"{G} emergency end", date(2026, 1, 15), EMERGENCY, date(2026, 2, 28), None),
        (f"{G} emergency + 1", date(2026, 1, 15), EMERGENCY, date(2026, 3, 1), "emergency"),
        (f"{G} BIS, long", date(2026, 6, 26), BIS, date(2036, 6, 26), None),
        (f"{G} 4y, before issue", date(2026, 6, 26), FOUR, date(2026, 6, 1), "before issue"),
    ],
)  # fmt: skip
def test_printed_expiry_checks(
    rule: str, validated_on: date, basis: ValidityBasis, printed: date, refused: str | None
) -> None:
    errors = validate_license(
        _license(validated_on=validated_on, validity=basis, expires_on_set=printed)
    )
    if refused is None:
        assert errors == {}, rule
    else:
        assert set(errors) == {"expires_on_set"}, rule
        assert refused in errors["expires_on_set"], rule
        assert printed.isoformat() in errors["expires_on_set"], rule


def test_a_printed_date_later_than_four_years_points_to_set_by_bis() -> None:
    why = validate_license(_license(expires_on_set=date(2031, 1, 5)))["expires_on_set"]
    assert "later than the four-year basis allows (2030-06-26, 15 CFR 750.7(g))" in why
    assert "'set by BIS'" in why


def test_an_emergency_license_without_its_printed_date_asks_for_it() -> None:
    license = _license(validated_on=date(2026, 1, 15), validity=EMERGENCY)
    assert license_expiry(license) == date(2026, 2, 28)
    warning = license_warnings(license)["expires_on_set"]
    assert "at most to 2026-02-28" in warning
    assert "enter the expiry printed on the license" in warning
    printed = replace(license, expires_on_set=date(2026, 2, 20))
    assert license_expiry(printed) == date(2026, 2, 20)
    assert license_warnings(printed) == {}


def test_a_holiday_extension_is_stated_with_its_holiday() -> None:
    license = _license(validated_on=date(2025, 11, 26), validity=ONE)
    federal = license_warnings(license)["expires"]
    assert "2026-11-26 is Thanksgiving Day, a holiday (federal)" in federal
    assert "valid through 2026-11-27, the next business day (15 CFR 750.7(g))" in federal
    assert "valid through 2026-11-30" in license_warnings(license, calendar=CA)["expires"]
    day_after = _license(validated_on=date(2025, 11, 27), validity=ONE)
    assert "expires" not in license_warnings(day_after)
    warning = license_warnings(day_after, calendar=CA)["expires"]
    assert "2026-11-27 is Day After Thanksgiving, a holiday (CA)" in warning


def test_an_unextended_weekend_expiry_gives_no_holiday_warning() -> None:
    assert "expires" not in license_warnings(_license(validated_on=date(2022, 9, 6)))


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (LicenseStatus.SUSPENDED, "suspended"),
        (LicenseStatus.REVOKED, "revoked"),
        (LicenseStatus.SUPERSEDED, "superseded"),
    ],
)
def test_stored_status_wins_over_dates(status: LicenseStatus, expected: str) -> None:
    assert license_state(_license(status=status), date(2026, 12, 31)) == expected
    assert license_state(_license(status=status), date(2040, 1, 1)) == expected


def test_a_valid_license_has_no_errors_or_warnings() -> None:
    assert validate_license(LICENSE) == {}
    assert license_warnings(LICENSE) == {}


def test_empty_number_is_an_error() -> None:
    assert set(validate_license(_license(number="  "))) == {"number"}


@pytest.mark.parametrize("number", ["D12345", "d123456", "X123456", "D1234567", "D-123456"])
def test_unusual_numbers_only_warn(number: str) -> None:
    license = _license(number=number)
    assert validate_license(license) == {}
    assert set(license_warnings(license)) == {"number"}
