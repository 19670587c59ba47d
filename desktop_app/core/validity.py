"""How long a license runs: its expiry date, its state on a given day, and checks on its dates.

15 CFR 750.7(g) (docs/domain.md#licenses): a license is valid for four years by default; for one
year in the listed cases (short supply, the 0A501/0A502/0A504–0A509 firearms, the advanced-computing
items of 742.6(a)(6)(iii)(A), see :mod:`one_year_items`); an emergency license at most to the end of
the calendar month after the month of issue; and BIS may set a longer period case by case.

The expiry printed on the license controls. When counsel enter it (``expires_on_set``) it is the
date of expiration whatever the basis; the date the basis gives is only a check: a printed date
before the validation date, or later than the basis allows, is refused; one earlier than the
basis gives is a warning. Without a printed date the basis gives the date; for an emergency
license that is an upper bound, with a warning asking for the printed date.

"If the date of expiration falls on a Federal or State holiday, the license will be valid until
midnight of the next business day": only a holiday extends (a Saturday or Sunday does not); see
:mod:`holiday_calendar` for which holidays count. All dates are ``datetime.date``; "today" is
always passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta

from desktop_app.core.authorizations import License, LicenseStatus, ValidityBasis
from desktop_app.core.holiday_calendar import FEDERAL, HolidayCalendar
from desktop_app.core.models import Item
from desktop_app.core.one_year_items import one_year_notes
from desktop_app.core.validation import LICENSE_NUMBER
from desktop_app.errors import ValidationError

Errors = dict[str, str]
LicenseState = Literal["active", "expired", "suspended", "revoked", "superseded"]

RULE = "15 CFR 750.7(g)"
_STORED_STATE: dict[LicenseStatus, LicenseState] = {
    LicenseStatus.SUSPENDED: "suspended",
    LicenseStatus.REVOKED: "revoked",
    LicenseStatus.SUPERSEDED: "superseded",
}


def basis_expiry(license: License) -> date | None:
    """The date of expiration the validity basis gives, before the holiday rule (None: BIS's).

    STANDARD_4Y adds four years to the validation date and ONE_YEAR one year (29 February goes
    to 28 February in a common year); EMERGENCY gives the last day of the calendar month after
    the month of issue (an upper bound); SET_BY_BIS gives none: only the printed date counts.
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
            return None


def nominal_expiry(license: License) -> date:
    """The date of expiration before the holiday rule: the printed date, else the basis's.

    Raises ValidationError when the basis is SET_BY_BIS and no date was printed.
    """
    if license.expires_on_set is not None:
        return license.expires_on_set
    computed = basis_expiry(license)
    if computed is None:
        raise ValidationError({"expires_on_set": _MISSING_SET_DATE})
    return computed


def license_expiry(license: License, calendar: HolidayCalendar = FEDERAL) -> date:
    """The last day the license is valid ("until midnight"), after the holiday rule of 750.7(g).

    The date of expiration (:func:`nominal_expiry`) moves to the next business day only when it
    is a holiday of ``calendar`` (federal unless the library chose a State).
    """
    return calendar.valid_through(nominal_expiry(license))


def license_state(
    license: License, today: date, calendar: HolidayCalendar = FEDERAL
) -> LicenseState:
    """Where the license stands on ``today``.

    A stored suspension, revocation or supersession wins; otherwise "expired" after its last
    valid day and "active" up to and including it.
    """
    if license.status is not LicenseStatus.ACTIVE:
        return _STORED_STATE[license.status]
    return "expired" if today > license_expiry(license, calendar) else "active"


def days_to_expiry(license: License, today: date, calendar: HolidayCalendar = FEDERAL) -> int:
    """Calendar days from ``today`` to the last valid day: 0 on that day, negative after."""
    return (license_expiry(license, calendar) - today).days


def validate_license(license: License, calendar: HolidayCalendar = FEDERAL) -> Errors:
    """Hard problems with a license, by field; an empty dict means it can be stored.

    Refused: an empty number, SET_BY_BIS without a date, a printed expiry before the validation
    date or later than the basis allows (the basis's date, extended if it is a holiday).
    """
    errors: Errors = {}
    if not license.number.strip():
        errors["number"] = "A license needs its number (as printed on the license)."
    printed, computed = license.expires_on_set, basis_expiry(license)
    if license.validity is ValidityBasis.SET_BY_BIS and printed is None:
        errors["expires_on_set"] = _MISSING_SET_DATE
    elif printed is not None and printed < license.validated_on:
        errors["expires_on_set"] = (
            f"The expiry date {printed.isoformat()} is before the validation date "
            f"{license.validated_on.isoformat()}: an expiry before issue."
        )
    elif printed is not None and computed is not None:
        allowed = calendar.valid_through(computed)
        if printed > allowed:
            errors["expires_on_set"] = (
                f"The printed expiry {printed.isoformat()} is later than the "
                f"{_basis(license)} basis allows ({allowed.isoformat()}, {RULE}). If BIS "
                "granted a longer period, choose the basis 'set by BIS'."
            )
    return errors


def license_warnings(
    license: License, items: Iterable[Item] = (), calendar: HolidayCalendar = FEDERAL
) -> Errors:
    """Unusual but allowed, by field: what counsel should check against the license itself.

    A number that is not "D" and six digits; a printed expiry earlier than the basis gives; an
    emergency license with no printed expiry; an expiry extended by a holiday; a four-year basis
    for an item that gets one-year validity (``items``: the matter's, those the license names
    are read).
    """
    warnings: Errors = {}
    number = license.number.strip()
    if number and not LICENSE_NUMBER.match(number):
        warnings["number"] = (
            f"License number {number!r} is not 'D' and six digits as BIS licenses usually "
            "are; kept as typed."
        )
    printed = _printed_note(license)
    if printed:
        warnings["expires_on_set"] = printed
    extended = _holiday_note(license, calendar)
    if extended:
        warnings["expires"] = extended
    one_year = _one_year_note(license, items)
    if one_year:
        warnings["validity"] = one_year
    return warnings


def _printed_note(license: License) -> str:
    printed, computed = license.expires_on_set, basis_expiry(license)
    if license.validity is ValidityBasis.EMERGENCY and printed is None and computed is not None:
        return (
            f"An emergency license runs at most to {computed.isoformat()}, the end of the month "
            f"after issue ({RULE}); enter the expiry printed on the license."
        )
    if printed is None or computed is None or printed >= computed:
        return ""
    if license.validity is ValidityBasis.EMERGENCY or printed < license.validated_on:
        return ""
    return (
        f"The printed expiry {printed.isoformat()} controls; the {_basis(license)} basis would "
        f"give {computed.isoformat()} ({RULE}). Check the date against the license."
    )


def _holiday_note(license: License, calendar: HolidayCalendar) -> str:
    try:
        expiry = nominal_expiry(license)
    except ValidationError:
        return ""
    holiday = calendar.holiday(expiry)
    if holiday is None:
        return ""
    return (
        f"{expiry.isoformat()} is {holiday}, a holiday ({calendar.name}): the license is valid "
        f"through {calendar.next_business_day(expiry).isoformat()}, the next business day "
        f"({RULE})."
    )


def _one_year_note(license: License, items: Iterable[Item]) -> str:
    if license.validity is not ValidityBasis.STANDARD_4Y:
        return ""
    notes = one_year_notes(i for i in items if i.id in license.item_ids)
    if not notes:
        return ""
    return (
        "The basis recorded is four years, but "
        + "; ".join(notes)
        + ": such licenses are valid for one year. Check the validity printed on the license."
    )


def _basis(license: License) -> str:
    return {
        ValidityBasis.STANDARD_4Y: "four-year",
        ValidityBasis.ONE_YEAR: "one-year",
        ValidityBasis.EMERGENCY: "emergency (end of the month after issue)",
    }.get(license.validity, license.validity.label.lower())


_MISSING_SET_DATE = "The validity basis 'set by BIS' needs the expiry date written on the license."
