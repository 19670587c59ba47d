"""How long a license runs: its expiry date, its state on a given day, and checks on its dates.

15 CFR 750.7(g) (DOMAIN §4.4): a license is valid for four years by default; for one year in the
listed cases (short supply, the 0A501/0A502/0A504–0A509 firearms, the advanced-computing items
of 742.6(a)(6)(iii)(A)); an emergency license to the end of the calendar month after the month
of issue; and BIS may set a longer period case by case. "If the date of expiration falls on a
Federal or State holiday, the license will be valid until midnight of the next business day."

Business days: the app cannot know which State's holidays matter to a given license, so it
counts US federal holidays (``holidays.US()``, with their observed days, e.g. Friday 3 July
2026 for a Saturday Independence Day) and Saturdays and Sundays as non-business days. Treating
weekends as non-business days follows the regulation's "next business day"; it can only move an
expiry later by a day or two, which counsel should confirm with BIS before relying on it.

All dates are ``datetime.date``; "today" is always passed in.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Literal

from dateutil.relativedelta import relativedelta

from desktop_app.core.authorizations import License, LicenseStatus, ValidityBasis
from desktop_app.core.validation import LICENSE_NUMBER
from desktop_app.errors import ValidationError

Errors = dict[str, str]
LicenseState = Literal["active", "expired", "suspended", "revoked", "superseded"]

_SATURDAY = 5
_STORED_STATE: dict[LicenseStatus, LicenseState] = {
    LicenseStatus.SUSPENDED: "suspended",
    LicenseStatus.REVOKED: "revoked",
    LicenseStatus.SUPERSEDED: "superseded",
}


@cache
def _federal_holidays(year: int) -> frozenset[date]:
    """US federal holidays of one year, observed days included."""
    import holidays  # noqa: PLC0415 - a heavy import, needed only once an expiry is computed

    return frozenset(holidays.country_holidays("US", years=year))


def is_business_day(day: date) -> bool:
    """True unless ``day`` is a Saturday, a Sunday or a US federal holiday (observed)."""
    return day.weekday() < _SATURDAY and day not in _federal_holidays(day.year)


def next_business_day(day: date) -> date:
    """``day`` itself when it is a business day, else the first business day after it."""
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def nominal_expiry(license: License) -> date:
    """The expiry date from the validity basis alone, before the holiday rule of 750.7(g).

    STANDARD_4Y adds four years to the validation date and ONE_YEAR one year (29 February goes
    to 28 February in a common year); EMERGENCY runs to the last day of the calendar month after
    the month of issue; SET_BY_BIS is the date BIS wrote on the license. Raises ValidationError
    when SET_BY_BIS has no date.
    """
    issued = license.validated_on
    match license.validity:
        case ValidityBasis.STANDARD_4Y:
            return issued + relativedelta(years=4)
        case ValidityBasis.ONE_YEAR:
            return issued + relativedelta(years=1)
        case ValidityBasis.EMERGENCY:
            # The first day of the second month after issue, less one day.
            return issued.replace(day=1) + relativedelta(months=2) - timedelta(days=1)
        case ValidityBasis.SET_BY_BIS:
            if license.expires_on_set is None:
                raise ValidationError({"expires_on_set": _MISSING_SET_DATE})
            return license.expires_on_set


def license_expiry(license: License) -> date:
    """The last day the license is valid, after the holiday rule of 15 CFR 750.7(g).

    The nominal expiry moves to the next business day when it falls on a weekend or a US
    federal holiday (see the module notes). The license is valid through the whole of the
    returned day ("until midnight").
    """
    return next_business_day(nominal_expiry(license))


def license_state(license: License, today: date) -> LicenseState:
    """Where the license stands on ``today``.

    A stored suspension, revocation or supersession wins; otherwise "expired" after its expiry
    day and "active" up to and including it.
    """
    if license.status is not LicenseStatus.ACTIVE:
        return _STORED_STATE[license.status]
    return "expired" if today > license_expiry(license) else "active"


def days_to_expiry(license: License, today: date) -> int:
    """Calendar days from ``today`` to the expiry day: 0 on the last valid day, negative after."""
    return (license_expiry(license) - today).days


def validate_license(license: License) -> Errors:
    """Hard problems with a license, by field; an empty dict means it can be stored.

    Refused: an empty number, SET_BY_BIS without a date, an expiry before issue.
    """
    errors: Errors = {}
    if not license.number.strip():
        errors["number"] = "A license needs its number (as printed on the license)."
    if license.validity is ValidityBasis.SET_BY_BIS and license.expires_on_set is None:
        errors["expires_on_set"] = _MISSING_SET_DATE
    elif license.expires_on_set is not None and license.expires_on_set < license.validated_on:
        errors["expires_on_set"] = (
            f"The expiry date {license.expires_on_set.isoformat()} is before the validation "
            f"date {license.validated_on.isoformat()}: an expiry before issue."
        )
    return errors


def license_warnings(license: License) -> Errors:
    """Unusual but allowed, by field.

    A number that is not "D" and six digits; an expiry date typed while the validity basis
    ignores it.
    """
    warnings: Errors = {}
    number = license.number.strip()
    if number and not LICENSE_NUMBER.match(number):
        warnings["number"] = (
            f"License number {number!r} is not 'D' and six digits as BIS licenses usually "
            "are; kept as typed."
        )
    if license.expires_on_set is not None and license.validity is not ValidityBasis.SET_BY_BIS:
        warnings["expires_on_set"] = (
            f"An expiry date is set but the validity basis is {license.validity.label.lower()}; "
            "the date is ignored unless the basis is 'set by BIS'."
        )
    return warnings


_MISSING_SET_DATE = "The validity basis 'set by BIS' needs the expiry date written on the license."
