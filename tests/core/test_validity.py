"""License validity (15 CFR 750.7(g)): exact expiry dates, the holiday rule, state and checks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from desktop_app.core.authorizations import License, LicenseStatus, ValidityBasis
from desktop_app.core.validity import (
    days_to_expiry,
    is_business_day,
    license_expiry,
    license_state,
    license_warnings,
    next_business_day,
    nominal_expiry,
    validate_license,
)
from desktop_app.errors import ValidationError

LICENSE = License(matter_id=1, number="D123456", validated_on=date(2026, 6, 26))


def _license(**changes: Any) -> License:
    return replace(LICENSE, **changes)


@pytest.mark.parametrize(
    ("validated_on", "basis", "expected"),
    [
        # Four years from 26 June 2026 is Wednesday 26 June 2030: no roll.
        (date(2026, 6, 26), ValidityBasis.STANDARD_4Y, date(2030, 6, 26)),
        # Independence Day 2030 is a Thursday: valid through Friday 5 July.
        (date(2026, 7, 4), ValidityBasis.STANDARD_4Y, date(2030, 7, 5)),
        # Thanksgiving 2030 is 28 November; the day after is not a federal holiday.
        (date(2026, 11, 28), ValidityBasis.STANDARD_4Y, date(2030, 11, 29)),
        # New Year's Day 2027 is a Friday: the next business day is Monday 4 January.
        (date(2026, 1, 1), ValidityBasis.ONE_YEAR, date(2027, 1, 4)),
        # Leap day: one year on is 28 February 2029, a Wednesday.
        (date(2028, 2, 29), ValidityBasis.ONE_YEAR, date(2029, 2, 28)),
        # Leap day to leap day: 29 February 2032 is a Sunday, so Monday 1 March.
        (date(2028, 2, 29), ValidityBasis.STANDARD_4Y, date(2032, 3, 1)),
        # Emergency: end of the month after issue. 31 January 2027 is a Sunday.
        (date(2026, 12, 3), ValidityBasis.EMERGENCY, date(2027, 2, 1)),
        (date(2026, 3, 31), ValidityBasis.EMERGENCY, date(2026, 4, 30)),
        # 28 February 2026 is a Saturday: the license runs to Monday 2 March.
        (date(2026, 1, 15), ValidityBasis.EMERGENCY, date(2026, 3, 2)),
    ],
)
def test_license_expiry(validated_on: date, basis: ValidityBasis, expected: date) -> None:
    assert license_expiry(_license(validated_on=validated_on, validity=basis)) == expected


@pytest.mark.parametrize(
    ("validated_on", "expected"),
    [
        (date(2026, 1, 15), date(2026, 2, 28)),
        (date(2026, 12, 3), date(2027, 1, 31)),
        (date(2027, 12, 31), date(2028, 1, 31)),
        (date(2028, 1, 1), date(2028, 2, 29)),
    ],
)
def test_emergency_nominal_expiry_is_end_of_next_month(validated_on: date, expected: date) -> None:
    license = _license(validated_on=validated_on, validity=ValidityBasis.EMERGENCY)
    assert nominal_expiry(license) == expected


def test_set_by_bis_uses_the_written_date_and_rolls_it() -> None:
    license = _license(validity=ValidityBasis.SET_BY_BIS, expires_on_set=date(2031, 12, 31))
    assert license_expiry(license) == date(2031, 12, 31)
    # Christmas 2031 is a Thursday.
    assert license_expiry(replace(license, expires_on_set=date(2031, 12, 25))) == date(2031, 12, 26)


def test_set_by_bis_without_a_date_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        license_expiry(_license(validity=ValidityBasis.SET_BY_BIS))
    assert set(caught.value.fields) == {"expires_on_set"}


def test_expires_on_set_is_ignored_for_other_bases() -> None:
    license = _license(expires_on_set=date(2027, 1, 5))
    assert license_expiry(license) == date(2030, 6, 26)
    assert "expires_on_set" in license_warnings(license)


def test_business_days_skip_weekends_and_observed_holidays() -> None:
    assert is_business_day(date(2026, 6, 26))  # Friday
    assert not is_business_day(date(2026, 6, 27))  # Saturday
    assert not is_business_day(date(2026, 7, 3))  # Independence Day (observed)
    assert not is_business_day(date(2026, 11, 26))  # Thanksgiving
    assert next_business_day(date(2026, 7, 3)) == date(2026, 7, 6)
    assert next_business_day(date(2026, 12, 24)) == date(2026, 12, 24)
    assert next_business_day(date(2026, 12, 25)) == date(2026, 12, 28)


def test_state_and_days_to_expiry_around_the_last_day() -> None:
    license = _license(validated_on=date(2026, 1, 1), validity=ValidityBasis.ONE_YEAR)
    last = date(2027, 1, 4)
    assert license_state(license, date(2026, 12, 31)) == "active"
    assert days_to_expiry(license, date(2026, 12, 31)) == 4
    assert license_state(license, last) == "active"
    assert days_to_expiry(license, last) == 0
    assert license_state(license, date(2027, 1, 5)) == "expired"
    assert days_to_expiry(license, date(2027, 1, 5)) == -1


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


def test_expiry_before_issue_is_refused() -> None:
    license = _license(validity=ValidityBasis.SET_BY_BIS, expires_on_set=date(2026, 6, 25))
    errors = validate_license(license)
    assert set(errors) == {"expires_on_set"}
    assert "an expiry before issue" in errors["expires_on_set"]
    assert "2026-06-25" in errors["expires_on_set"]


def test_set_by_bis_without_date_and_empty_number_are_errors() -> None:
    errors = validate_license(_license(number="  ", validity=ValidityBasis.SET_BY_BIS))
    assert set(errors) == {"number", "expires_on_set"}


@pytest.mark.parametrize("number", ["D12345", "d123456", "X123456", "D1234567", "D-123456"])
def test_unusual_numbers_only_warn(number: str) -> None:
    license = _license(number=number)
    assert validate_license(license) == {}
    assert set(license_warnings(license)) == {"number"}
