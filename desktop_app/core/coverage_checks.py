"""The per-authorization checks behind coverage: the shared answers, and the license check.

Each check answers a ``Hit`` (the clause that covers) or a ``Miss`` (the most specific dimension
that fails, and how many fail). ``desktop_app.core.coverage`` reports the first hit, or the
nearest miss. Letters are checked in ``desktop_app.core.coverage_letters``.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from typing import Literal

from desktop_app.core.authorizations import License, LicenseStatus
from desktop_app.core.deemed import NOT_FOREIGN_PERSONS, deemed_destination
from desktop_app.core.enums import PartyKind, TransactionType
from desktop_app.core.models import Party

Kind = Literal["license", "letter"]
GroupLookup = Callable[[str], AbstractSet[str]]

# How specific a failing dimension is; the lowest is reported first.
STATUS, DATES, TYPE, ITEM, NEAR_PARTY, PARTY = range(6)

Failure = tuple[int, str, str]
"""A failing dimension: its rank, the words of the reason, and the clause it points at."""


@dataclass(frozen=True)
class Subject:
    """The release asked about: who receives it (and their employer), what, how and when."""

    party: Party
    employer: Party | None
    item_id: int | None
    item_label: str
    transaction_type: TransactionType
    on: date

    @property
    def is_individual(self) -> bool:
        """True for a natural person, the only party that can be someone's employee."""
        return self.party.kind is PartyKind.INDIVIDUAL


@dataclass(frozen=True)
class Hit:
    """An authorization that covers the release, and the clause that does it."""

    basis: str
    clause: str
    authorization_id: int
    kind: Kind


@dataclass(frozen=True)
class Miss:
    """An authorization that does not cover the release, with its most specific failure."""

    reason: str
    clause: str
    rank: int
    count: int
    authorization_id: int
    kind: Kind

    @property
    def nearness(self) -> tuple[int, int]:
        """Sort key: fewer failing dimensions first, then the more specific failure."""
        return (self.count, self.rank)


def miss(failures: list[Failure], authorization_id: int, kind: Kind) -> Miss:
    """Fold a non-empty list of failures into one Miss led by the most specific failure."""
    rank, reason, clause = min(failures, key=lambda failure: failure[0])
    return Miss(reason, clause, rank, len(failures), authorization_id, kind)


def check_license(
    license: License,
    ask: Subject,
    expiry: Callable[[License], date],
    group_of: GroupLookup | None,
) -> Hit | Miss:
    """Whether a license reaches this release: status, validity, type, item and party.

    Empty transaction types or items on a license mean any. A license naming an entity also
    reaches that entity's regular employees (15 CFR 750.7(a)(3)) unless the release is excluded
    or the person's deemed destination is an excluded country, or in an excluded group
    (``"D:5"``) when ``group_of`` is given.
    """
    number = f"license {license.number}"
    failures: list[Failure] = []
    if license.status is not LicenseStatus.ACTIVE:
        reason = f"{number} is {license.status.label.lower()}"
        failures.append((STATUS, reason, f"{number}: status"))
    elif ask.on < license.validated_on:
        reason = f"{number} is not valid before {license.validated_on}"
        failures.append((STATUS, reason, f"{number}: validated {license.validated_on}"))
    elif (expires := expiry(license)) < ask.on:
        failures.append((STATUS, f"{number} expired on {expires}", f"{number}: expires {expires}"))
    if license.transaction_types and ask.transaction_type not in license.transaction_types:
        types = ", ".join(t.label.lower() for t in license.transaction_types)
        reason = f"{ask.transaction_type.label.lower()} is not authorized by {number} ({types})"
        failures.append((TYPE, reason, f"{number}: transaction types ({types})"))
    if license.item_ids and ask.item_id not in license.item_ids:
        reason = f"{ask.item_label} is not among the items of {number}"
        failures.append((ITEM, reason, f"{number}: items"))
    party = _license_party(license, ask, group_of)
    if isinstance(party, Hit):
        return party if not failures else miss(failures, license.id, "license")
    return miss([*failures, party], license.id, "license")


def _license_party(license: License, ask: Subject, group_of: GroupLookup | None) -> Hit | Failure:
    """The named party, or the 750.7(a)(3) employee release, that brings the party in."""
    number = f"license {license.number}"
    if ask.party.id in license.party_ids:
        return Hit(number, f"{number}: named party — {ask.party.name}", license.id, "license")
    employer = ask.employer
    if not ask.is_individual or employer is None or employer.id not in license.party_ids:
        tail = " and not an employee of one" if ask.is_individual else ""
        return (PARTY, f"{ask.party.name} is not a party to {number}{tail}", f"{number}: parties")
    clause = f"{number}: release to regular employees of {employer.name} (15 CFR 750.7(a)(3))"
    if not license.employee_release:
        reason = f"{number} does not extend to the employees of {employer.name}"
        return (NEAR_PARTY, reason, clause)
    excluded = license.excluded_countries
    if excluded:
        listed = ", ".join(excluded)
        destination = deemed_destination(ask.party)
        if destination.country is None:
            reason = (
                f"{number} excludes {listed} and the deemed destination of {ask.party.name}"
                f" is unknown ({destination.reason})"
            )
            return (NEAR_PARTY, reason, clause)
        groups = set(group_of(destination.country)) if group_of is not None else set()
        if destination.country in excluded or groups & set(excluded):
            reason = f"{number} excludes releases to nationals of {destination.country} ({listed})"
            return (NEAR_PARTY, reason, clause)
    return Hit(number, clause, license.id, "license")


def no_authorization_needed(person: Party, kind: TransactionType) -> tuple[str, str] | None:
    """Basis and clause when the act needs no authorization, else None.

    A deemed release to a US citizen, lawful permanent resident or protected individual is not a
    deemed export (they are not foreign persons); an export to a body located in the United
    States is not an export (nothing leaves the country).
    """
    individual = person.kind is PartyKind.INDIVIDUAL
    if kind.is_deemed and individual and person.us_status in NOT_FOREIGN_PERSONS:
        basis = f"no deemed export: {deemed_destination(person).reason}"
        return basis, "15 CFR 734.13(a)(2), 734.14(a)(2): a release to a foreign person"
    if kind is TransactionType.EXPORT and not individual and person.country == "US":
        basis = "no export: the party is in the United States"
        return basis, "15 CFR 734.13(a)(1): a shipment or transmission out of the United States"
    return None


def d5_note(person: Party, group_of: GroupLookup | None) -> str:
    """``national of a D:5 country (CN)`` or ``located in a D:5 country (RU)``, else empty."""
    if group_of is None:
        return ""
    if person.kind is PartyKind.INDIVIDUAL:
        country = deemed_destination(person).country
        if country and "D:5" in group_of(country):
            return f"national of a D:5 country ({country})"
    if person.country and "D:5" in group_of(person.country):
        return f"located in a D:5 country ({person.country})"
    return ""
