"""Whether a BIS license reaches a release, dimension by dimension (15 CFR Part 750).

Status and validity on the date (750.7(g), 750.8), transaction types and items as recorded from
the license (none recorded is an unknown, never "any"), the party: named on the license
(750.7(a)(1)) or a regular and permanent employee of a named entity (750.7(a)(3); the facilities
the license names are not recorded here), employed on the date; a license's excluded countries
or groups applied to every nationality the person holds; and the conditions that must be met
before release (750.7(d)). A license is BIS's own authorization, so a Part 746 embargo is noted
as a caveat rather than a failure; a place the embargo check needs and the record lacks is still
an unknown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache

from desktop_app.core.authorizations import License, LicenseStatus
from desktop_app.core.coverage_model import Factor
from desktop_app.core.coverage_rules import embargo_factors
from desktop_app.core.coverage_subject import (
    FAIL,
    PASS,
    UNKNOWN,
    Subject,
    condition_factors,
    employment_factor,
    nationals_factor,
    type_factor,
)
from desktop_app.core.holiday_calendar import FEDERAL, HolidayCalendar
from desktop_app.core.validity import license_expiry

Expiry = Callable[[License], date]
PLACES = ("the activity's destination", "the release's place")


@lru_cache(maxsize=4096)
def cached_expiry(license: License, calendar: HolidayCalendar = FEDERAL) -> date:
    """A license's last valid day (15 CFR 750.7(g)), worked out once per license and calendar."""
    return license_expiry(license, calendar)


def license_factors(
    license: License, subject: Subject, expiry: Expiry
) -> tuple[str, list[Factor], list[str]]:
    """The basis the license would give, every factor it rests on, and its caveats."""
    number = f"license {license.number}"
    key = ("license", license.id, subject.kind, subject.question.item_id, subject.on)
    factors = list(
        subject.facts.remember(
            key,
            lambda: (
                _status(license, subject, expiry),
                _types(license, subject),
                _items(license, subject),
            ),
        )
    )
    party = _party(license, subject)
    factors += party
    if subject.is_individual:
        factors.append(
            nationals_factor(subject, license.excluded_countries, f"{number}: conditions")
        )
    conditions = [c for c in subject.facts.conditions if c.license_id == license.id]
    factors += condition_factors(subject, conditions, number)
    embargo = embargo_factors(subject)
    factors += [f for f in embargo if f.outcome is UNKNOWN and f.missing.startswith(PLACES)]
    caveats = [
        f"{f.detail} ({f.source}): confirm {number} authorizes it"
        for f in embargo
        if f.outcome is FAIL
    ]
    if not subject.kind.is_deemed:
        where = subject.question.destination or "the destination"
        caveats.append(
            f"{number} authorizes the parties, destination and end use of its application"
            f" (15 CFR 750.7(a)(1)): confirm {where} is among them"
        )
    return number, factors, caveats


def _status(license: License, subject: Subject, expiry: Expiry) -> Factor:
    number, on = f"license {license.number}", subject.on
    if license.status is not LicenseStatus.ACTIVE:
        detail = f"the license is {license.status.label.lower()}"
        return Factor("validity", FAIL, detail, f"{number}: status (15 CFR 750.8)")
    if on < license.validated_on:
        detail = f"not valid before {license.validated_on}"
        return Factor("validity", FAIL, detail, f"{number}: validated {license.validated_on}")
    expires = expiry(license)
    if expires < on:
        return Factor("validity", FAIL, f"expired on {expires}", f"{number}: 15 CFR 750.7(g)")
    detail = f"valid from {license.validated_on} to {expires}"
    return Factor("validity", PASS, detail, f"{number}: 15 CFR 750.7(g)")


def _types(license: License, subject: Subject) -> Factor:
    number = f"license {license.number}"
    missing = f"the transaction types {number} authorizes"
    return type_factor(license.transaction_types, subject, number, missing, "authorized")


def _items(license: License, subject: Subject) -> Factor:
    number, item = f"license {license.number}", subject.item
    source = f"{number}: items"
    if item is None:
        return Factor("item", UNKNOWN, "the release names no item", source, "the item released")
    if not license.item_ids:
        missing = f"the items {number} authorizes"
        return Factor("item", UNKNOWN, "the license's items are not recorded", source, missing)
    if item.id in license.item_ids:
        return Factor("item", PASS, f"{item.name} is on the license", source)
    return Factor("item", FAIL, f"{item.name} is not on the license", source)


def _party(license: License, subject: Subject) -> list[Factor]:
    number, party, employer = f"license {license.number}", subject.party, subject.employer
    if party.id in license.party_ids:
        return [Factor("party", PASS, f"{party.name} is named", f"{number}: parties")]
    if not subject.is_individual or employer is None or employer.id not in license.party_ids:
        tail = " and not an employee of one" if subject.is_individual else ""
        detail = f"{party.name} is not a party to the license{tail}"
        return [Factor("party", FAIL, detail, f"{number}: parties (15 CFR 750.7(a)(1))")]
    clause = f"{number}: release to regular employees of {employer.name} (15 CFR 750.7(a)(3))"
    if not license.employee_release:
        detail = f"the license does not extend to the employees of {employer.name}"
        return [Factor("party", FAIL, detail, clause)]
    employee = Factor("party", PASS, f"an employee of {employer.name}, a named party", clause)
    return [employee, employment_factor(subject, employer, regular_required=True)]
