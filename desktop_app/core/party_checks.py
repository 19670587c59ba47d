"""Checks on a person's nationalities and status before they are stored (issue 15 point 5).

- A citizenship or residency cannot end on or before the day it began: it is held on the days
  ``since <= day < until`` (`deemed.held_on`), so such an entry is never held.
- A US citizenship held today cannot sit beside a foreign-person status (a nonimmigrant visa,
  or "other"): a US citizen is no foreign person (15 CFR 772.1; 734.13(a)(2)).
- A stateless person holds no citizenship today (one that ended before today may stay).
- A protected individual names the basis of 8 U.S.C. 1324b(a)(3)(B) (refugee, asylee, temporary
  resident); the basis and counsel's answer on its exclusions are recorded only for one.

"Today" is the day the caller gives; without one, an entry with no end counts as held.
"""

from __future__ import annotations

from datetime import date

from desktop_app.core.deemed import PROTECTED, held
from desktop_app.core.enums import NationalityBasis, ProtectedBasis, UsStatus
from desktop_app.core.models import Nationality, Party

FOREIGN_STATUSES = (UsStatus.NONIMMIGRANT_VISA, UsStatus.OTHER)
Errors = dict[str, str]


def entry_name(entry: Nationality, position: int) -> str:
    """How a message names one entry: ``CN citizenship (row 2)``."""
    return f"{entry.country or '(no country)'} {entry.basis.label.lower()} (row {position + 1})"


def backwards(party: Party) -> list[int]:
    """The positions of the entries that end on or before the day they began."""
    return [
        i
        for i, n in enumerate(party.nationalities)
        if n.since is not None and n.until is not None and n.until <= n.since
    ]


def nationality_errors(party: Party, today: date | None = None) -> Errors:
    """Hard problems with a person's nationalities and status, by field (see the docstring)."""
    errors: Errors = {}
    bad = backwards(party)
    if bad:
        entry = party.nationalities[bad[0]]
        errors["nationalities"] = (
            f"{entry_name(entry, bad[0])} ends on {entry.until}, not after it began on"
            f" {entry.since}: the end is the first day it is no longer held."
        )
    citizenships = [n for n in _held(party, today) if n.basis is NationalityBasis.CITIZENSHIP]
    if party.us_status in FOREIGN_STATUSES and any(n.country == "US" for n in citizenships):
        errors["us_status"] = (
            f"A US citizen is not a foreign person: a US citizenship is recorded as held, so the"
            f" US status cannot be “{party.us_status.label}”. Choose “US citizen”, or give"
            " the citizenship the day it ended."
        )
    if party.stateless and citizenships:
        errors["stateless"] = (
            f"A stateless person holds no citizenship, but {citizenships[0].country} citizenship"
            " is recorded as held: remove it, give the day it ended, or untick Stateless."
        )
    errors.update(_protected_errors(party))
    return errors


def _protected_errors(party: Party) -> Errors:
    if party.us_status is UsStatus.PROTECTED_INDIVIDUAL:
        if party.protected_basis is ProtectedBasis.NONE:
            return {
                "protected_basis": f"Name the basis of protected-individual status ({PROTECTED}):"
                " refugee (1157), asylee (1158) or temporary resident (1160(a), 1255a(a)(1))."
            }
        return {}
    if party.protected_basis is not ProtectedBasis.NONE:
        return {"protected_basis": "A protected basis is recorded only for a protected individual."}
    if party.protected_exclusions_clear is not None:
        return {
            "protected_exclusions_clear": "The exclusions of 8 U.S.C. 1324b(a)(3) are answered"
            " only for a protected individual."
        }
    return {}


def _held(party: Party, today: date | None) -> tuple[Nationality, ...]:
    if today is None:  # no day to ask about: what has no end still counts as held
        return tuple(n for n in party.nationalities if n.until is None)
    return held(party, today)
